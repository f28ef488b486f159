-- Conversations: one per (channel, chat, user), with the state the planner needs across turns,
-- every message in and out, and the short ids buttons carry.
create table conversations (
  id bigint generated always as identity primary key,
  channel text not null,
  chat_id text not null,
  user_id text not null,
  language text,
  -- buyer profile (name, company, country, business type), current filters, last results, shortlist
  state jsonb not null default '{}',
  handoff_status text not null default 'none'
    check (handoff_status in ('none', 'open', 'queued', 'claimed', 'closed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (channel, chat_id, user_id)
);

-- Every buyer message and every reply. An inbound message's dedupe id is unique per channel,
-- so a platform's retry is answered once, with the replies stored the first time.
create table conversation_messages (
  id bigint generated always as identity primary key,
  conversation_id bigint not null references conversations (id) on delete cascade,
  direction text not null check (direction in ('in', 'out')),
  channel text not null,
  dedupe_id text,
  -- for replies: the inbound message they answer
  reply_to bigint references conversation_messages (id) on delete cascade,
  text text,
  payload jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create unique index conversation_messages_dedupe on conversation_messages (channel, dedupe_id) where direction = 'in';
create index conversation_messages_conversation on conversation_messages (conversation_id, id);

-- Buttons carry a short random id; the action it stands for lives here
-- (Telegram rejects callback data over 64 bytes).
create table conversation_actions (
  id text primary key,
  conversation_id bigint not null references conversations (id) on delete cascade,
  action jsonb not null,
  created_at timestamptz not null default now()
);
