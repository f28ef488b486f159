// `npm run eval`: the search-quality and bundle evals arrive with issues #3 and #4.
process.stderr.write(
  'npm run eval: not implemented yet; the search quality eval arrives with issue #3 and the bundle eval with issue #4.\n',
);
process.exitCode = 2;
