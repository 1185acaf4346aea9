import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { ConferError } from '../errors/confer-error.ts';

/** Proof that this process owns a data directory until `release()`. */
export interface DataDirLock {
  dir: string;
  release(): void;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it still holds the directory.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the data directory for this process. A second Confer on the same directory would start a
 * second embedded PostgreSQL on the same files, so it stops here with a clear message instead. A
 * lock left by a process that died is taken over.
 */
export function acquireDataDirLock(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'confer.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new ConferError('DATA_DIR_IN_USE', `Cannot lock the data directory ${dir}: ${(error as Error).message}`, { cause: error });
      }
      const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new ConferError(
          'DATA_DIR_IN_USE',
          `Another Confer (process ${holder}) is already running with the data directory ${dir}. Stop it first, or give this one its own directory with CONFER_DATA_DIR.`,
        );
      }
      if (holder === process.pid) {
        throw new ConferError('DATA_DIR_IN_USE', `This process already holds the data directory ${dir}.`);
      }
      rmSync(file, { force: true });
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    let released = false;
    return {
      dir,
      release() {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      },
    };
  }
  throw new ConferError('DATA_DIR_IN_USE', `Could not take the data directory ${dir}: another process keeps taking it.`);
}
