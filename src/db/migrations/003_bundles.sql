-- Curated bundles: a main product and the SKUs a person chose to go with it (seed/bundles.json
-- fills an empty table). SKUs are plain text, not foreign keys: a look may outlive a product
-- being archived or re-imported, and the suggester checks every piece when it uses the look.
create table curated_bundles (
  id text primary key check (id <> ''),
  name text not null check (name <> ''),
  main_sku text not null,
  item_skus text[] not null default '{}',
  -- one of bundle-rules.json's occasions; null: the main product's own
  occasion text,
  note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index curated_bundles_main_sku on curated_bundles (main_sku);
