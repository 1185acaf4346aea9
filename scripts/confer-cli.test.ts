import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/accounts/password.ts';
import { openDatabase, type Database } from '../src/core/database/database.ts';
import { users, workspace } from '../src/core/database/schema.ts';
import { createLogger } from '../src/core/logging/logger.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/database.ts';

// The confer command line as an operator runs it: a process, its output and exit code, and what it
// left in the database.

let testDatabase: TestDatabase;
let database: Database;

/** `npm run confer -- …args` with `stdin`; its exit code and output. */
function confer(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [new URL('./confer.ts', import.meta.url).pathname, ...args], {
    env: { ...process.env, DATABASE_URL: testDatabase.url, CONFER_DATA_DIR: '/nonexistent-confer-data', LOG_LEVEL: 'warn' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  child.stdin.end(stdin);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: '/nonexistent-confer-data', logger: createLogger({ level: 'silent' }), poolSize: 1 });
});
afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

describe('npm run confer', () => {
  it('lists its commands, and refuses an unknown one', async () => {
    const help = await confer(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['start', 'web', 'worker', 'migrate', 'users', 'keys', 'emulator']) expect(help.stdout).toContain(`  ${command} `);
    const unknown = await confer(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });

  it('migrate brings an empty database up to date, and says so the second time', async () => {
    const first = await confer(['migrate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied 0001/);
    const second = await confer(['migrate']);
    expect(second.stdout.trim()).toBe('The database is up to date.');
  });

  it('users create makes the workspace and its owner first, then members; bad input changes nothing', async () => {
    const owner = await confer(['users', 'create', '--email', 'Olive@Example.com', '--name', 'Olive Owner', '--workspace', 'Acme', '--password-stdin'], 'a long enough secret\n');
    expect(owner.stderr).toBe('');
    expect(owner.stdout).toContain('Created the workspace "Acme" and its owner Olive Owner <olive@example.com>.');
    const [stored] = await database.db.select().from(users).where(eq(users.email, 'olive@example.com'));
    expect(stored!.role).toBe('owner');
    expect(await verifyPassword('a long enough secret', stored!.passwordHash)).toBe(true);
    expect((await database.db.select().from(workspace))[0]!.name).toBe('Acme');

    const member = await confer(['users', 'create', '--email', 'max@example.com', '--name', 'Max Member']);
    expect(member.code).toBe(0);
    const generated = /Password \(shown once\): (\S+)/.exec(member.stdout)![1]!;
    const [max] = await database.db.select().from(users).where(eq(users.email, 'max@example.com'));
    expect(max!.role).toBe('member');
    expect(await verifyPassword(generated, max!.passwordHash)).toBe(true);

    const short = await confer(['users', 'create', '--email', 'sam@example.com', '--name', 'Sam', '--password-stdin'], 'short\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--password: must be at least 12 characters');
    const taken = await confer(['users', 'create', '--email', 'max@example.com', '--name', 'Max Again']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('There is already a user with the email max@example.com.');
    expect(await database.db.select({ id: users.id }).from(users)).toHaveLength(2);
  });
});
