import type { ChildProcess } from 'node:child_process';
import { and, eq, inArray } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../emulator/zoom/testing/control-client.ts';
import { bookings, emailOutbox } from '../../src/core/database/schema.ts';
import { seedUser } from '../support/accounts.ts';
import { asCustomer, book, createPage, pageBody } from '../support/booking.ts';
import { startTestConfer, type TestConfer } from '../support/confer.ts';
import { connectZoom, zoomDemoOwner } from '../support/connections.ts';
import { eventually } from '../support/eventually.ts';
import { mailSubject } from '../support/mail-parts.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { startWorkerProcess, stopConferRole } from '../support/worker-process.ts';

// The database ends Confer's sessions under load, as a failover, a network blip or
// idle_in_transaction_session_timeout would: every connection of this database but the test's own
// is terminated every 0.4 s for 8 s, while customers book and read free times through a web
// process and a separate worker provisions. No process may die; a request may answer 503 (the
// documented "retry in a moment"), never another 5xx; every booking taken ends with one meeting
// and one confirmation.

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let confer: TestConfer;
let worker: ChildProcess | undefined;
let admin: pg.Client;

beforeAll(async () => {
  sink = await startSmtpSink();
  confer = await startTestConfer({ smtp: sink, roles: { jobs: false } });
  worker = await startWorkerProcess(confer);
  admin = new pg.Client({ connectionString: confer.env.DATABASE_URL, application_name: 'chaos' });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await stopConferRole(worker);
  await confer?.close();
  await sink?.close();
});

/** Ends every session on Confer's database except this one; returns how many it ended. */
async function terminateBackends(): Promise<number> {
  const { rows } = await admin.query<{ ended: boolean }>(
    `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
  );
  return rows.filter((row) => row.ended).length;
}

describe('database sessions terminated under load', () => {
  it('kill no process, answer only 503s, and leave every booking with one meeting and one confirmation', { timeout: 180_000 }, async () => {
    const host = await seedUser(confer.confer.database.db, { name: 'Dora Dropped' });
    const connectionId = ((await connectZoom(confer.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
    const { slug } = await createPage(confer.url, host, pageBody(connectionId));
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const slotsPath = `/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`;
    const slots = (await asCustomer(confer.url).get(slotsPath)).body.slots as Array<{ start: string }>;
    // Zoom takes its time, so transactions and jobs are in flight when their sessions end.
    await callJson(confer.emulator.url, 'POST', '/_emulator/faults', { match: { method: 'POST', path: '/v2/users/*/meetings' }, latencyMs: 150 });

    let storming = true;
    let ended = 0;
    let rounds = 0;
    const storm = (async () => {
      const stopAt = Date.now() + 8_000;
      while (Date.now() < stopAt) {
        ended += await terminateBackends();
        rounds++;
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
      storming = false;
    })();

    const statuses: number[] = [];
    const booked: Array<{ id: string; email: string }> = [];
    const readers = (async () => {
      while (storming) statuses.push((await asCustomer(confer.url).get(slotsPath)).status);
    })();
    const customers = slots.slice(0, 24).map((slot, i) => ({ start: slot.start, email: `dropped${i}@example.com`, name: `Dropped ${i}` }));
    for (let wave = 0; wave < customers.length; wave += 4) {
      const batch = customers.slice(wave, wave + 4);
      const answers = await Promise.all(batch.map((customer) => book(confer.url, slug, customer)));
      answers.forEach((answer, i) => {
        statuses.push(answer.status);
        if (answer.status === 201) booked.push({ id: answer.body.id as string, email: batch[i]!.email });
      });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await Promise.all([storm, readers]);

    const db = confer.confer.database.db;
    const ids = booked.map((b) => b.id);
    let missing: unknown;
    await eventually('every booking taken to have its meeting and confirmation', async () => {
      if (worker!.exitCode !== null || worker!.signalCode !== null) throw new Error(`the worker process died (${worker!.exitCode ?? worker!.signalCode})`);
      const rows = await db.select({ status: bookings.meetingStatus }).from(bookings).where(inArray(bookings.id, ids));
      const sent = await db.select({ id: emailOutbox.id }).from(emailOutbox)
        .where(and(inArray(emailOutbox.bookingId, ids), eq(emailOutbox.kind, 'booking_confirmation'), eq(emailOutbox.status, 'sent')));
      // What is still missing, told should the wait run out.
      missing = { meetingStatuses: rows.map((r) => r.status).filter((s) => s !== 'ready'), confirmationsSent: sent.length, bookings: booked.length };
      return rows.every((r) => r.status === 'ready') && sent.length === booked.length;
    }, 120).catch((error: Error) => {
      throw new Error(`${error.message}; still missing: ${JSON.stringify(missing)}`, { cause: error });
    });
    const meetings = (await callJson<{ meetings: Array<{ agenda: string }> }>(confer.emulator.url, 'GET', '/_emulator/meetings')).body.meetings;
    const ready = await fetch(`${confer.url}/readyz`);

    const counts = {
      sessionsEnded: ended,
      rounds,
      requests: statuses.length,
      answered503: statuses.filter((s) => s === 503).length,
      otherServerErrors: statuses.filter((s) => s >= 500 && s !== 503).length,
      bookings: booked.length,
      withOneMeeting: booked.filter(({ id }) => meetings.filter((m) => m.agenda.includes(`Confer booking ${id}`)).length === 1).length,
      withOneConfirmation: booked.filter(({ email }) => sink.received.filter((m) => m.to.includes(email) && mailSubject(m).startsWith('Confirmed:')).length === 1).length,
      workerAlive: worker!.exitCode === null && worker!.signalCode === null,
      readyz: ready.status,
    };
    console.log(`database sessions terminated: ${JSON.stringify(counts)}`);
    expect(counts.sessionsEnded).toBeGreaterThan(counts.rounds);
    expect(counts.otherServerErrors).toBe(0);
    expect(counts.bookings).toBeGreaterThan(12);
    expect(counts.withOneMeeting).toBe(counts.bookings);
    expect(counts.withOneConfirmation).toBe(counts.bookings);
    expect(counts.workerAlive).toBe(true);
    expect(counts.readyz).toBe(200);
  });
});
