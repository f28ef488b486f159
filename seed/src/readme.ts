/** seed/README.md, written by the generator so counts stay current. */

export function readme(counts: Record<string, number>, total: number, active: number): string {
  const lines = Object.entries(counts).map(([category, n]) => `| ${category} | ${n} |`);
  return `# Seed catalog

A realistic sample catalog for Showroom: ${total} products (${active} active) from six Chinese
factories selling dresses and accessories to small overseas buyers. \`showroom start\` and
\`showroom chat\` load it into an empty catalog.

| file | what |
| --- | --- |
| \`catalog.jsonl\` | one product per line in the CONTRACT.md catalog format, sorted by SKU |
| \`factories.json\` | the factories, with city, province, specialties and description |
| \`bundle-rules.json\` | which categories complete an outfit per occasion, colour palettes, price band |
| \`bundles.json\` | curated looks: a main product and the SKUs that go with it |
| \`generate.ts\`, \`src/\` | the generator |

| category | products |
| --- | --- |
${lines.join('\n')}

## Regenerate

\`\`\`sh
npm run seed:generate   # or: npx tsx seed/generate.ts
\`\`\`

The generator is deterministic (seeded mulberry32 PRNG, no clock): two runs write byte-identical
files. It refuses to write a catalog that lost coverage the tests rely on (see \`src/coverage.ts\`).
Edit the generator, not the output files.

## Images

\`image_urls\` point at the placeholder host \`https://placehold.co/600x800/png?text=<SKU>\`
(with \`-2\`, \`-3\` for extra views). They are placeholders, not product photos.
`;
}
