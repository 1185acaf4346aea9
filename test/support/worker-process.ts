import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConfer } from '../../src/server.ts';
import type { TestConfer } from './confer.ts';

/** A Confer process that only works jobs, on the same database and keys as `confer`; SIGKILL it to kill a worker mid-job. */
export async function startWorkerProcess(confer: TestConfer): Promise<ChildProcess> {
  const keys = readFileSync(join(confer.confer.config.dataDir, 'encryption-keys'), 'utf8').trim();
  const child = spawn(process.execPath, [import.meta.filename], {
    env: { ...process.env, ...confer.env, CONFER_DATA_DIR: mkdtempSync(join(tmpdir(), 'confer-worker-')), CONFER_ENCRYPTION_KEYS: keys },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the worker process exited (${code}) before it was ready`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker ready')) resolve();
    });
  });
  return child;
}

if (import.meta.main) {
  const confer = await runConfer({ env: process.env, roles: { http: false, jobs: true } });
  process.stdout.write('worker ready\n');
  process.on('SIGTERM', () => void confer.stop().then(() => process.exit(0)));
}
