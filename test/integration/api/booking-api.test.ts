import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { bookings } from '../../../src/core/database/schema.ts';
import { seedFolder, seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs, callWithKey } from '../../support/api-client.ts';
import { asCustomer, createPage, pageBody } from '../../support/booking.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, zoomDemoOwner } from '../../support/connections.ts';
import { mailCalendar, mailSubject, mailText } from '../../support/mail-parts.ts';
import { startSmtpSink } from '../../support/smtp-sink.ts';

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let confer: TestConfer;
let host: SeededUser;
let page: { id: string; slug: string };
let draft: { id: string; slug: string };
let writeKey: string;

/** An integration's call: the key in the Authorization header, no cookie, no browser Origin. */
const withKey = (secret: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => callWithKey(confer.url, secret, method, path, body, headers);

async function createKey(input: Record<string, unknown>): Promise<string> {
  const created = await apiAs(confer.url, host.cookie).post('/api/v1/api-keys', input);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.secret as string;
}

interface EmulatorMeeting { id: string; startTimeIso: string }
const emulatorMeetingsAt = async (start: string) =>
  (await callJson<{ meetings: EmulatorMeeting[] }>(confer.emulator.url, 'GET', '/_emulator/meetings')).body.meetings.filter((m) => m.startTimeIso === start.replace('.000Z', 'Z'));
const mailsTo = (address: string) => sink.received.filter((m) => m.to.includes(address));
const bookingsOfPage = async (pageId: string) => confer.confer.database.db.select().from(bookings).where(eq(bookings.pageId, pageId));
const nextDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const freeTimes = async (pageId: string, day: string, timeZone = 'UTC') =>
  (await withKey(writeKey, 'GET', `/api/v1/booking-pages/${pageId}/free-times?from=${day}&to=${day}&timeZone=${timeZone}`)).body.slots as Array<{ start: string }>;
const customer = (email: string) => ({ name: 'Priya Raman', email, timeZone: 'Asia/Kolkata', locale: 'en-IN' });

beforeAll(async () => {
  sink = await startSmtpSink();
  confer = await startTestConfer({ smtp: sink });
  host = await seedUser(confer.confer.database.db, { name: 'Harriet Host', email: 'harriet@example.com' });
  const connectionId = ((await connectZoom(confer.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
  page = await createPage(confer.url, host, pageBody(connectionId));
  draft = await createPage(confer.url, host, pageBody(connectionId, { title: 'Private call', published: false }));
  writeKey = await createKey({ name: 'CRM', access: 'write' });
});
afterAll(async () => {
  await confer?.close();
  await sink?.close();
});

describe('the booking API, with an API key acting as the host', () => {
  it('lists the host’s pages and their free times, the same as customers see them, drafts included', async () => {
    const listed = await withKey(writeKey, 'GET', '/api/v1/booking-pages');
    expect(listed.status).toBe(200);
    expect(listed.body.bookingPages.map((p: { id: string; published: boolean }) => [p.id, p.published])).toEqual([[page.id, true], [draft.id, false]]);

    const day = nextDays(3);
    const free = await withKey(writeKey, 'GET', `/api/v1/booking-pages/${page.id}/free-times?from=${day}&to=${day}&timeZone=Asia/Kolkata`);
    expect(free.status).toBe(200);
    expect(free.body.timeZone).toBe('Asia/Kolkata');
    expect(free.body.slots).toHaveLength(48);
    expect(free.body.slots[0]).toEqual({ start: expect.any(String), end: expect.any(String), date: day, label: expect.stringMatching(/^12:00\sAM$/) });
    const publicSlots = await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${page.slug}/slots?from=${day}&to=${day}&timeZone=Asia/Kolkata`);
    expect(free.body).toEqual(publicSlots.body);

    expect(await freeTimes(draft.id, day)).toHaveLength(48);
    expect((await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${draft.slug}/slots?from=${day}&to=${day}&timeZone=UTC`)).status).toBe(404);
    const tooLong = await withKey(writeKey, 'GET', `/api/v1/booking-pages/${page.id}/free-times?from=${day}&to=${nextDays(60)}&timeZone=UTC`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([{ field: 'to', message: 'at most 42 days after from' }]);
  });

  it('books on a customer’s behalf: the booking as GET /bookings/{id} shows it, one Zoom meeting, one confirmation', async () => {
    const start = (await freeTimes(page.id, nextDays(4)))[20]!.start;
    const booked = await withKey(writeKey, 'POST', `/api/v1/booking-pages/${page.id}/bookings`, { start, customer: customer('priya@example.in'), notes: 'Booked from the CRM' });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body).toMatchObject({
      status: 'confirmed',
      start,
      page: { id: page.id, title: 'Intro call' },
      customer: { name: 'Priya Raman', email: 'priya@example.in', timeZone: 'Asia/Kolkata' },
      notes: 'Booked from the CRM',
      notifyCustomer: true,
      meeting: { status: 'provisioning' },
    });
    const shown = await withKey(writeKey, 'GET', `/api/v1/bookings/${booked.body.id}`);
    expect(Object.keys(booked.body).sort()).toEqual(Object.keys(shown.body).sort());

    const ready = await eventually('the meeting and the emails', async () => {
      const b = (await withKey(writeKey, 'GET', `/api/v1/bookings/${booked.body.id}`)).body;
      return b.meeting.status === 'ready' && b.emails.length === 2 && b.emails.every((e: { status: string }) => e.status === 'sent') ? b : undefined;
    });
    expect(await emulatorMeetingsAt(start)).toEqual([expect.objectContaining({ id: ready.meeting.zoomMeetingId })]);
    const mails = mailsTo('priya@example.in');
    expect(mails).toHaveLength(1);
    expect(mailSubject(mails[0]!)).toContain('Confirmed: Intro call with Harriet Host');
    expect(mailText(mails[0]!)).toContain(`Join Zoom meeting: ${ready.meeting.joinUrl}`);
    expect(mailText(mails[0]!)).toContain('India Standard Time (Asia/Kolkata)');
    expect(mailsTo('harriet@example.com').map(mailSubject)).toEqual([expect.stringContaining('New booking: Priya Raman')]);

    const again = await withKey(writeKey, 'POST', `/api/v1/booking-pages/${page.id}/bookings`, { start, customer: customer('someone@example.com') });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('BOOKING_SLOT_TAKEN');
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    const elsewhere = (await freeTimes(page.id, nextDays(4))).map((slot) => slot.start);
    expect(elsewhere).not.toContain(start);
  });

  it('reschedules and cancels with the key: the same Zoom meeting moves, then goes; the customer is told each time', async () => {
    const [first, later] = [(await freeTimes(page.id, nextDays(5)))[10]!.start, (await freeTimes(page.id, nextDays(5)))[14]!.start];
    const email = 'mover@example.com';
    const booked = await withKey(writeKey, 'POST', `/api/v1/booking-pages/${page.id}/bookings`, { start: first, customer: customer(email) });
    expect(booked.status).toBe(201);
    const ready = await eventually('the confirmation', async () => {
      const b = (await withKey(writeKey, 'GET', `/api/v1/bookings/${booked.body.id}`)).body;
      return b.meeting.status === 'ready' && mailsTo(email).length === 1 ? b : undefined;
    });

    const moved = await withKey(writeKey, 'POST', `/api/v1/bookings/${booked.body.id}/reschedule`, { start: later });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: booked.body.id, start: later, status: 'confirmed' });
    await eventually('the update email', async () => mailsTo(email).length === 2);
    expect(mailSubject(mailsTo(email)[1]!)).toContain('Updated: Intro call');
    expect(await emulatorMeetingsAt(later)).toEqual([expect.objectContaining({ id: ready.meeting.zoomMeetingId })]);

    const cancelled = await withKey(writeKey, 'POST', `/api/v1/bookings/${booked.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    await eventually('the meeting deleted in Zoom', async () => (await emulatorMeetingsAt(later)).length === 0);
    await eventually('the cancellation email', async () => mailsTo(email).length === 3);
    expect(mailCalendar(mailsTo(email)[2]!)[0]!.body).toContain('METHOD:CANCEL');
    expect((await withKey(writeKey, 'POST', `/api/v1/bookings/${booked.body.id}/cancel`)).body.code).toBe('BOOKING_NOT_CHANGEABLE');
  });

  it('with an Idempotency-Key, gives a retry the booking already made, even when the retries race, and refuses the key for another request', async () => {
    const [start, other] = [(await freeTimes(page.id, nextDays(6)))[3]!.start, (await freeTimes(page.id, nextDays(6)))[5]!.start];
    const body = { start, customer: customer('retry@example.com') };
    const key = { 'idempotency-key': 'crm-order-4711' };
    const before = (await bookingsOfPage(page.id)).length;
    const attempts = await Promise.all([1, 2, 3].map(() => withKey(writeKey, 'POST', `/api/v1/booking-pages/${page.id}/bookings`, body, key)));
    expect(attempts.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(attempts.map((a) => a.body.id)).size).toBe(1);
    expect(attempts.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
    const retry = await withKey(writeKey, 'POST', `/api/v1/booking-pages/${page.id}/bookings`, body, key);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(attempts[0]!.body.id);
    expect((await bookingsOfPage(page.id)).length).toBe(before + 1);

    const reused = await withKey(writeKey, 'POST', `/api/v1/booking-pages/${page.id}/bookings`, { ...body, start: other }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await bookingsOfPage(page.id)).length).toBe(before + 1);
    await eventually('the one confirmation', async () => mailsTo('retry@example.com').length === 1);
    expect(await emulatorMeetingsAt(start)).toHaveLength(1);
  });

  it('leaves the customer to the integration when notifyCustomer is false; the host is still told', async () => {
    const start = (await freeTimes(page.id, nextDays(7)))[8]!.start;
    const email = 'quiet@example.com';
    const booked = await withKey(writeKey, 'POST', `/api/v1/booking-pages/${page.id}/bookings`, { start, customer: customer(email), notifyCustomer: false });
    expect(booked.status).toBe(201);
    expect(booked.body.notifyCustomer).toBe(false);
    const sentOf = async () => {
      const b = (await withKey(writeKey, 'GET', `/api/v1/bookings/${booked.body.id}`)).body;
      return b.emails.every((e: { status: string }) => e.status === 'sent') ? b.emails.map((e: { kind: string; to: string }) => `${e.kind} to ${e.to}`) : [];
    };
    await eventually('the meeting and the host’s email', async () => (await sentOf()).length === 1);
    expect(await sentOf()).toEqual(['host_new_booking to harriet@example.com']);
    expect((await withKey(writeKey, 'POST', `/api/v1/bookings/${booked.body.id}/cancel`)).status).toBe(200);
    await eventually('the host’s cancellation email', async () => (await sentOf()).length === 2);
    expect(await sentOf()).toEqual(['host_new_booking to harriet@example.com', 'host_booking_cancelled to harriet@example.com']);
    expect(mailsTo(email)).toEqual([]);
  });

  it('books a draft page whose connection works, and refuses one that has none, saying why', async () => {
    const start = (await freeTimes(draft.id, nextDays(8)))[4]!.start;
    const booked = await withKey(writeKey, 'POST', `/api/v1/booking-pages/${draft.id}/bookings`, { start, customer: customer('draft@example.com') });
    expect(booked.status).toBe(201);
    expect(booked.body.page.title).toBe('Private call');

    const unconnected = await createPage(confer.url, host, pageBody('', { connectionId: null, published: false, title: 'No Zoom yet' }));
    const refused = await withKey(writeKey, 'POST', `/api/v1/booking-pages/${unconnected.id}/bookings`, { start, customer: customer('draft@example.com') });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('BOOKING_PAGE_NOT_PUBLISHABLE');
    expect(refused.body.detail).toContain('Choose a Zoom connection');
    expect(await bookingsOfPage(unconnected.id)).toEqual([]);
  });

  it('refuses a read-only key, and a key without personal reach, and stores nothing', async () => {
    const start = (await freeTimes(page.id, nextDays(9)))[2]!.start;
    const body = { start, customer: customer('refused@example.com') };
    const before = (await bookingsOfPage(page.id)).length;

    const readKey = await createKey({ name: 'Reader', access: 'read' });
    expect((await withKey(readKey, 'GET', `/api/v1/booking-pages/${page.id}/free-times?from=${nextDays(9)}&to=${nextDays(9)}&timeZone=UTC`)).status).toBe(200);
    const readOnly = await withKey(readKey, 'POST', `/api/v1/booking-pages/${page.id}/bookings`, body);
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.code).toBe('API_KEY_READ_ONLY');

    const folderId = await seedFolder(confer.confer.database.db, 'Sales', { [host.userId]: 'member' });
    const folderOnly = await createKey({ name: 'Sales only', access: 'write', personal: false, folderIds: [folderId] });
    for (const [method, path, payload] of [
      ['GET', '/api/v1/booking-pages', undefined],
      ['POST', `/api/v1/booking-pages/${page.id}/bookings`, body],
      ['GET', '/api/v1/bookings', undefined],
    ] as const) {
      const refused = await withKey(folderOnly, method, path, payload);
      expect(refused.status, path).toBe(403);
      expect(refused.body.code, path).toBe('FORBIDDEN');
    }
    expect((await bookingsOfPage(page.id)).length).toBe(before);
  });

  it('refuses bad input as problem+json naming each field, and stores nothing', async () => {
    const before = (await bookingsOfPage(page.id)).length;
    const bad = await withKey(writeKey, 'POST', `/api/v1/booking-pages/${page.id}/bookings`, {
      start: 'tomorrow at ten',
      customer: { name: ' ', email: 'not-an-email', timeZone: 'Mars/Olympus_Mons' },
      notifyCustomer: 'yes',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['customer.email', 'customer.name', 'customer.timeZone', 'notifyCustomer', 'start']);

    const start = (await freeTimes(page.id, nextDays(10)))[1]!.start;
    const badKey = await withKey(writeKey, 'POST', `/api/v1/booking-pages/${page.id}/bookings`, { start, customer: customer('x@example.com') }, { 'idempotency-key': 'has spaces in it' });
    expect(badKey.status).toBe(400);
    expect(badKey.body.errors).toEqual([{ field: 'idempotency-key', message: 'printable ASCII without spaces' }]);
    const unoffered = await withKey(writeKey, 'POST', `/api/v1/booking-pages/${page.id}/bookings`, { start: new Date(Date.parse(start) + 60_000).toISOString(), customer: customer('x@example.com') });
    expect(unoffered.body.code).toBe('BOOKING_SLOT_UNAVAILABLE');
    expect((await withKey(writeKey, 'POST', '/api/v1/booking-pages/00000000-0000-4000-8000-000000000000/bookings', { start, customer: customer('x@example.com') })).status).toBe(404);
    expect((await bookingsOfPage(page.id)).length).toBe(before);
  });
});
