-- product_search copies the product fields the search filters test (status, category, MOQ, lead time,
-- stock, dropship, currency, price tiers), so filtered vector and full-text scans read one table instead
-- of joining products row by row (src/search/search-table.ts creates new tables with them).
-- Vectors of up to 1,024 dimensions are kept inline from now on: rows written later stay out of the
-- TOAST table; `showroom reindex` rewrites the older ones.
do $$
begin
  if to_regclass('product_search') is null then
    return;
  end if;
  alter table product_search
    add column status text,
    add column category text,
    add column moq integer,
    add column lead_time_days integer,
    add column stock integer,
    add column dropship boolean,
    add column currency char(3),
    add column tier_min_qty integer[],
    add column tier_unit_price numeric(14, 4)[];
  update product_search s
  set status = p.status, category = p.category, moq = p.moq, lead_time_days = p.lead_time_days, stock = p.stock,
      dropship = p.dropship, currency = p.currency,
      tier_min_qty = coalesce((select array_agg(t.min_qty order by t.min_qty) from price_tiers t where t.product_id = p.id), '{}'),
      tier_unit_price = coalesce((select array_agg(t.unit_price order by t.min_qty) from price_tiers t where t.product_id = p.id), '{}')
  from products p
  where p.id = s.product_id;
  alter table product_search
    alter column status set not null,
    alter column category set not null,
    alter column moq set not null,
    alter column dropship set not null,
    alter column currency set not null,
    alter column tier_min_qty set not null,
    alter column tier_unit_price set not null,
    -- The planner has no use for vector statistics, and with search text statistics it ran
    -- word_similarity over every sampled text to plan each trigram statement.
    alter column embedding set statistics 0,
    alter column search_text set statistics 0;
  -- Statistics 0 only stops ANALYZE from gathering more; drop what it gathered (a superuser may).
  begin
    delete from pg_statistic
    where starelid = 'product_search'::regclass
      and staattnum in (select attnum from pg_attribute
                        where attrelid = 'product_search'::regclass and attname in ('embedding', 'search_text'));
  exception when insufficient_privilege then
    null;
  end;
  if (select dimensions from search_index_state) <= 1024 then
    alter table product_search alter column embedding set storage plain;
    alter table product_search set (toast_tuple_target = 8160);
  end if;
end $$;

-- A half-built reindex table has the old layout; the next reindex starts over anyway.
drop table if exists product_search_next;
