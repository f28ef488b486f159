-- product_search no longer keeps the text its full-text vector was made from: nothing read it, and every
-- filtered scan paid for its pages (src/search/search-table.ts). Dropping a column only marks it dropped;
-- the space comes back as rows are rewritten (import, `showroom reindex`).
alter table if exists product_search drop column if exists search_text;
-- A half-built reindex table has the old layout; the next reindex starts over anyway.
drop table if exists product_search_next;
-- ANALYZE skips the columns no query filters on by themselves (src/search/search-table.ts).
do $$
begin
  if to_regclass('product_search') is not null then
    alter table product_search
      alter column embedder set statistics 0,
      alter column dimensions set statistics 0,
      alter column content_hash set statistics 0,
      alter column tier_min_qty set statistics 0,
      alter column tier_unit_price set statistics 0;
  end if;
end $$;
