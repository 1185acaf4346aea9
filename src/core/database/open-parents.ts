import { chmodSync, lstatSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Lets every user pass through each parent folder of `path` (adds o+x, never read or write), as
 * the `postgres` user that runs the embedded PostgreSQL for root must. Returns the folders changed.
 */
export function openParentsForOthers(path: string): string[] {
  const opened: string[] = [];
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const mode = lstatSync(dir).mode & 0o777;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      opened.push(dir);
    }
  }
  return opened;
}
