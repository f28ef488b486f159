-- The catalog: factories, products and their quantity price tiers.
-- Columns follow the catalog file format in CONTRACT.md.
create extension if not exists vector;
create extension if not exists pg_trgm;

create table factories (
  id bigint generated always as identity primary key,
  name text not null,
  city text,
  province text,
  description text,
  specialties text[] not null default '{}',
  -- Products whose file row names no factory belong to the default one.
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index factories_name_key on factories (lower(name));
create unique index factories_one_default on factories (is_default) where is_default;
insert into factories (name, is_default) values ('Default factory', true);

create table products (
  id bigint generated always as identity primary key,
  sku text not null unique check (sku ~ '^[A-Za-z0-9._-]{1,64}$'),
  factory_id bigint not null references factories (id),
  title text not null check (title <> ''),
  category text not null check (category <> ''),
  subcategory text,
  description text,
  colors text[] not null default '{}',
  sizes text[] not null default '{}',
  materials text[] not null default '{}',
  tags text[] not null default '{}',
  currency char(3) not null default 'USD',
  moq integer not null check (moq >= 1),
  sample_price numeric(14, 4) check (sample_price >= 0),
  sample_days integer check (sample_days >= 0),
  lead_time_days integer check (lead_time_days >= 0),
  customization text[] not null default '{}',
  certifications text[] not null default '{}',
  dropship boolean not null default false,
  -- null: made to order
  stock integer check (stock >= 0),
  image_urls text[] not null default '{}',
  status text not null default 'active' check (status in ('active', 'archived')),
  -- sha256 of the normalised product as imported; equal hash means nothing to write.
  content_hash text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index products_factory on products (factory_id);
create index products_active_category on products (category) where status = 'active';

create table price_tiers (
  product_id bigint not null references products (id) on delete cascade,
  min_qty integer not null check (min_qty >= 1),
  unit_price numeric(14, 4) not null check (unit_price >= 0),
  primary key (product_id, min_qty)
);

-- One row per import, dry runs included, so an admin can see what changed and when.
create table import_runs (
  id bigint generated always as identity primary key,
  source text not null,
  format text not null,
  dry_run boolean not null,
  sync boolean not null,
  committed boolean not null,
  created integer not null,
  updated integer not null,
  unchanged integer not null,
  archived integer not null,
  invalid integer not null,
  started_at timestamptz not null,
  finished_at timestamptz not null default now()
);
