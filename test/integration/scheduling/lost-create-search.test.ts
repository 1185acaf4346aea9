import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson, createAppVia } from '../../../emulator/zoom/testing/control-client.ts';
import { bookings } from '../../../src/core/database/schema.ts';
import { seedFolder, seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../../support/booking.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom } from '../../support/connections.ts';

// A create whose answer Zoom drops, on a connection whose app subscribes to no events: Zoom's
// meeting.created never comes, and the wait for it is far longer than this test, so only the search
// of the host's meeting list can find the meeting. The connection holds what Confer's own app asks
// for (classic meeting:write, no meeting:read), which Zoom describes as reading meetings too.

let confer: TestConfer;
let host: SeededUser;
let slug: string;
const emulator = <T>(method: string, path: string, body?: unknown) => callJson<T>(confer.emulator.url, method, path, body);
const apiCalls = async () => (await emulator<{ apiCalls: Record<string, number> }>('GET', '/_emulator/stats')).body.apiCalls;
const dropNextCreateAnswer = async () => {
  expect((await emulator('POST', '/_emulator/faults', { match: { method: 'POST', path: '/v2/users/*/meetings' }, dropResponse: true, times: 1 })).status).toBe(201);
};
const meetingsOf = async (bookingId: string) =>
  (await emulator<{ meetings: Array<{ id: string; agenda: string }> }>('GET', '/_emulator/meetings')).body.meetings.filter((m) => m.agenda.includes(`Confer booking ${bookingId}`));
let nextSlot = 0;
async function bookOne(customer: string, notes?: string): Promise<string> {
  const day = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
  const slots = (await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`)).body.slots as Array<{ start: string }>;
  const booked = await book(confer.url, slug, { start: slots[nextSlot++]!.start, email: `${customer}@example.com`, name: customer, ...(notes ? { notes } : {}) });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  return booked.body.id;
}
const passesOf = async (bookingId: string) =>
  (await confer.confer.database.db.select({ attempts: bookings.provisionAttempts }).from(bookings).where(eq(bookings.id, bookingId)))[0]!.attempts;

beforeAll(async () => {
  confer = await startTestConfer({ env: { ZOOM_CREATE_ANSWER_WAIT_SECONDS: '600' } });
  const { db } = confer.confer.database;
  // An account of its own, so no app that does subscribe to events is installed there.
  const account = await emulator<{ id: string }>('POST', '/_emulator/accounts', { name: 'Quiet Co' });
  const zoomUser = { email: 'quiet@quiet.test', password: 'quiet-zoom' };
  expect((await emulator('POST', '/_emulator/users', { accountId: account.body.id, ...zoomUser, role: 'owner' })).status).toBe(201);
  const app = await createAppVia(confer.emulator.url, { name: 'No events', redirectUris: [`${confer.url}/connections/oauth/callback`], scopes: ['meeting:write', 'recording:read', 'user_info:read'] });
  host = await seedUser(db, { name: 'Quinn Quiet' });
  const folderId = await seedFolder(db, 'Quiet', { [host.userId]: 'folder_admin' });
  const connected = await connectZoom(confer.url, host, zoomUser, {
    connector: 'zoom', target: { folderId }, authType: 'byo_oauth_app', name: 'No events', clientId: app.clientId, clientSecret: app.clientSecret,
  });
  expect(connected.message).toMatchObject({ ok: true });
  slug = (await createPage(confer.url, host, pageBody((connected.message as { connectionId: string }).connectionId, { title: 'Quiet call' }))).slug;
});
afterAll(() => confer?.close());

describe('a create whose answer was lost, with no meeting.created to tell', () => {
  it('is found by searching the host’s meetings, even behind 2,000 characters of notes: one meeting in Zoom', async () => {
    const notes = 'Please read the attached brief before we talk. '.repeat(50).slice(0, 2000).trim();
    expect(notes.length).toBeGreaterThan(1990);
    const before = await apiCalls();
    await dropNextCreateAnswer();
    const bookingId = await bookOne('noted', notes);

    const ready = await eventually('the meeting to be found', async () => {
      const view = (await apiAs(confer.url, host.cookie).get(`/api/v1/bookings/${bookingId}`)).body;
      return view.meeting.status === 'ready' ? view : undefined;
    }, 30);
    const inZoom = await meetingsOf(bookingId);
    expect(inZoom).toHaveLength(1);
    expect(ready.meeting.zoomMeetingId).toBe(inZoom[0]!.id);
    // The marker leads the agenda; Zoom's 2,000 characters end inside the notes.
    expect(inZoom[0]!.agenda.startsWith(`Booked through Confer. Confer booking ${bookingId}\n\nPlease read`)).toBe(true);
    expect(inZoom[0]!.agenda).toHaveLength(2000);
    const after = await apiCalls();
    expect(after.meetingCreate).toBe((before.meetingCreate ?? 0) + 1);
    expect(after.meetings ?? 0).toBeGreaterThan(before.meetings ?? 0);
  });
});

describe('where Zoom does not let meeting:write read (emulator setting classicWriteImpliesRead off)', () => {
  beforeAll(async () => {
    expect((await emulator('PUT', '/_emulator/settings', { classicWriteImpliesRead: false })).status).toBe(200);
  });
  afterAll(async () => {
    await emulator('PUT', '/_emulator/settings', { classicWriteImpliesRead: true });
  });

  it('searches once, learns the refusal, waits for Zoom’s event as before, and does not search again', async () => {
    const before = await apiCalls();
    await dropNextCreateAnswer();
    const first = await bookOne('strict-one');
    // Three passes: the dropped create, the search Zoom refuses, and one that only waits.
    await eventually('three passes over the booking', async () => (await passesOf(first)) >= 3, 30);
    let view = (await apiAs(confer.url, host.cookie).get(`/api/v1/bookings/${first}`)).body;
    expect(view.meeting.status).toBe('waiting_for_zoom');
    expect(view.meeting.reason).toContain('waiting for Zoom to report whether it made the meeting');
    let calls = await apiCalls();
    expect(calls.meetings ?? 0).toBe((before.meetings ?? 0) + 1);
    // Nothing created twice while Confer cannot tell.
    expect(calls.meetingCreate).toBe((before.meetingCreate ?? 0) + 1);
    expect(await meetingsOf(first)).toHaveLength(1);

    await dropNextCreateAnswer();
    const second = await bookOne('strict-two');
    await eventually('two passes over the second booking', async () => (await passesOf(second)) >= 2, 30);
    view = (await apiAs(confer.url, host.cookie).get(`/api/v1/bookings/${second}`)).body;
    expect(view.meeting.status).toBe('waiting_for_zoom');
    calls = await apiCalls();
    expect(calls.meetings ?? 0).toBe((before.meetings ?? 0) + 1);
    expect(calls.meetingCreate).toBe((before.meetingCreate ?? 0) + 2);
  });
});
