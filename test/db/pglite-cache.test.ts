import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_MAX_MB, CACHE_MIN_MB, cacheSizeMb, createPgliteDatabase } from '../../src/db/pglite-database.ts';

/** A folder shaped like PGlite's, whose base/ holds `mib` MiB (a sparse file: nothing is written to disk). */
async function folderOf(root: string, name: string, mib: number): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(path.join(dir, 'base', '5'), { recursive: true });
  const file = await open(path.join(dir, 'base', '5', '16384'), 'w');
  await file.truncate(mib * 2 ** 20);
  await file.close();
  return dir;
}

describe('the embedded database page cache', () => {
  const roots: string[] = [];
  afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

  it('grows with the database on disk, between PostgreSQL’s default and a ceiling', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'showroom-cache-'));
    roots.push(root);
    expect(await cacheSizeMb(path.join(root, 'new'))).toBe(CACHE_MIN_MB);
    expect(await cacheSizeMb(await folderOf(root, 'small', 40))).toBe(CACHE_MIN_MB);
    expect(await cacheSizeMb(await folderOf(root, 'large', 600))).toBe(750);
    expect(await cacheSizeMb(await folderOf(root, 'huge', 5000))).toBe(CACHE_MAX_MB);
  });

  it('is what PostgreSQL runs with, when given', async () => {
    const db = await createPgliteDatabase({ cacheMb: 48 });
    try {
      const { rows } = await db.query<{ shared_buffers: string }>('show shared_buffers');
      expect(rows[0]?.shared_buffers).toBe('48MB');
    } finally {
      await db.close();
    }
  });
});
