import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { meetingQueue } from '../../../src/scheduling/scheduling-runtime.ts';
import { seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../../support/booking.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom } from '../../support/connections.ts';
import { mailSubject, mailText } from '../../support/mail-parts.ts';
import { startSmtpSink } from '../../support/smtp-sink.ts';

// Zoom's Free plan caps each account's calls per UTC day (Medium, which creating a meeting is:
// 2,000). With ZOOM_PLAN=free Confer counts its calls per account and day, keeps inside its share
// (four fifths, as for the per-second limits), and once that is spent waits for 00:00 UTC: the
// booking is kept, its job runs again then, and the host is told as for the per-host allowance.
// Today's count is pre-set in PostgreSQL; the emulator's own count stays far below its cap.

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let confer: TestConfer;
let host: SeededUser;
let zoomAccountId: string;
let slug: string;
const hostApi = () => apiAs(confer.url, host.cookie);
const apiCalls = async () => (await callJson<{ apiCalls: Record<string, number> }>(confer.emulator.url, 'GET', '/_emulator/stats')).body.apiCalls;
const setTodaysMediumCalls = (calls: number) => confer.confer.database.db.execute(sql`
  INSERT INTO zoom_account_daily_calls (zoom_account_id, day, category, calls) VALUES (${zoomAccountId}, (now() AT TIME ZONE 'UTC')::date, 'Medium', ${calls})
  ON CONFLICT (zoom_account_id, day, category) DO UPDATE SET calls = ${calls}`);
const todaysMediumCalls = async () => Number((await confer.confer.database.db.execute<{ calls: number }>(sql`
  SELECT calls FROM zoom_account_daily_calls WHERE zoom_account_id = ${zoomAccountId} AND day = (now() AT TIME ZONE 'UTC')::date AND category = 'Medium'`)).rows[0]?.calls);
let nextSlot = 0;
async function bookOne(name: string): Promise<string> {
  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const slots = (await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`)).body.slots as Array<{ start: string }>;
  const booked = await book(confer.url, slug, { start: slots[nextSlot++]!.start, email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.com`, name });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  return booked.body.id;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  confer = await startTestConfer({ smtp: sink, env: { ZOOM_PLAN: 'free' } });
  const account = await callJson<{ id: string }>(confer.emulator.url, 'POST', '/_emulator/accounts', { name: 'Daily Free Co', plan: 'free' });
  zoomAccountId = account.body.id;
  const zoomUser = { email: 'daily@free.test', password: 'zoom-daily' };
  expect((await callJson(confer.emulator.url, 'POST', '/_emulator/users', { accountId: zoomAccountId, ...zoomUser, role: 'owner' })).status).toBe(201);
  host = await seedUser(confer.confer.database.db, { name: 'Dora Daily', email: 'dora@example.com' });
  const connectionId = ((await connectZoom(confer.url, host, zoomUser)).message as { connectionId: string }).connectionId;
  slug = (await createPage(confer.url, host, pageBody(connectionId, { title: 'Daily call' }))).slug;
});
afterAll(async () => {
  await confer?.close();
  await sink?.close();
});

describe('the Free plan’s daily cap per Zoom account', () => {
  it('uses its share to the last call, then keeps the booking until 00:00 UTC, tells the host, and provisions once the day turns', async () => {
    await setTodaysMediumCalls(1599);
    const last = await bookOne('Lara Last');
    await eventually('the last meeting of the day', async () => (await hostApi().get(`/api/v1/bookings/${last}`)).body.meeting.status === 'ready');
    expect(await todaysMediumCalls()).toBe(1600);

    const createsBefore = (await apiCalls()).meetingCreate ?? 0;
    const over = await bookOne('Otto Over');
    const kept = await eventually('the booking to wait for tomorrow', async () => {
      const view = (await hostApi().get(`/api/v1/bookings/${over}`)).body;
      return view.meeting.status === 'waiting_for_zoom' ? view : undefined;
    });
    expect(kept.status).toBe('confirmed');
    expect(kept.meeting.reason).toContain('used all 1,600 of today’s Medium Zoom API calls');
    expect(kept.meeting.reason).toContain('after 00:00 UTC');
    expect((await apiCalls()).meetingCreate ?? 0).toBe(createsBefore);
    expect(await todaysMediumCalls()).toBe(1600);

    // The host hears, the way the per-host daily allowance tells them.
    const alert = await eventually('the host alert', async () => sink.received.find((m) => m.to.includes(host.email) && mailSubject(m).startsWith('Zoom is not answering: Daily call with Otto Over')));
    expect(mailText(alert)).toContain('after 00:00 UTC');

    // The booking's next pass is due at the next 00:00 UTC (plus a little spread), not sooner.
    const nextMidnight = new Date();
    nextMidnight.setUTCHours(24, 0, 0, 0);
    const due = await eventually('the next pass to be scheduled', async () => {
      const { rows } = await confer.confer.database.pool.query<{ start_after: Date }>(
        "SELECT start_after FROM pgboss.job WHERE name = $1 AND data->>'bookingId' = $2 AND state = 'created'", [meetingQueue, over]);
      return rows[0]?.start_after;
    });
    expect(due.getTime()).toBeGreaterThanOrEqual(nextMidnight.getTime() - 1000);
    expect(due.getTime()).toBeLessThanOrEqual(nextMidnight.getTime() + 5000);

    // 00:00 UTC: a new day has no tally yet, and the pass that was due then runs.
    await confer.confer.database.db.execute(sql`DELETE FROM zoom_account_daily_calls WHERE zoom_account_id = ${zoomAccountId}`);
    await confer.confer.database.pool.query("UPDATE pgboss.job SET start_after = now() WHERE name = $1 AND data->>'bookingId' = $2 AND state = 'created'", [meetingQueue, over]);
    await eventually('the meeting after midnight', async () => (await hostApi().get(`/api/v1/bookings/${over}`)).body.meeting.status === 'ready');
    expect((await apiCalls()).meetingCreate ?? 0).toBe(createsBefore + 1);
    const meetings = (await callJson<{ meetings: Array<{ agenda: string }> }>(confer.emulator.url, 'GET', '/_emulator/meetings')).body.meetings;
    expect(meetings.filter((m) => m.agenda.includes(`Confer booking ${over}`))).toHaveLength(1);
  });
});
