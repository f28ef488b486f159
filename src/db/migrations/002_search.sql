-- Search: everything derived from a product for retrieval lives in product_search
-- (search text, lexicon concepts, full-text vector, embedding), one row per product.
-- `showroom reindex` builds a new table beside it and swaps, so search never sees half an index.
-- The embedding column's dimension depends on the embedder, so src/search/search-index.ts
-- creates product_search on first use rather than this migration.

-- Which embedder built product_search, and with how many dimensions.
create table search_index_state (
  singleton boolean primary key default true check (singleton),
  embedder text not null,
  dimensions integer not null check (dimensions > 0),
  built_at timestamptz not null default now()
);

-- Admin-set exchange rates for budget filters: how many US dollars one unit of a currency buys.
create table currency_rates (
  currency char(3) primary key,
  usd_per_unit numeric(18, 8) not null check (usd_per_unit > 0),
  updated_at timestamptz not null default now()
);
insert into currency_rates (currency, usd_per_unit) values
  ('USD', 1), ('EUR', 1.08), ('GBP', 1.27), ('CNY', 0.138), ('RUB', 0.011), ('TRY', 0.029),
  ('BRL', 0.18), ('MXN', 0.055), ('AED', 0.2723), ('SAR', 0.2667), ('INR', 0.012), ('JPY', 0.0066);
