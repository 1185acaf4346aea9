import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callJson } from '../../emulator/zoom/testing/control-client.ts';
import { openDatabase, type Database } from '../../src/core/database/database.ts';
import { createLogger } from '../../src/core/logging/logger.ts';
import { seedUser, type SeededUser } from '../support/accounts.ts';
import { asCustomer, book, createPage, pageBody } from '../support/booking.ts';
import { connectZoom, zoomDemoOwner } from '../support/connections.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/free-port.ts';
import { startNpmStart, waitForOutput, type StartedConfer } from '../support/npm-start-process.ts';

// `npm start` as a person runs it, on the embedded database and the sandbox Zoom, stopped the ways
// processes are stopped: Ctrl-C in the terminal (SIGINT to the whole process group) in the middle
// of a burst of bookings, and kill -9 of the node process alone (as the OOM killer does), which
// leaves the embedded PostgreSQL behind. Each must end with Confer starting again and every
// booking with exactly one Zoom meeting.

const running: StartedConfer[] = [];
const databases: Database[] = [];
afterAll(async () => {
  for (const database of databases) await database.close();
  for (const started of running) {
    if (started.child.exitCode !== null || started.child.signalCode !== null) continue;
    try {
      process.kill(-started.child.pid!, 'SIGKILL');
    } catch {
      // Its group is already gone.
    }
  }
});

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};
const postmasterPid = (dataDir: string) => Number.parseInt(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]!, 10);

/** A data directory, ports and environment for one npm start, shared by its restarts. */
async function setting() {
  const dataDir = mkdtempSync(join(tmpdir(), 'confer-chaos-'));
  const port = await freePort();
  const zoomPort = await freePort();
  return {
    dataDir,
    base: `http://localhost:${port}`,
    zoomUrl: `http://127.0.0.1:${zoomPort}`,
    env: { PORT: String(port), CONFER_DATA_DIR: dataDir, CONFER_SANDBOX_ZOOM_PORT: String(zoomPort), SHUTDOWN_TIMEOUT_SECONDS: '3' },
  };
}

async function start(env: Record<string, string>): Promise<{ started: StartedConfer; secondsToReady: number }> {
  const begun = performance.now();
  const started = startNpmStart(env);
  running.push(started);
  await waitForOutput(started, /Confer is running at/, 'npm start');
  return { started, secondsToReady: Number(((performance.now() - begun) / 1000).toFixed(1)) };
}

/** A host with Zoom connected and a booking page, made over HTTP against the running Confer. */
async function hostWithPage(dataDir: string, base: string): Promise<{ host: SeededUser; slug: string }> {
  const password = readFileSync(join(dataDir, 'postgres-password'), 'utf8').trim();
  const port = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]!.trim();
  const database = await openDatabase({ databaseUrl: `postgres://confer:${encodeURIComponent(password)}@127.0.0.1:${port}/confer`, dataDir, logger: createLogger({ level: 'silent' }), poolSize: 2 });
  databases.push(database);
  const host = await seedUser(database.db, { name: 'Sig Nal' });
  const connectionId = ((await connectZoom(base, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
  const { slug } = await createPage(base, host, pageBody(connectionId));
  return { host, slug };
}

async function meetingsPerBooking(zoomUrl: string, ids: string[]): Promise<number[]> {
  const meetings = (await callJson<{ meetings: Array<{ agenda: string }> }>(zoomUrl, 'GET', '/_emulator/meetings')).body.meetings;
  return ids.map((id) => meetings.filter((m) => m.agenda.includes(`Confer booking ${id}`)).length);
}

describe('npm start stopped the hard ways', () => {
  it('Ctrl-C mid-burst: stops within SHUTDOWN_TIMEOUT_SECONDS, the database after the jobs, and every booking gets one meeting after a restart', { timeout: 240_000 }, async () => {
    const { dataDir, base, zoomUrl, env } = await setting();
    const first = await start(env);
    const { slug } = await hostWithPage(dataDir, base);
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const slots = (await asCustomer(base).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`)).body.slots as Array<{ start: string }>;
    // Zoom slow enough that creates are in flight when the signal comes.
    await callJson(zoomUrl, 'POST', '/_emulator/faults', { match: { method: 'POST', path: '/v2/users/*/meetings' }, latencyMs: 1500 });
    const answers = await Promise.all(slots.slice(0, 6).map((slot, i) => book(base, slug, { start: slot.start, email: `sigint${i}@example.com`, name: `Sig ${i}` })));
    const ids = answers.filter((a) => a.status === 201).map((a) => a.body.id as string);
    const postgres = postmasterPid(dataDir);

    const signalledAt = performance.now();
    process.kill(-first.started.child.pid!, 'SIGINT');
    const code = await first.started.exited;
    const secondsToStop = Number(((performance.now() - signalledAt) / 1000).toFixed(1));
    // 0 and "Confer stopped": the ordered stop finished; a stop that hung would end by the backstop, with 1.
    expect(code).toBe(0);
    expect(first.started.output()).toContain('Confer stopped');
    await eventually('the embedded PostgreSQL to be gone', () => !isAlive(postgres));

    const again = await start(env);
    await eventually('every booking to have its meeting', async () => {
      const perBooking = await meetingsPerBooking(zoomUrl, ids);
      return perBooking.every((n) => n >= 1) ? perBooking : undefined;
    }, 60);
    const perBooking = await meetingsPerBooking(zoomUrl, ids);
    const counts = { bookings: ids.length, withOneMeeting: perBooking.filter((n) => n === 1).length, exitCode: code, secondsToStop, shutdownTimeoutSeconds: 3, secondsToReadyAfter: again.secondsToReady };
    console.log(`ctrl-c mid-burst: ${JSON.stringify(counts)}`);
    expect(counts.withOneMeeting).toBe(ids.length);

    process.kill(-again.started.child.pid!, 'SIGTERM');
    expect(await again.started.exited).toBe(0);
  });

  it('kill -9 of the node process alone: the next npm start stops the PostgreSQL it left behind and starts', { timeout: 180_000 }, async () => {
    const { dataDir, base, env } = await setting();
    const first = await start(env);
    const orphan = postmasterPid(dataDir);
    first.started.child.kill('SIGKILL');
    await first.started.exited;
    expect(isAlive(orphan)).toBe(true);

    const again = await start(env);
    expect(again.started.output()).toContain('a PostgreSQL left running by an earlier Confer on this data directory');
    expect(isAlive(orphan)).toBe(false);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    console.log(`kill -9 of node alone: ${JSON.stringify({ orphanStopped: !isAlive(orphan), secondsToReady: again.secondsToReady })}`);
    process.kill(-again.started.child.pid!, 'SIGTERM');
    expect(await again.started.exited).toBe(0);
  });

  it('the embedded PostgreSQL killed under it: Confer exits 1 instead of staying up unready, and starts again', { timeout: 180_000 }, async () => {
    const { dataDir, base, env } = await setting();
    const first = await start(env);
    process.kill(postmasterPid(dataDir), 'SIGKILL');
    expect(await first.started.exited).toBe(1);
    expect(first.started.output()).toContain('the embedded PostgreSQL stopped on its own');
    const again = await start(env);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    process.kill(-again.started.child.pid!, 'SIGTERM');
    expect(await again.started.exited).toBe(0);
  });
});
