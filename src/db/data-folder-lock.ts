import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, link, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The embedded database may be opened by one process at a time. The process
 * that has it writes `showroom.lock` into the data folder, naming itself and
 * the local control endpoint where other `showroom` commands can hand it their
 * work (see src/control/). The file is created atomically (link(2) fails if it
 * exists) and already complete, so a reader never sees half of it.
 */

export const LOCK_FILE = 'showroom.lock';

export interface LockInfo {
  pid: number;
  command: string;
  startedAt: string;
  /** The control endpoint, on loopback; absent when the holder serves none. */
  endpoint?: { host: string; port: number; token: string };
}

export type AcquireResult = { acquired: true; release: () => Promise<void> } | { acquired: false; holder: LockInfo };

export function newControlToken(): string {
  return randomBytes(24).toString('hex');
}

export async function readLock(dataDir: string): Promise<LockInfo | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Tries once to take the folder. `isStale` decides whether an existing holder
 * is gone (dead pid, or an endpoint that no longer answers); a stale lock is
 * removed and taking is tried again.
 */
export async function acquireLock(
  dataDir: string,
  info: LockInfo,
  isStale: (holder: LockInfo) => Promise<boolean>,
): Promise<AcquireResult> {
  await mkdir(dataDir, { recursive: true });
  const target = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(temp, JSON.stringify(info), { mode: 0o600 });
    try {
      await link(temp, target);
      await rm(temp, { force: true });
      let released = false;
      const release = async () => {
        if (released) return;
        released = true;
        const current = await readLock(dataDir);
        if (current?.pid === info.pid && current.startedAt === info.startedAt) await rm(target, { force: true });
      };
      return { acquired: true, release };
    } catch (error) {
      await rm(temp, { force: true });
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readLock(dataDir);
    if (!holder) continue; // removed meanwhile, or unreadable: try again
    if (holder.pid !== process.pid && !(await isStale(holder))) return { acquired: false, holder };
    await rm(target, { force: true });
  }
  const holder = await readLock(dataDir);
  return { acquired: false, holder: holder ?? { pid: 0, command: 'unknown', startedAt: '' } };
}
