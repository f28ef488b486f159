/**
 * Rows in PostgreSQL's binary formats, so nothing is parsed from text in WebAssembly: on a 10,000-product import
 * the search rows' INSERT … SELECT from JSON took ~1 s (JSON, the vectors' and tsvectors' literals), the same
 * rows as a binary COPY ~0.35 s. Two containers for the same field encodings:
 *  - COPY's binary format (the "Binary Format" section of the COPY reference), for embedded PGlite, which reads
 *    COPY input from its /dev/blob device;
 *  - a binary array of the table's row type, sent as one binary parameter (`unnest($1::table[])`): what the
 *    pg driver can send, since pglite-socket takes no COPY FROM STDIN. record_recv checks each field's type
 *    OID, so this form needs them.
 *
 * Usage: `row(n)` once per row, then exactly n field calls in the table's column order.
 */

import type { Queryable } from './database.ts';

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]; // "PGCOPY\n\377\r\n\0"
const INT4_OID = 23;
const TEXT_OID = 25;
const NUMERIC_OID = 1700;
const NUMERIC_NEG = 0x4000;

/** The row type of a table and the types of its columns, in order (recordArray needs them). */
export interface RowType {
  oid: number;
  columns: readonly string[];
  columnOids: readonly number[];
}

/**
 * The row types a transaction has looked up, by table. A table's row type changes only when the table is replaced
 * (reindex swaps product_search), which takes a lock no other session can hold beside a transaction writing the
 * table; the lookup, a catalog query of ~2.5 ms over pg-socket, ran three times per 500 imported products.
 * Only transactions and sessions are remembered, never a whole Database: its next query may follow a swap.
 */
const rowTypesSeen = new WeakMap<Queryable, Map<string, RowType>>();

/** The row type of `table`, whose columns must be `columns` in this order (a row is written whole). */
export async function rowTypeOf(db: Queryable, table: string, columns: readonly string[]): Promise<RowType> {
  let seen: Map<string, RowType> | undefined;
  if (!('transaction' in db)) {
    seen = rowTypesSeen.get(db);
    if (!seen) rowTypesSeen.set(db, (seen = new Map()));
  }
  const remembered = seen?.get(table);
  if (remembered && remembered.columns.join() === columns.join()) return remembered;
  const { rows } = await db.query<{ oid: number; columns: string[]; column_oids: number[] }>(
    `select t.reltype::bigint as oid, array_agg(a.attname::text order by a.attnum) as columns,
            array_agg(a.atttypid::bigint order by a.attnum) as column_oids
       from pg_class t join pg_attribute a on a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
      where t.oid = $1::regclass
      group by t.reltype`,
    [table],
  );
  const found = rows[0];
  if (!found || found.columns.join() !== columns.join())
    throw new Error(`${table} has columns (${found?.columns.join(', ')}), expected (${columns.join(', ')})`);
  const rowType = { oid: found.oid, columns: found.columns, columnOids: found.column_oids };
  seen?.set(table, rowType);
  return rowType;
}

export class BinaryCopyWriter {
  private buf: Buffer;
  private view: DataView;
  private at = 0;
  /** recordArray only: the row type, the field being written, where the row began and how many rows there are */
  private readonly rowType?: RowType;
  private column = 0;
  private rowStart = -1;
  private rows = 0;

  /** Data for COPY … FROM … WITH (FORMAT binary); given a row type, an array of its rows (see recordArray). */
  constructor(expectedBytes = 1 << 16, rowType?: RowType) {
    this.buf = Buffer.allocUnsafe(Math.max(expectedBytes, 64));
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    if (rowType) {
      this.rowType = rowType;
      this.int32(1); // dimensions
      this.int32(0); // has nulls
      this.int32(rowType.oid);
      this.int32(0); // rows, set by finish()
      this.int32(1); // lower bound
      return;
    }
    for (const byte of SIGNATURE) this.buf[this.at++] = byte;
    this.int32(0); // flags
    this.int32(0); // header extension length
  }

  /** A one-dimensional array of rows of this type, in binary (array_recv, record_recv), for a binary parameter. */
  static recordArray(rowType: RowType, expectedBytes?: number): BinaryCopyWriter {
    return new BinaryCopyWriter(expectedBytes, rowType);
  }

  row(fields: number): this {
    if (!this.rowType) {
      this.int16(fields);
      return this;
    }
    if (fields !== this.rowType.columnOids.length)
      throw new RangeError(`the row type has ${this.rowType.columnOids.length} columns, not ${fields}`);
    this.endRow();
    this.rowStart = this.reserveLength();
    this.int32(fields);
    this.column = 0;
    this.rows++;
    return this;
  }

  null(): this {
    this.field();
    this.int32(-1);
    return this;
  }

