import type { ChildProcess } from 'node:child_process';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { bookings, emailOutbox } from '../../../src/core/database/schema.ts';
import { seedUser } from '../../support/accounts.ts';
import { asCustomer, book, createPage, pageBody } from '../../support/booking.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, zoomDemoOwner } from '../../support/connections.ts';
import { mailSubject } from '../../support/mail-parts.ts';
import { startSmtpSink } from '../../support/smtp-sink.ts';
import { startWorkerProcess } from '../../support/worker-process.ts';

// Everything that goes wrong at once: Zoom answers 5xx to 30 % of calls and 429 to a storm of them,
// drops the answer to three creates after making the meetings, holds three creates long enough for
// the worker running them to be killed, and the SMTP server refuses mail for a while. Confer runs as
// one HTTP process and separate worker processes on one database, as in production.

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let confer: TestConfer;
const workers: ChildProcess[] = [];
const fault = (body: Record<string, unknown>) => callJson(confer.emulator.url, 'POST', '/_emulator/faults', body);

beforeAll(async () => {
  sink = await startSmtpSink();
  confer = await startTestConfer({
    smtp: sink,
    env: {
      // A create answered 503 may or may not have made a meeting; the emulator's meeting.created
      // arrives within a second when it did, so ten seconds of waiting for it is plenty here.
      ZOOM_CREATE_ANSWER_WAIT_SECONDS: '10',
    },
    roles: { jobs: false },
  });
});
afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
  await confer?.close();
  await sink?.close();
});

describe('provisioning under failure', () => {
  it('ends every booking with exactly one Zoom meeting and exactly one confirmation, none lost', { timeout: 240_000 }, async () => {
    const host = await seedUser(confer.confer.database.db, { name: 'Fay Failsafe' });
    const connectionId = ((await connectZoom(confer.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
    const { slug } = await createPage(confer.url, host, pageBody(connectionId));
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const slots = (await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`)).body.slots as Array<{ start: string }>;

    // First matching fault wins, in this order.
    expect((await fault({ match: { method: 'POST', path: '/v2/users/*/meetings' }, latencyMs: 4000, times: 3 })).status).toBe(201);
    expect((await fault({ match: { method: 'POST', path: '/v2/users/*/meetings' }, dropResponse: true, times: 3 })).status).toBe(201);
    expect((await fault({ match: { method: '*', path: '/v2/**' }, status: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.', zoomCode: 429, rate: 0.5, times: 40 })).status).toBe(201);
    expect((await fault({ match: { method: '*', path: '/v2/**' }, status: 503, rate: 0.3 })).status).toBe(201);
    sink.refuseNext(8, 451, 'Greylisted, try again later');

    // A worker takes the first three bookings and dies while Zoom is still answering their creates.
    const doomed = await startWorkerProcess(confer);
    workers.push(doomed);
    const customers = slots.slice(0, 20).map((slot, i) => ({ start: slot.start, email: `customer${i}@example.com`, name: `Customer ${i}` }));
    const booked: string[] = [];
    for (const customer of customers.slice(0, 3)) booked.push((await book(confer.url, slug, customer)).body.id);
    await eventually('the first creates to be under way', async () => {
      const stats = (await callJson<{ faults?: unknown }>(confer.emulator.url, 'GET', '/_emulator/faults')).body as { faults: Array<{ hits: number; latencyMs?: number }> };
      return stats.faults.find((f) => f.latencyMs === 4000)!.hits === 3;
    });
    doomed.kill('SIGKILL');

    // The rest book while two fresh workers take over.
    workers.push(await startWorkerProcess(confer), await startWorkerProcess(confer));
    const rest = await Promise.all(customers.slice(3).map((customer) => book(confer.url, slug, customer)));
    expect(rest.every((r) => r.status === 201)).toBe(true);
    booked.push(...rest.map((r) => r.body.id as string));

    const db = confer.confer.database.db;
    await eventually('every meeting and confirmation', async () => {
      const rows = await db.select({ status: bookings.meetingStatus }).from(bookings).where(inArray(bookings.id, booked));
      const sent = await db.select({ id: emailOutbox.id }).from(emailOutbox).where(and(inArray(emailOutbox.bookingId, booked), eq(emailOutbox.kind, 'booking_confirmation'), eq(emailOutbox.status, 'sent')));
      return rows.every((r) => r.status === 'ready') && sent.length === booked.length;
    }, 200).catch(async (error: unknown) => {
      // Say where each booking stands, so a failure here explains itself.
      const rows = await db.select({ id: bookings.id, status: bookings.meetingStatus, reason: bookings.meetingReason, attempts: bookings.provisionAttempts, lease: bookings.leaseUntil }).from(bookings).where(inArray(bookings.id, booked));
      const mails = await db.select({ bookingId: emailOutbox.bookingId, kind: emailOutbox.kind, status: emailOutbox.status, error: emailOutbox.lastError }).from(emailOutbox).where(inArray(emailOutbox.bookingId, booked));
      console.log(JSON.stringify({ rows, mails }, null, 1));
      throw error;
    });

    const meetings = (await callJson<{ meetings: Array<{ id: string; agenda: string }> }>(confer.emulator.url, 'GET', '/_emulator/meetings')).body.meetings;
    const stored = await db.select({ id: bookings.id, meetingId: bookings.zoomMeetingId }).from(bookings).where(inArray(bookings.id, booked));
    const perBooking = stored.map((b) => meetings.filter((m) => m.agenda.includes(`Confer booking ${b.id}`)));
    const confirmations = customers.map((c) => sink.received.filter((m) => m.to.includes(c.email) && mailSubject(m).startsWith('Confirmed:')).length);
    const faults = (await callJson<{ faults: Array<{ hits: number; status?: number; dropResponse?: boolean; latencyMs?: number }> }>(confer.emulator.url, 'GET', '/_emulator/faults')).body.faults;
    const counts = {
      bookings: booked.length,
      meetingsInZoom: meetings.length,
      bookingsWithExactlyOneMeeting: perBooking.filter((list) => list.length === 1).length,
      confirmationsReceived: confirmations.reduce((a, b) => a + b, 0),
      customersWithExactlyOneConfirmation: confirmations.filter((n) => n === 1).length,
      injected: { slowCreatesKilled: faults[0]!.hits, droppedCreateAnswers: faults[1]!.hits, answered429: faults[2]!.hits, answered503: faults[3]!.hits, smtpRefusals: 8 },
    };
    console.log(`failure suite: ${JSON.stringify(counts)}`);
    expect(counts.meetingsInZoom).toBe(20);
    expect(counts.bookingsWithExactlyOneMeeting).toBe(20);
    expect(stored.every((b, i) => perBooking[i]![0]!.id === b.meetingId)).toBe(true);
    expect(counts.customersWithExactlyOneConfirmation).toBe(20);
    expect(counts.confirmationsReceived).toBe(20);
    expect(counts.injected.droppedCreateAnswers).toBe(3);
    expect(counts.injected.answered503).toBeGreaterThan(0);
  });
});
