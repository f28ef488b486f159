import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { parse as parseCsv, type CsvError } from 'csv-parse';
import streamArray from 'stream-json/streamers/stream-array.js';
import { UsageError } from '../errors.ts';
import type { FieldProblem } from './validate-row.ts';

/**
 * Streams a catalog file as raw rows, one at a time, so a 100k-row file is
 * never held whole in memory. Rows keep their position (row number and, for
 * CSV and JSONL, the line) for the error report. Problems found while reading
 * (broken quoting, invalid UTF-8, a JSON value that is not an object) arrive
 * as rows with errors; a file that cannot be read on at all ends with one.
 */

export const CATALOG_FORMATS = ['csv', 'json', 'jsonl'] as const;
export type CatalogFormat = (typeof CATALOG_FORMATS)[number];

export interface RawRow {
  /** 1-based position among the data rows (the CSV header is not counted). */
  row: number;
  line?: number;
  values?: Record<string, unknown>;
  errors: FieldProblem[];
}

export function formatFromPath(file: string): CatalogFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new UsageError(
    'UNKNOWN_FORMAT',
    `Cannot tell the format of ${file} from its extension; use .csv, .json or .jsonl, or pass --format`,
  );
}

const INVALID_UTF8 = 'invalid UTF-8 bytes; save the file as UTF-8 and import it again';
const CSV_FORMULA_ESCAPE = /^'[=+\-@\t\r]/;

/**
 * Decodes UTF-8 line by line, remembering which lines held invalid bytes
 * (they are decoded with U+FFFD so parsing can go on and name the row).
 */
class Utf8Lines extends Transform {
  readonly invalidLines = new Set<number>();
  private carry: Buffer = Buffer.alloc(0);
  private line = 1;

  constructor() {
    super({ decodeStrings: true, readableObjectMode: false, encoding: 'utf8' });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = data.lastIndexOf(0x0a);
    if (end === -1) {
      this.carry = data;
      return done();
    }
    this.carry = data.subarray(end + 1);
    this.emitLines(data.subarray(0, end + 1));
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.carry.length) this.emitLines(this.carry);
    done();
  }

  private emitLines(block: Buffer): void {
    if (!isUtf8(block)) {
      let start = 0;
      for (let i = 0; i <= block.length; i++) {
        if (i === block.length || block[i] === 0x0a) {
          if (!isUtf8(block.subarray(start, i))) this.invalidLines.add(this.line);
          this.line++;
          start = i + 1;
        }
      }
      if (block[block.length - 1] === 0x0a) this.line--;
    } else {
      for (const byte of block) if (byte === 0x0a) this.line++;
    }
    this.push(block.toString('utf8'));
  }
}

function utf8Problems(values: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (field: string, value: unknown): boolean => {
    if (typeof value === 'string') return value.includes('\uFFFD');
    if (Array.isArray(value)) return value.some((item) => visit(field, item));
    if (value && typeof value === 'object') return Object.values(value).some((item) => visit(field, item));
    return false;
  };
  for (const [field, value] of Object.entries(values)) {
    if (visit(field, value)) problems.push({ field, reason: INVALID_UTF8 });
  }
  return problems.length ? problems : [{ field: '(row)', reason: INVALID_UTF8 }];
}

export function readCatalogRows(input: Readable, format: CatalogFormat): AsyncGenerator<RawRow> {
  const lines = new Utf8Lines();
  input.on('error', (error) => lines.destroy(error));
  input.pipe(lines);
  if (format === 'csv') return readCsv(lines);
  if (format === 'jsonl') return readJsonl(lines);
  return readJsonArray(lines);
}

