import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { importCatalog, type ImportReport, type RowProblem } from '../../catalog/import-catalog.ts';
import { CATALOG_FORMATS, formatFromPath, type CatalogFormat } from '../../catalog/read-catalog.ts';
import { UsageError } from '../../errors.ts';
import { createImportIndexer } from '../../search/search-index.ts';
import { JSON_OPTION, writeJson, type Command, type CommandIO } from '../command.ts';
import { createProgress, megabytes } from '../progress.ts';

// Files smaller than this finish before a bar would be worth drawing.
const PROGRESS_MIN_BYTES = 512 * 1024;

export const importCommand: Command = {
  name: 'import',
  usage: 'showroom import <file|-> [--format csv|json|jsonl] [--dry-run] [--sync] [--skip-invalid] [--json]',
  summary: 'validate a catalog file and upsert its products by SKU',
  options: {
    ...JSON_OPTION,
    format: { type: 'string' },
    'dry-run': { type: 'boolean' },
    sync: { type: 'boolean' },
    'skip-invalid': { type: 'boolean' },
  },
  async run(ctx) {
    const [file, ...extra] = ctx.positionals;
    if (!file || extra.length) throw new UsageError('USAGE', `Usage: ${this.usage}`);
    const format = parseFormat(ctx.values.format, file);
    const { input, size } = await openInput(ctx.io, file);
    const progress =
      size >= PROGRESS_MIN_BYTES
        ? createProgress({
            stream: ctx.io.stderr,
            isTTY: ctx.io.stderrIsTTY,
            total: size,
            label: 'Importing',
            format: megabytes,
          })
        : undefined;
    let bytes = 0;
    const counted = input.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      }),
    );
    input.on('error', (error: Error) => counted.destroy(error));
    const { db, search } = await ctx.runtime();
    const report = await importCatalog(db, counted, {
      format,
      source: file,
      dryRun: Boolean(ctx.values['dry-run']),
      sync: Boolean(ctx.values.sync),
      skipInvalid: Boolean(ctx.values['skip-invalid']),
      // Embedded PGlite runs one session: other readers wait for the import's transaction in any case.
      ...createImportIndexer({ lexicon: search.lexicon, embedder: search.embedder, readersWait: db.kind === 'pglite' }),
      onRows: (rows) => progress?.update(bytes, `${rows.toLocaleString('en')} rows`),
    });
    progress?.update(size, `${report.rows.toLocaleString('en')} rows`);
    progress?.stop();
    if (ctx.json) writeJson(ctx.io, report);
    else printReport(ctx.io, report);
    const unreadable = report.errors.some((e) => e.field === '(file)' || e.field === '(header)');
    const rejected = report.invalid > 0 && !ctx.values['skip-invalid'];
    return unreadable || rejected ? 1 : 0;
  },
};

function parseFormat(value: unknown, file: string): CatalogFormat {
  if (value === undefined) {
    if (file === '-') throw new UsageError('USAGE', 'Reading from stdin needs --format csv, json or jsonl');
    return formatFromPath(file);
  }
  if (!(CATALOG_FORMATS as readonly unknown[]).includes(value)) {
    throw new UsageError('USAGE', `--format must be one of ${CATALOG_FORMATS.join(', ')}, got ${String(value)}`);
  }
  return value as CatalogFormat;
}

async function openInput(io: CommandIO, file: string) {
  if (file === '-') return { input: io.stdin, size: 0 };
  const full = path.resolve(io.cwd, file);
  const info = await stat(full).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError('NO_FILE', `No such file: ${full}`);
  return { input: createReadStream(full), size: info.size };
}

function where(problem: RowProblem): string {
  const line = problem.line ? ` (line ${problem.line})` : '';
  const sku = problem.sku ? ` sku ${problem.sku}` : '';
  return problem.row === 0 ? problem.file : `${problem.file} row ${problem.row}${line}${sku}`;
}

function printReport(io: CommandIO, report: ImportReport): void {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const mode = report.dry_run ? ' (dry run: nothing written)' : '';
  out(`${report.file} (${report.format}): ${report.rows} rows${mode}`);
  out(
    `  created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, archived ${report.archived}, invalid ${report.invalid}`,
  );
  if (report.factories_created.length) out(`  new factories: ${report.factories_created.join(', ')}`);
  if (report.warnings.length) {
    out(`Warnings (${report.warnings.length + report.warnings_not_listed}):`);
    for (const w of report.warnings.slice(0, 20)) out(`  ${where(w)}: ${w.field}: ${w.reason}`);
    if (report.warnings.length > 20)
      out(`  … and ${report.warnings.length - 20 + report.warnings_not_listed} more (--json lists them)`);
  }
  if (report.errors.length) {
    out(`Errors (${report.errors.length + report.errors_not_listed}):`);
    for (const e of report.errors) out(`  ${where(e)}: ${e.field}: ${e.reason}`);
    if (report.errors_not_listed) out(`  … and ${report.errors_not_listed} more`);
    if (!report.committed && !report.dry_run) {
      io.stderr.write(
        'Nothing was written: fix the rows above and import again, or pass --skip-invalid to import the valid rows.\n',
      );
    }
  }
}
