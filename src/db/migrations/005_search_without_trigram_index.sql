-- Trigram similarity now only re-ranks the candidates the vector and full-text lists found
-- (src/search/search-catalog.ts), so the trigram index over the whole search text is never used;
-- keeping it cost every indexed product a GIN update. `showroom reindex` no longer builds it.
drop index if exists product_search_trgm;