async function* readCsv(lines: Utf8Lines): AsyncGenerator<RawRow> {
  const skipped: RawRow[] = [];
  let header: string[] | undefined;
  let row = 0;
  const parser = parseCsv({
    bom: true,
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    columns: (names: string[]) => {
      header = names.map((name) => name.trim().toLowerCase());
      return header;
    },
  });
  parser.on('skip', (error: CsvError & { lines?: number }) => {
    row++;
    // An unclosed quote swallows the rest of the file, so the file, not just this row, is unreadable.
    const field = error.code === 'CSV_QUOTE_NOT_CLOSED' ? '(file)' : '(row)';
    skipped.push({ row, line: error.lines, errors: [{ field, reason: `unreadable CSV: ${error.message}` }] });
  });
  lines.pipe(parser);
  const missingHeader = (): RawRow | undefined => {
    const missing = ['sku', 'title', 'category', 'price_tiers'].filter((name) => !header?.includes(name));
    return missing.length
      ? {
          row: 0,
          line: 1,
          errors: [
            {
              field: '(header)',
              reason: `the header has no ${missing.join(', ')} column; the first line must name the columns`,
            },
          ],
        }
      : undefined;
  };
  let headerChecked = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      if (!headerChecked) {
        headerChecked = true;
        const problem = missingHeader();
        if (problem) {
          yield problem;
          return;
        }
      }
      yield* skipped.splice(0);
      row++;
      const values: Record<string, unknown> = {};
      for (const [key, cell] of Object.entries(record)) {
        if (key === '') continue;
        values[key] = CSV_FORMULA_ESCAPE.test(cell) ? cell.slice(1) : cell;
      }
      const bad = lines.invalidLines.size > 0 && Object.values(record).some((cell) => cell.includes('\uFFFD'));
      yield { row, line: info.lines, values, errors: bad ? utf8Problems(values) : [] };
    }
  } catch (error) {
    yield* skipped.splice(0);
    yield {
      row: row + 1,
      errors: [{ field: '(file)', reason: `unreadable CSV, stopped here: ${(error as Error).message}` }],
    };
    return;
  }
  yield* skipped.splice(0);
  if (!headerChecked && header) {
    const problem = missingHeader();
    if (problem) yield problem;
  }
}

async function* readJsonl(lines: Utf8Lines): AsyncGenerator<RawRow> {
  let carry = '';
  let lineNo = 0;
  let row = 0;
  const parseLine = (text: string): RawRow | undefined => {
    lineNo++;
    if (text.trim() === '') return undefined;
    row++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { row, line: lineNo, errors: [{ field: '(row)', reason: `not valid JSON: ${(error as Error).message}` }] };
    }
    return objectRow(value, row, lineNo, lines.invalidLines.has(lineNo));
  };
  for await (const chunk of lines as AsyncIterable<string>) {
    const parts = (carry + chunk).split('\n');
    carry = parts.pop()!;
    for (const part of parts) {
      const raw = parseLine(part.replace(/\r$/, '').replace(/^\uFEFF/, ''));
      if (raw) yield raw;
    }
  }
  const last = parseLine(carry.replace(/\r$/, ''));
  if (last) yield last;
}

async function* readJsonArray(lines: Utf8Lines): AsyncGenerator<RawRow> {
  const elements = streamArray.withParserAsStream();
  lines.pipe(elements);
  lines.on('error', (error) => elements.destroy(error));
  let row = 0;
  try {
    for await (const { value } of elements as AsyncIterable<{ key: number; value: unknown }>) {
      row++;
      yield objectRow(value, row, undefined, lines.invalidLines.size > 0);
    }
  } catch (error) {
    const message = (error as Error).message;
    const reason = /top-level|array/i.test(message)
      ? 'a JSON catalog must be one array of product objects: [{"sku": …}, …]'
      : `not valid JSON after row ${row}: ${message}`;
    yield { row: row + 1, errors: [{ field: '(file)', reason }] };
  }
}

function objectRow(value: unknown, row: number, line: number | undefined, maybeBadUtf8: boolean): RawRow {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { row, line, errors: [{ field: '(row)', reason: 'expected a JSON object with product fields' }] };
  }
  const values = value as Record<string, unknown>;
  const bad = maybeBadUtf8 && JSON.stringify(values).includes('\uFFFD');
  return { row, line, values, errors: bad ? utf8Problems(values) : [] };
}
