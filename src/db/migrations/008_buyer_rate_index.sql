-- The engine counts a buyer's messages of the last minute on every message (the per-buyer rate
-- limit); with this index that reads the last minute only, not the whole conversation.
create index conversation_messages_recent_in on conversation_messages (conversation_id, created_at)
  where direction = 'in';
