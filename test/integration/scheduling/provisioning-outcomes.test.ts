import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { connections } from '../../../src/core/database/schema.ts';
import { seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../../support/booking.ts';
import { eventually } from '../../support/eventually.ts';
import { workDrained } from '../../support/work-drained.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, spendRefreshToken, zoomDemoMember, zoomDemoOwner } from '../../support/connections.ts';
import { mailSubject, mailText } from '../../support/mail-parts.ts';
import { startSmtpSink } from '../../support/smtp-sink.ts';
import { consentAs, followCallback } from '../../support/zoom-consent.ts';

// What the host and the customer see when Zoom is down for longer than the confirmation waits,
// when the connection needs re-authorization, when the daily allowance runs low, and when a page
// is published on a connection that cannot create meetings.

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let confer: TestConfer;
let host: SeededUser;
let connectionId: string;
let slug: string;

const mailsTo = (address: string) => sink.received.filter((m) => m.to.includes(address));
const subjectsTo = (address: string) => mailsTo(address).map(mailSubject);
const hostApi = () => apiAs(confer.url, host.cookie);
const bookingOf = async (id: string) => (await hostApi().get(`/api/v1/bookings/${id}`)).body;
const emulatorMeetings = async () => (await callJson<{ meetings: Array<{ id: string; agenda: string }> }>(confer.emulator.url, 'GET', '/_emulator/meetings')).body.meetings;
const meetingsOf = async (bookingId: string) => (await emulatorMeetings()).filter((m) => m.agenda.includes(`Confer booking ${bookingId}`));
const clearFaults = () => callJson(confer.emulator.url, 'DELETE', '/_emulator/faults');
let nextSlot = 0;
/** A fresh free time for each booking of this file, a few days out. */
async function freeStart(): Promise<string> {
  const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  const slots = (await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`)).body.slots as Array<{ start: string }>;
  return slots[nextSlot++]!.start;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  confer = await startTestConfer({
    smtp: sink,
    env: {
      // Short waits, so the test sees the whole story; production waits 10 and 2 minutes.
      MEETING_LINK_WAIT_SECONDS: '3',
      ZOOM_CREATE_ANSWER_WAIT_SECONDS: '1',
    },
  });
  host = await seedUser(confer.confer.database.db, { name: 'Olga Outage', email: 'olga@example.com' });
  connectionId = ((await connectZoom(confer.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
  slug = (await createPage(confer.url, host, pageBody(connectionId, { title: 'Planning call' }))).slug;
});
afterAll(async () => {
  await confer?.close();
  await sink?.close();
});

describe('Zoom down for longer than the confirmation waits', () => {
  it('alerts the host at the start, confirms at the deadline saying the link follows, then sends the link once', async () => {
    expect((await callJson(confer.emulator.url, 'POST', '/_emulator/faults', { match: { method: 'POST', path: '/v2/users/*/meetings' }, status: 500 })).status).toBe(201);
    const customer = 'outage@example.com';
    const booked = await book(confer.url, slug, { start: await freeStart(), email: customer, name: 'Otto Outage' });
    expect(booked.status).toBe(201);

    // The host hears while the customer still waits for a confirmation.
    await eventually('the host alert', async () => subjectsTo(host.email).some((s) => s.startsWith('Zoom is not answering: Planning call with Otto Outage')));
    expect(mailsTo(customer)).toHaveLength(0);
    const waiting = await bookingOf(booked.body.id);
    expect(waiting.meeting.status).toBe('waiting_for_zoom');
    expect(waiting.meeting.reason).toMatch(/Zoom/);

    const [confirmation] = await eventually('the confirmation at the deadline', async () => (mailsTo(customer).length === 1 ? mailsTo(customer) : undefined));
    expect(mailSubject(confirmation!)).toMatch(/^Confirmed: Planning call with Olga Outage/);
    expect(mailText(confirmation!)).toContain('Your Zoom link follows in a separate email as soon as Zoom confirms the meeting.');
    expect(mailText(confirmation!)).not.toContain('Join Zoom meeting');

    await clearFaults();
    const [, link] = await eventually('the link email', async () => (mailsTo(customer).length === 2 ? mailsTo(customer) : undefined), 60);
    expect(mailSubject(link!)).toMatch(/^Your Zoom link: Planning call/);
    const ready = await bookingOf(booked.body.id);
    expect(ready.meeting.status).toBe('ready');
    expect(mailText(link!)).toContain(`Join Zoom meeting: ${ready.meeting.joinUrl}`);
    expect(await meetingsOf(booked.body.id)).toHaveLength(1);
    // Nothing more arrives for this booking, counted once every job and email has run.
    await workDrained(confer.confer.database.pool, 'the booking\'s jobs and emails to finish');
    expect(mailsTo(customer)).toHaveLength(2);
  });
});

describe('the daily create/update allowance', () => {
  it('warns the host once at 80 calls, and past 100 keeps the booking without calling Zoom', async () => {
    const { db } = confer.confer.database;
    const [connection] = await db.select({ zoomUserId: connections.zoomUserId }).from(connections).where(eq(connections.id, connectionId));
    const setUsed = (calls: number) => db.execute(sql`
      INSERT INTO zoom_daily_usage (zoom_user_id, day, create_update_calls) VALUES (${connection!.zoomUserId}, (now() AT TIME ZONE 'UTC')::date, ${calls})
      ON CONFLICT (zoom_user_id, day) DO UPDATE SET create_update_calls = ${calls}`);

    await setUsed(79);
    const eightieth = await book(confer.url, slug, { start: await freeStart(), email: 'eighty@example.com', name: 'Eve Eighty' });
    await eventually('the warning', async () => subjectsTo(host.email).includes('Zoom’s daily meeting limit: 80 of 100 used today'));
    await eventually('the 80th meeting', async () => (await bookingOf(eightieth.body.id)).meeting.status === 'ready');
    const eightyFirst = await book(confer.url, slug, { start: await freeStart(), email: 'eightyone@example.com', name: 'Ed Eightyone' });
    await eventually('the 81st meeting', async () => (await bookingOf(eightyFirst.body.id)).meeting.status === 'ready');
    expect(subjectsTo(host.email).filter((s) => s.startsWith('Zoom’s daily meeting limit'))).toHaveLength(1);

    await setUsed(100);
    const before = (await callJson<{ apiCalls: Record<string, number> }>(confer.emulator.url, 'GET', '/_emulator/stats')).body.apiCalls.meetingCreate ?? 0;
    const over = await book(confer.url, slug, { start: await freeStart(), email: 'over@example.com', name: 'Oscar Over' });
    expect(over.status).toBe(201);
    const kept = await eventually('the booking to wait for tomorrow', async () => {
      const b = await bookingOf(over.body.id);
      return b.meeting.status === 'waiting_for_zoom' ? b : undefined;
    });
    expect(kept.status).toBe('confirmed');
    expect(kept.meeting.reason).toContain('used all 100 of today’s Zoom meeting create/update calls');
    expect((await callJson<{ apiCalls: Record<string, number> }>(confer.emulator.url, 'GET', '/_emulator/stats')).body.apiCalls.meetingCreate ?? 0).toBe(before);
    // Refused calls are not counted: the tally stays at the limit instead of climbing with each try.
    const [usage] = (await db.execute<{ calls: number }>(sql`SELECT create_update_calls AS calls FROM zoom_daily_usage WHERE zoom_user_id = ${connection!.zoomUserId}`)).rows;
    expect(Number(usage!.calls)).toBe(100);
    await setUsed(0);
  });
});

describe('a connection that needs re-authorization', () => {
  it('keeps the booking, says why, emails the host at once, and provisions by itself after re-authorization', async () => {
    const { db } = confer.confer.database;
    // The refresh token is spent elsewhere (as a lost refresh answer would), and the access token has expired.
    await spendRefreshToken(confer, connectionId);

    const customer = 'reauth@example.com';
    const booked = await book(confer.url, slug, { start: await freeStart(), email: customer, name: 'Rita Reauth' });
    expect(booked.status).toBe(201);
    const stuck = await eventually('the booking to say why', async () => {
      const b = await bookingOf(booked.body.id);
      return b.meeting.status === 'needs_reauthorization' ? b : undefined;
    });
    expect(stuck.status).toBe('confirmed');
    expect(stuck.meeting.reason).toMatch(/re-authoriz/i);
    const [alert] = await eventually('the host email', async () => {
      const found = mailsTo(host.email).filter((m) => mailSubject(m).startsWith('Action needed: Zoom meeting not created: Planning call with Rita Reauth'));
      return found.length ? found : undefined;
    });
    expect(mailText(alert!)).toContain(`Re-authorize Zoom: ${confer.url}/settings/video-conferencing`);
    expect(await meetingsOf(booked.body.id)).toHaveLength(0);

    const reauthorize = await hostApi().post(`/api/v1/connections/${connectionId}/reauthorize`);
    expect(reauthorize.status).toBe(200);
    const result = await followCallback(await consentAs(reauthorize.body.authorizeUrl, zoomDemoOwner), host.cookie);
    expect(result.message).toMatchObject({ ok: true, outcome: 'reauthorized' });

    await eventually('the meeting after re-authorization', async () => (await bookingOf(booked.body.id)).meeting.status === 'ready');
    const [confirmation] = await eventually('the confirmation', async () => (mailsTo(customer).length ? mailsTo(customer) : undefined));
    expect(mailSubject(confirmation!)).toMatch(/^Confirmed: Planning call/);
    expect(mailText(confirmation!)).toContain('Join Zoom meeting');
    expect(await meetingsOf(booked.body.id)).toHaveLength(1);
  });
});

describe('publishing a page', () => {
  it('refuses a connection that cannot create meetings, naming the missing scope and where to fix it', async () => {
    const member = await seedUser(confer.confer.database.db, { name: 'Mia Member' });
    const memberConnection = ((await connectZoom(confer.url, member, zoomDemoMember)).message as { connectionId: string }).connectionId;
    // As Zoom grants it when the app was set up with reading scopes only.
    await confer.confer.database.db.update(connections).set({ scopes: ['user_info:read', 'recording:read'] }).where(eq(connections.id, memberConnection));

    const api = apiAs(confer.url, member.cookie);
    const refused = await api.post('/api/v1/booking-pages', pageBody(memberConnection, { slug: 'mia-intro' }));
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('BOOKING_PAGE_NOT_PUBLISHABLE');
    expect(refused.body.detail).toContain('meeting:write');
    expect((await api.get('/api/v1/booking-pages')).body.bookingPages).toHaveLength(0);

    const draft = await api.post('/api/v1/booking-pages', pageBody(memberConnection, { slug: 'mia-intro', published: false }));
    expect(draft.status).toBe(201);
    expect(draft.body.publishProblem).toMatchObject({ code: 'ZOOM_SCOPE_MISSING', fixPath: '/settings/video-conferencing' });
    expect((await asCustomer(confer.url).get('/api/v1/public/booking-pages/mia-intro')).status).toBe(404);
  });
});
