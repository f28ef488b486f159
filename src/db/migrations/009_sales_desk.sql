-- The sales desk (src/handoff/sales-desk.ts): reps claim hand-offs from a Slack channel or a
-- Telegram group and talk to the buyer through the bot until they close them.

alter table handoffs
  -- the rep who claimed it, as people read it ("Li Wei"); claimed_by is "<platform>:<user id>"
  add column claimed_by_name text,
  -- where the rep works: the buyer's messages are passed there ('slack' | 'telegram', and its chat)
  add column rep_platform text,
  add column rep_chat_id text,
  -- /bot: how many buyer messages the bot may answer while the hand-off is claimed
  add column bot_answers integer not null default 0,
  -- when it last entered the queue (confirmed, or released by a rep); SLA timers count from here
  add column queued_at timestamptz,
  -- bumped on every release, so a timer set for an earlier stay in the queue does nothing
  add column queue_round integer not null default 0,
  add column reminded_at timestamptz,
  add column escalated_at timestamptz,
  add column closed_by text;

update handoffs set queued_at = coalesce(confirmed_at, created_at) where queued_at is null;

-- Every message the desk put on a sales platform for a hand-off: its card in each destination and
-- the buyer's messages passed to the rep. A rep's reply to any of them (a Telegram reply, a Slack
-- thread under the card) finds the hand-off here.
create table handoff_posts (
  id bigint generated always as identity primary key,
  handoff_id bigint not null references handoffs (id) on delete cascade,
  platform text not null,
  chat_id text not null,
  -- Telegram message_id, Slack ts
  message_id text not null,
  -- Slack: the card's ts for messages in its thread
  thread_id text,
  kind text not null check (kind in ('card', 'relay', 'notice')),
  created_at timestamptz not null default now(),
  unique (platform, chat_id, message_id)
);
create index handoff_posts_by_handoff on handoff_posts (handoff_id, kind);
-- one card per hand-off and destination
create unique index handoff_posts_one_card on handoff_posts (handoff_id, platform, chat_id) where kind = 'card';

-- Every change of a hand-off's state, who made it and when: the record beside the transcript.
create table handoff_events (
  id bigint generated always as identity primary key,
  handoff_id bigint not null references handoffs (id) on delete cascade,
  kind text not null,
  actor text,
  detail jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index handoff_events_by_handoff on handoff_events (handoff_id, id);
