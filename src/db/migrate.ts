import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseError } from '../errors.ts';
import type { Database, Queryable } from './database.ts';

/**
 * Numbered SQL migrations (`NNN_name.sql`), applied in order at start-up and
 * recorded in `schema_migrations`. A session-level advisory lock serialises
 * processes that start together against one PostgreSQL server: the second
 * waits, then finds nothing left to do.
 */

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Any fixed 64-bit key; it only has to be the same in every Showroom process.
const MIGRATION_LOCK_KEY = 7_262_013_201;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
    if (!match) throw new DatabaseError('MIGRATION_NAME', `Migration file ${file} must be named NNN_name.sql`);
    const sql = await readFile(path.join(dir, file), 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: file,
      sql,
      checksum: createHash('sha256').update(sql).digest('hex').slice(0, 16),
    });
  }
  const versions = new Set(migrations.map((m) => m.version));
  if (versions.size !== migrations.length) {
    throw new DatabaseError('MIGRATION_NAME', `Two migrations in ${dir} share a number`);
  }
  return migrations;
}

export async function migrate(db: Database, migrations?: Migration[]): Promise<MigrationResult> {
  const pending = migrations ?? (await loadMigrations());
  return db.session(async (session) => {
    await session.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await applyPending(db, session, pending);
    } finally {
      await session.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}

async function applyPending(db: Database, session: Queryable, migrations: Migration[]): Promise<MigrationResult> {
  await session.exec(`create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
  const { rows } = await session.query<{ version: number; checksum: string; name: string }>(
    'select version, checksum, name from schema_migrations',
  );
  const done = new Map(rows.map((row) => [row.version, row]));
  const applied: string[] = [];
  for (const migration of migrations) {
    const previous = done.get(migration.version);
    if (previous) {
      if (previous.checksum !== migration.checksum) {
        throw new DatabaseError(
          'MIGRATION_CHANGED',
          `Migration ${migration.name} was changed after it was applied to ${db.description}. ` +
            'Applied migrations are history: restore the file and add a new numbered migration instead.',
        );
      }
      continue;
    }
    await session.exec('begin');
    try {
      await session.exec(migration.sql);
      await session.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      await session.exec('commit');
    } catch (cause) {
      await session.exec('rollback').catch(() => {});
      throw new DatabaseError(
        'MIGRATION_FAILED',
        `Migration ${migration.name} failed on ${db.description}: ${(cause as Error).message}. Nothing of it was applied.`,
        { cause },
      );
    }
    applied.push(migration.name);
  }
  return { applied, alreadyApplied: migrations.length - applied.length };
}

/** Showroom's schema needs pgvector; say so plainly before a migration fails on it. */
export async function requirePgvector(db: Database): Promise<void> {
  const { rows } = await db.query<{ available: boolean; installed: boolean }>(
    `select exists(select 1 from pg_available_extensions where name = 'vector') as available,
            exists(select 1 from pg_extension where extname = 'vector') as installed`,
  );
  if (!rows[0]?.available) {
    throw new DatabaseError(
      'PGVECTOR_MISSING',
      `DATABASE_URL points at a server without the pgvector extension (${db.description}). ` +
        'Install pgvector 0.8 or newer on that server (search needs its iterative index scans; managed services offer it, and the pgvector/pgvector Docker image has it) ' +
        'and run CREATE EXTENSION vector, or unset DATABASE_URL to use the embedded database.',
    );
  }
}
