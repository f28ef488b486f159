-- A number that changes whenever anything a bundle or card reads from the catalog changes, so a
-- process may keep catalog rows in memory and check with one tiny query that they are current
-- (every replica checks for itself: nothing correct depends on what one process remembers).
create table catalog_version (
  id boolean primary key default true check (id),
  version bigint not null default 0
);
insert into catalog_version default values;

create function bump_catalog_version() returns trigger language plpgsql as $$
begin
  update catalog_version set version = version + 1;
  return null;
end $$;

create trigger products_bump_catalog_version after insert or update or delete or truncate on products
  for each statement execute function bump_catalog_version();
create trigger price_tiers_bump_catalog_version after insert or update or delete or truncate on price_tiers
  for each statement execute function bump_catalog_version();
create trigger factories_bump_catalog_version after insert or update or delete or truncate on factories
  for each statement execute function bump_catalog_version();
create trigger currency_rates_bump_catalog_version after insert or update or delete or truncate on currency_rates
  for each statement execute function bump_catalog_version();
