import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock } from './data-dir-lock.ts';

/** Another process that takes the lock and keeps it until killed. */
function holdLockInChild(dir: string): Promise<{ pid: number; kill(): Promise<void> }> {
  const modulePath = join(import.meta.dirname, 'data-dir-lock.ts');
  const child = spawn(process.execPath, ['-e', `import(${JSON.stringify(modulePath)}).then(m => { m.acquireDataDirLock(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000); })`], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve({
      pid: child.pid!,
      kill: () => new Promise<void>((done) => { child.once('exit', () => done()); child.kill('SIGKILL'); }),
    }));
    child.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
}

describe('data directory lock', () => {
  it('stops a second process on the same data directory with a message naming the holder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confer-lock-'));
    const holder = await holdLockInChild(dir);
    try {
      expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`Another Confer \\(process ${holder.pid}\\) is already running with the data directory ${dir}`));
    } finally {
      await holder.kill();
    }
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confer-lock-'));
    const holder = await holdLockInChild(dir);
    await holder.kill();
    const lock = acquireDataDirLock(dir);
    expect(existsSync(join(dir, 'confer.pid'))).toBe(true);
    lock.release();
    expect(existsSync(join(dir, 'confer.pid'))).toBe(false);
  });
});
