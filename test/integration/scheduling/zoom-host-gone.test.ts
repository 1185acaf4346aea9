import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../../support/booking.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom } from '../../support/connections.ts';
import { mailSubject } from '../../support/mail-parts.ts';
import { startSmtpSink } from '../../support/smtp-sink.ts';
import { workDrained } from '../../support/work-drained.ts';

// The host's Zoom user is removed from the Zoom account after their meetings were made. Zoom then
// answers the meeting's update and delete with 404 code 1001 "User does not exist", which is not
// 3001 "no such meeting": Confer must not report the meeting deleted in Zoom, nor count a cancel's
// delete as done, but say that the connection needs re-authorization, and tell the host.

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let confer: TestConfer;
const emulator = <T>(method: string, path: string, body?: unknown) => callJson<T>(confer.emulator.url, method, path, body);
const apiCalls = async () => (await emulator<{ apiCalls: Record<string, number> }>('GET', '/_emulator/stats')).body.apiCalls;
const mailsTo = (address: string) => sink.received.filter((m) => m.to.includes(address)).map(mailSubject);

beforeAll(async () => {
  sink = await startSmtpSink();
  confer = await startTestConfer({ smtp: sink });
});
afterAll(async () => {
  await confer?.close();
  await sink?.close();
});

/** A host connected as a Zoom user of its own in the demo account, with a page and one booking whose meeting is ready. */
async function hostWithMeeting(name: string) {
  const zoomUser = { email: `${name.toLowerCase()}@zoom-left.test`, password: `${name}-zoom-secret` };
  const accountId = confer.emulator.seed!.accounts[0]!.id;
  expect((await emulator('POST', '/_emulator/users', { accountId, ...zoomUser, role: 'member' })).status).toBe(201);
  const host = await seedUser(confer.confer.database.db, { name: `${name} Host`, email: `${name.toLowerCase()}@example.com` });
  const connectionId = ((await connectZoom(confer.url, host, zoomUser)).message as { connectionId: string }).connectionId;
  const { slug } = await createPage(confer.url, host, pageBody(connectionId, { title: `${name}’s call` }));
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const slots = (await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`)).body.slots as Array<{ start: string }>;
  const booked = await book(confer.url, slug, { start: slots[0]!.start, email: `${name.toLowerCase()}.customer@example.com`, name: `${name} Customer` });
  expect(booked.status).toBe(201);
  const api = apiAs(confer.url, host.cookie);
  const ready = await eventually('the meeting', async () => {
    const view = (await api.get(`/api/v1/bookings/${booked.body.id}`)).body;
    return view.meeting.status === 'ready' ? view : undefined;
  });
  return { host, api, zoomUser, connectionId, bookingId: booked.body.id as string, meetingId: ready.meeting.zoomMeetingId as string, laterSlot: slots[4]!.start };
}

async function expectConnectionFlagged(host: SeededUser, api: ReturnType<typeof apiAs>, connectionId: string) {
  const connection = (await api.get(`/api/v1/connections/${connectionId}`)).body;
  expect(connection.status).toBe('needs_reauthorization');
  expect(connection.lastError).toContain('1001');
  await eventually('the host’s email about the connection', async () => mailsTo(host.email).includes('Your Zoom connection needs re-authorization'));
}

describe('a host removed from the Zoom account (404 code 1001)', () => {
  it('a move is not “deleted in Zoom”: the booking needs re-authorization, and the host hears', async () => {
    const { host, api, zoomUser, connectionId, bookingId, meetingId, laterSlot } = await hostWithMeeting('Mover');
    expect((await emulator('DELETE', `/_emulator/users/${encodeURIComponent(zoomUser.email)}`)).status).toBe(200);
    const updatesBefore = (await apiCalls()).meetingUpdate ?? 0;

    expect((await api.post(`/api/v1/bookings/${bookingId}/reschedule`, { start: laterSlot })).status).toBe(200);
    const stuck = await eventually('the move to fail', async () => {
      const view = (await api.get(`/api/v1/bookings/${bookingId}`)).body;
      return view.meeting.status !== 'ready' ? view : undefined;
    });
    expect(stuck.meeting.status).toBe('needs_reauthorization');
    expect(stuck.meeting.reason).toContain('Re-authorize');
    expect(stuck.meeting.reason).not.toMatch(/deleted in Zoom/i);
    // Zoom was asked, and answered 1001; the meeting is still there.
    expect((await apiCalls()).meetingUpdate ?? 0).toBeGreaterThan(updatesBefore);
    const kept = (await emulator<{ meetings: Array<{ id: string }> }>('GET', '/_emulator/meetings')).body.meetings;
    expect(kept.map((m) => m.id)).toContain(meetingId);
    await expectConnectionFlagged(host, api, connectionId);
    await eventually('the booking’s email to the host', async () => mailsTo(host.email).some((s) => s.startsWith('Action needed: Zoom meeting not created: Mover’s call')));
    expect(mailsTo(host.email).some((s) => s.startsWith('Zoom meeting deleted in Zoom'))).toBe(false);
  });

  it('a cancel does not count the meeting as already gone: it stays on record, and the host hears', async () => {
    const { host, api, zoomUser, connectionId, bookingId, meetingId } = await hostWithMeeting('Canceller');
    expect((await emulator('DELETE', `/_emulator/users/${encodeURIComponent(zoomUser.email)}`)).status).toBe(200);
    const deletesBefore = (await apiCalls()).meetingDelete ?? 0;

    expect((await api.post(`/api/v1/bookings/${bookingId}/cancel`)).status).toBe(200);
    await eventually('the connection to need re-authorization', async () => (await api.get(`/api/v1/connections/${connectionId}`)).body.status === 'needs_reauthorization');
    await workDrained(confer.confer.database.pool, 'the cancel’s work to finish');
    const after = (await api.get(`/api/v1/bookings/${bookingId}`)).body;
    expect(after.status).toBe('cancelled');
    // "Already gone" would have settled the meeting as cancelled; it is not known to be gone.
    expect(after.meeting.status).not.toBe('cancelled');
    expect((await apiCalls()).meetingDelete ?? 0).toBeGreaterThan(deletesBefore);
    const kept = (await emulator<{ meetings: Array<{ id: string }> }>('GET', '/_emulator/meetings')).body.meetings;
    expect(kept.map((m) => m.id)).toContain(meetingId);
    await expectConnectionFlagged(host, api, connectionId);
  });
});
