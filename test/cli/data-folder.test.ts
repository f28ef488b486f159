import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Stats } from '../../src/cli/commands/stats-command.ts';
import { LOCK_FILE } from '../../src/db/data-folder-lock.ts';
import { cliEnv, runCli, startServer, tempDir } from '../helpers/cli.ts';
import { csvFile, csvRow } from '../helpers/catalog.ts';

// The embedded database is single-process: a second command must run inside the process that has it open.
describe('one data folder, several showroom processes', () => {
  it('hands an import to the running `showroom start`, which serves the new products at once', async () => {
    const dir = await tempDir();
    const env = cliEnv(path.join(dir, 'data'));
    const server = await startServer({ ...env, LOG_LEVEL: 'info' }, dir);
    try {
      const seeded = (await (await fetch(`${server.url}/api/stats`)).json()) as Stats;
      expect(seeded.catalog.active).toBeGreaterThanOrEqual(400);

      await writeFile(path.join(dir, 'new.csv'), csvFile([csvRow('NEW-1'), csvRow('NEW-2')]));
      const imported = await runCli(['import', 'new.csv', '--json'], { env, cwd: dir });
      expect(imported.code).toBe(0);
      expect(imported.stderr).toMatch(/running inside showroom start \(pid \d+/);
      expect(JSON.parse(imported.stdout)).toMatchObject({ created: 2, invalid: 0, committed: true });

      const after = (await (await fetch(`${server.url}/api/stats`)).json()) as Stats;
      expect(after.catalog.active).toBe(seeded.catalog.active + 2);

      const exported = await runCli(['export', '--format', 'jsonl'], { env, cwd: dir });
      expect(exported.code).toBe(0);
      expect(exported.stdout).toContain('"sku":"NEW-2"');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    // On start it read the search tables into the page cache (src/db/warm-cache.ts).
    const warmed = server
      .stderr()
      .split('\n')
      .filter((line) => line.includes('page cache warmed'))
      .map((line) => JSON.parse(line) as { mib: number; stopped?: string });
    expect(warmed).toEqual([{ ...warmed[0], mib: expect.any(Number) }]);
    expect(warmed[0]!.mib).toBeGreaterThan(0);
    expect(warmed[0]!.stopped).toBeUndefined();
    // Stopped cleanly: the folder is free and intact for the next process.
    const stats = await runCli(['stats', '--json'], { env, cwd: dir });
    expect(stats.stderr).not.toMatch(/running inside/);
    expect(JSON.parse(stats.stdout).catalog.by_category.dress).toBeGreaterThan(2);
  });

  it('refuses a second `showroom start` on the same folder, naming the first', async () => {
    const dir = await tempDir();
    const env = cliEnv(path.join(dir, 'data'));
    const server = await startServer(env, dir);
    try {
      const second = await runCli(['start'], { env, cwd: dir });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/already in use by showroom start \(pid \d+/);
      expect(second.stderr).toMatch(/SHOWROOM_DATA_DIR/);
    } finally {
      await server.stop();
    }
  });

  it('takes over the lock of a process that died without releasing it', async () => {
    const dir = await tempDir();
    const dataDir = path.join(dir, 'data');
    const env = cliEnv(dataDir);
    expect((await runCli(['stats'], { env })).code).toBe(0);
    // A crashed holder: its pid is gone and its endpoint answers nothing.
    const dead = {
      pid: 2 ** 22 + 17,
      command: 'showroom start',
      startedAt: '2026-01-01T00:00:00Z',
      endpoint: { host: '127.0.0.1', port: 9, token: 'x' },
    };
    await writeFile(path.join(dataDir, LOCK_FILE), JSON.stringify(dead));
    const result = await runCli(['stats', '--json'], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/running inside/);
  });
});
