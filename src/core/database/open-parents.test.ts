import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openParentsForOthers } from './open-parents.ts';

// Run as root, the embedded PostgreSQL runs as the `postgres` user, which must reach its binaries
// through folders such as a 0700 `mktemp -d` or /root. Only root can act as another user here.
const postgresUser = spawnSync('id', ['-u', 'postgres']).status === 0;
const canTry = userInfo().uid === 0 && postgresUser;
const postgresCanRead = (file: string) => spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-r', file]).status === 0;

let root: string | undefined;
afterEach(() => { if (root) rmSync(root, { recursive: true, force: true }); });

describe.skipIf(!canTry)('opening parent folders for the postgres user (needs root and a postgres user)', () => {
  it('lets postgres reach a file under a 0700 folder, adding only o+x', () => {
    root = mkdtempSync(join(tmpdir(), 'confer-open-'));
    chmodSync(root, 0o700);
    const binaries = join(root, 'checkout', 'native', 'bin');
    mkdirSync(binaries, { recursive: true, mode: 0o700 });
    const file = join(binaries, 'initdb');
    writeFileSync(file, '', { mode: 0o644 });
    expect(postgresCanRead(file)).toBe(false);

    const opened = openParentsForOthers(file);

    expect(postgresCanRead(file)).toBe(true);
    expect(opened).toContain(root);
    expect(statSync(root).mode & 0o777).toBe(0o701);
    expect(openParentsForOthers(file)).toEqual([]);
  });
});

if (!canTry) console.info(`open-parents: skipped, it needs root and a postgres user (uid ${userInfo().uid}, postgres user ${postgresUser ? 'present' : 'missing'})`);
