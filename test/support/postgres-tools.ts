import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Whether PostgreSQL's own pg_dump and pg_restore can back up and restore a server here; if not, why. */
export type PostgresTools = { ok: true; serverMajor: number; dumpMajor: number; restoreMajor: number } | { ok: false; reason: string };

const majorOf = (versionText: string): number | undefined => {
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(versionText);
  return match ? Number(match[1]) : undefined;
};

async function toolMajor(tool: 'pg_dump' | 'pg_restore'): Promise<{ major: number } | { reason: string }> {
  try {
    const { stdout } = await run(tool, ['--version']);
    const major = majorOf(stdout);
    return major === undefined ? { reason: `${tool} --version printed no version: ${stdout.trim()}` } : { major };
  } catch (error) {
    return { reason: `${tool} is not on PATH (${(error as Error).message.split('\n')[0]}); install the PostgreSQL client tools` };
  }
}

/**
 * pg_dump refuses a server of a newer major version than its own, and pg_restore reads only the
 * archives of its own version or older: both are checked against the server before a test relies
 * on them.
 */
export async function findPostgresTools(serverUrl: string): Promise<PostgresTools> {
  const [dump, restore] = await Promise.all([toolMajor('pg_dump'), toolMajor('pg_restore')]);
  if ('reason' in dump) return { ok: false, reason: dump.reason };
  if ('reason' in restore) return { ok: false, reason: restore.reason };
  let serverMajor: number;
  const client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    serverMajor = Math.floor(Number(rows[0]?.server_version_num) / 10_000);
  } catch (error) {
    return { ok: false, reason: `no PostgreSQL server answers at ${new URL(serverUrl).host} (${(error as Error).message})` };
  } finally {
    await client.end().catch(() => undefined);
  }
  if (dump.major < serverMajor) return { ok: false, reason: `pg_dump is version ${dump.major}, older than the server (${serverMajor}); install postgresql-client-${serverMajor} or newer` };
  if (restore.major < dump.major) return { ok: false, reason: `pg_restore is version ${restore.major}, older than pg_dump (${dump.major})` };
  return { ok: true, serverMajor, dumpMajor: dump.major, restoreMajor: restore.major };
}

/** `pg_dump --format=custom` of one database into `file`, as docs/backups.md tells an operator. */
export async function dumpDatabase(databaseUrl: string, file: string): Promise<void> {
  await run('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${databaseUrl}`]);
}

/** `pg_restore --no-owner` of a custom-format dump into an empty database; stops at the first error. */
export async function restoreDatabase(file: string, databaseUrl: string): Promise<void> {
  await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${databaseUrl}`, file]);
}