  int8(value: number): this {
    if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value must be a safe integer, got ${value}`);
    this.field();
    this.int32(8);
    this.int32(Math.floor(value / 2 ** 32));
    this.int32(value >>> 0);
    return this;
  }

  int4(value: number | null): this {
    if (value === null) return this.null();
    this.field();
    this.int4Value(value);
    return this;
  }

  bool(value: boolean): this {
    this.field();
    this.int32(1);
    this.room(1);
    this.buf[this.at++] = value ? 1 : 0;
    return this;
  }

  /** text, varchar and char(n) alike. */
  text(value: string | null): this {
    if (value === null) return this.null();
    this.field();
    this.textValue(value);
    return this;
  }

  /** numeric with four decimals (prices, as the catalog stores them); null allowed. */
  numeric(value: number | null): this {
    if (value === null) return this.null();
    this.field();
    this.numericValue(value);
    return this;
  }

  textArray(values: readonly string[]): this {
    return this.array(TEXT_OID, values, (value) => this.textValue(value));
  }

  int4Array(values: readonly number[]): this {
    return this.array(INT4_OID, values, (value) => this.int4Value(value));
  }

  numericArray(values: readonly number[]): this {
    return this.array(NUMERIC_OID, values, (value) => this.numericValue(value));
  }

  /** A tsvector from lexemes and their positions (each list ascending, at most 256, each ≤ 16,383). */
  tsvector(lexemes: ReadonlyMap<string, readonly number[]>): this {
    this.field();
    const start = this.reserveLength();
    this.int32(lexemes.size);
    for (const [lexeme, positions] of lexemes) {
      this.utf8(lexeme);
      this.room(1);
      this.buf[this.at++] = 0;
      this.int16(positions.length);
      for (const position of positions) this.int16(position);
    }
    return this.endLength(start);
  }

  /** A pgvector vector, each value multiplied by `scale` (to write a unit vector without copying it). */
  vector(values: ArrayLike<number>, scale = 1): this {
    this.field();
    this.int32(4 + 4 * values.length);
    this.int16(values.length);
    this.int16(0);
    this.room(4 * values.length);
    for (let i = 0; i < values.length; i++) {
      this.view.setFloat32(this.at, values[i]! * scale);
      this.at += 4;
    }
    return this;
  }

  /** The whole COPY data, trailer included, or the whole array; the writer is done after this. */
  finish(): Buffer {
    if (this.rowType) {
      this.endRow();
      // An empty array has no dimensions.
      if (this.rows === 0) return Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, ...this.buf.subarray(8, 12)]);
      this.view.setInt32(12, this.rows);
    } else {
      this.int16(-1);
    }
    return this.buf.subarray(0, this.at);
  }

  /** In a record, each field starts with its column's type OID. */
  private field(): void {
    if (!this.rowType) return;
    const oid = this.rowType.columnOids[this.column++];
    if (oid === undefined) throw new RangeError(`more fields than the row type's ${this.rowType.columnOids.length}`);
    this.int32(oid);
  }

  private endRow(): void {
    if (this.rowStart < 0) return;
    if (this.column !== this.rowType!.columnOids.length)
      throw new RangeError(`a row has ${this.column} fields, the row type ${this.rowType!.columnOids.length}`);
    this.endLength(this.rowStart);
  }

  private int4Value(value: number): void {
    if ((value | 0) !== value) throw new RangeError(`int4 value out of range: ${value}`);
    this.int32(4);
    this.int32(value);
  }

  private textValue(value: string): void {
    const start = this.reserveLength();
    this.utf8(value);
    this.endLength(start);
  }

  private numericValue(value: number): void {
    const start = this.reserveLength();
    this.numericBody(value);
    this.endLength(start);
  }

  private array<T>(elementOid: number, values: readonly T[], write: (value: T) => void): this {
    this.field();
    const start = this.reserveLength();
    this.int32(values.length ? 1 : 0); // dimensions
    this.int32(0); // has nulls
    this.int32(elementOid);
    if (values.length) {
      this.int32(values.length);
      this.int32(1); // lower bound
      for (const value of values) write(value);
    }
    return this.endLength(start);
  }

  /** Base-10000 digits, weight, sign and four decimals, as numeric_recv reads them. */
  private numericBody(value: number): void {
    if (!Number.isFinite(value)) throw new RangeError(`numeric value must be finite, got ${value}`);
    let scaled = Math.round(Math.abs(value) * 10_000);
    const digits: number[] = [];
    while (scaled > 0) {
      digits.push(scaled % 10_000);
      scaled = Math.floor(scaled / 10_000);
    }
    // digits: least significant first; the last group of the fraction is the first one.
    let weight = digits.length - 2;
    let low = 0;
    while (low < digits.length && digits[low] === 0) low++;
    let high = digits.length - 1;
    while (high >= low && digits[high] === 0) {
      high--;
      weight--;
    }
    const count = high >= low ? high - low + 1 : 0;
    this.int16(count);
    this.int16(count ? weight : 0);
    this.int16(value < 0 && count ? NUMERIC_NEG : 0);
    this.int16(4);
    for (let i = high; i >= low; i--) this.int16(digits[i]!);
  }

  private reserveLength(): number {
    this.int32(0);
    return this.at;
  }

  private endLength(start: number): this {
    this.view.setInt32(start - 4, this.at - start);
    return this;
  }

  private utf8(value: string): void {
    this.room(value.length * 3);
    // Most values are short ASCII (ids, codes, lexemes): copied here rather than through a native call each.
    if (value.length <= 32) {
      let i = 0;
      for (; i < value.length; i++) {
        const code = value.charCodeAt(i);
        if (code > 0x7f) break;
        this.buf[this.at + i] = code;
      }
      if (i === value.length) {
        this.at += i;
        return;
      }
    }
    this.at += this.buf.write(value, this.at, 'utf8');
  }

  private int16(value: number): void {
    this.room(2);
    this.view.setInt16(this.at, value);
    this.at += 2;
  }

  private int32(value: number): void {
    this.room(4);
    this.view.setInt32(this.at, value);
    this.at += 4;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(grown, 0, 0, this.at);
    this.buf = grown;
    this.view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength);
  }
}
