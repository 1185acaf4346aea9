import type { ChildProcess } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../emulator/zoom/testing/control-client.ts';
import { bookings } from '../../src/core/database/schema.ts';
import { seedUser } from '../support/accounts.ts';
import { apiAs } from '../support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../support/booking.ts';
import { startTestConfer, type TestConfer } from '../support/confer.ts';
import { connectZoom, zoomDemoOwner } from '../support/connections.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/free-port.ts';
import { mailParts, mailSubject } from '../support/mail-parts.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { startSiblingProcess, stopConferRole } from '../support/worker-process.ts';

// The way a booking got two Zoom meetings: Zoom made the meeting but its answer was lost, the web
// process was down when Zoom sent meeting.created, the connection cannot list the host's meetings,
// and so after ZOOM_CREATE_ANSWER_WAIT_SECONDS Confer created again. Zoom retries the undelivered
// event 5 minutes later (the emulator's clock is moved on): Confer must then delete the first
// meeting, keep the one the customer's email names, and say so on the booking and in /metrics.

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let confer: TestConfer;
let web: ChildProcess | undefined;
let worker: ChildProcess | undefined;
let workerMetrics: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  // This process serves nothing: the web process below takes Confer's port, and can be stopped.
  confer = await startTestConfer({ smtp: sink, roles: { http: false, jobs: false }, env: { ZOOM_CREATE_ANSWER_WAIT_SECONDS: '2' } });
  web = await startSiblingProcess(confer, 'web');
  // The worker handles Zoom's events: its own metrics listener shows what it deleted.
  const metricsPort = await freePort();
  workerMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
  worker = await startSiblingProcess(confer, 'worker', { METRICS_PORT: String(metricsPort) });
});
afterAll(async () => {
  await stopConferRole(web);
  await stopConferRole(worker);
  await confer?.close();
  await sink?.close();
});

describe('a meeting.created that arrives after Confer created again', () => {
  it('ends with exactly one meeting in Zoom, the one the confirmation names', { timeout: 120_000 }, async () => {
    const host = await seedUser(confer.confer.database.db, { name: 'Lena Late' });
    const connectionId = ((await connectZoom(confer.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
    const { slug } = await createPage(confer.url, host, pageBody(connectionId));
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const slot = (await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`)).body.slots[0] as { start: string };

    const fault = (body: Record<string, unknown>) => callJson(confer.emulator.url, 'POST', '/_emulator/faults', body);
    // Zoom makes the first meeting and the answer never arrives; listing meetings is refused for want of a scope.
    expect((await fault({ match: { method: 'POST', path: '/v2/users/*/meetings' }, dropResponse: true, times: 1 })).status).toBe(201);
    expect((await fault({ match: { method: 'GET', path: '/v2/users/*/meetings' }, status: 400, zoomCode: 4711, message: 'Invalid access token, does not contain scopes:[meeting:read:list_meetings].' })).status).toBe(201);
    // The create is held a moment, so the web process is down before Zoom sends its meeting.created.
    expect((await fault({ match: { method: 'POST', path: '/v2/users/*/meetings' }, latencyMs: 1500, times: 1 })).status).toBe(201);

    const email = 'late@example.com';
    const booked = await book(confer.url, slug, { start: slot.start, email, name: 'Late Customer' });
    expect(booked.status).toBe(201);
    await stopConferRole(web);
    const db = confer.confer.database.db;
    const ready = await eventually('the booking to get its meeting (the second create)', async () => {
      const [row] = await db.select().from(bookings).where(eq(bookings.id, booked.body.id));
      return row?.meetingStatus === 'ready' ? row : undefined;
    }, 60);
    const marked = async () => (await callJson<{ meetings: Array<{ id: string; agenda: string }> }>(confer.emulator.url, 'GET', '/_emulator/meetings')).body.meetings
      .filter((m) => m.agenda.includes(`Confer booking ${booked.body.id}`));
    expect((await marked()).length).toBe(2);
    const confirmation = await eventually('the confirmation', () => sink.received.find((m) => m.to.includes(email) && mailSubject(m).startsWith('Confirmed:')));

    // Confer is back; Zoom's retries of the undelivered events come due.
    web = await startSiblingProcess(confer, 'web');
    await callJson(confer.emulator.url, 'POST', '/_emulator/clock', { advanceSeconds: 6 * 60 });
    const left = await eventually('the extra meeting to be deleted', async () => {
      const meetings = await marked();
      return meetings.length === 1 ? meetings : undefined;
    }, 60);
    const view = (await apiAs(confer.url, host.cookie).get(`/api/v1/bookings/${booked.body.id}`)).body;
    const metrics = await (await fetch(workerMetrics)).text();
    const counts = {
      meetingsInZoom: left.length,
      keptIsTheBookings: left[0]!.id === ready.zoomMeetingId,
      confirmationNamesIt: mailParts(confirmation).some((part) => part.body.includes(ready.joinUrl!)),
      extraMeetingsDeleted: view.meeting.extraMeetingsDeleted,
      confirmations: sink.received.filter((m) => m.to.includes(email) && mailSubject(m).startsWith('Confirmed:')).length,
      metric: /^confer_zoom_extra_meetings_deleted_total 1$/m.test(metrics),
    };
    console.log(`late meeting.created: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({ meetingsInZoom: 1, keptIsTheBookings: true, confirmationNamesIt: true, extraMeetingsDeleted: 1, confirmations: 1, metric: true });
  });
});
