-- Hand-offs to sales: one row per confirmed quote request, through the rep's outcome. The
-- conversation's handoff_status is 'open' while the bot collects the request (no row yet), then
-- follows the live row. 'requested' and 'confirmed' are for later phases (a request the bot opens
-- itself, routing that waits).
create table handoffs (
  id bigint generated always as identity primary key,
  conversation_id bigint not null references conversations (id) on delete cascade,
  status text not null default 'requested'
    check (status in ('requested', 'confirmed', 'queued', 'claimed', 'closed')),
  -- the QuoteRequest (src/handoff/quote-request.ts): items, destination, target date, buyer, contact
  quote jsonb not null default '{}',
  -- what the rep reads first: the LLM planner's note, or an extract of the conversation
  summary text,
  outcome text check (outcome in ('quoted', 'won', 'lost', 'spam')),
  note text,
  created_at timestamptz not null default now(),
  confirmed_at timestamptz,
  claimed_at timestamptz,
  claimed_by text,
  first_rep_reply_at timestamptz,
  closed_at timestamptz
);
-- At most one live hand-off per conversation; a closed one leaves room for the next request.
create unique index handoffs_live on handoffs (conversation_id) where status <> 'closed';
create index handoffs_by_status on handoffs (status, created_at);

-- Notifications that must not be lost: written in the same transaction as the state change they
-- announce, delivered later by the outbox worker (src/handoff/outbox.ts) with retries.
create table outbox (
  id bigint generated always as identity primary key,
  kind text not null,
  -- the same event enqueued twice (a retried transaction) is one row, delivered once
  idempotency_key text not null unique,
  payload jsonb not null default '{}',
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  delivered_at timestamptz,
  last_error text,
  created_at timestamptz not null default now()
);
create index outbox_due on outbox (next_attempt_at) where delivered_at is null;
