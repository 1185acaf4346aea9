import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { seedUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../../support/booking.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom } from '../../support/connections.ts';

// Zoom's Free plan allows 2 Medium calls (creating a meeting is one) per second per account. A
// burst of bookings on such an account must be spread by Confer, not rejected by Zoom.

let confer: TestConfer;
beforeAll(async () => {
  confer = await startTestConfer({ env: { ZOOM_PLAN: 'free' } });
});
afterAll(async () => {
  await confer?.close();
});

const stats = async () => (await callJson<{ rateLimited: number }>(confer.emulator.url, 'GET', '/_emulator/stats')).body;

describe('Zoom’s per-second limits', () => {
  it('spreads a burst of bookings on a Free account so that Zoom answers no 429', async () => {
    const account = await callJson<{ id: string }>(confer.emulator.url, 'POST', '/_emulator/accounts', { name: 'Tiny Free Co', plan: 'free' });
    expect(account.status).toBe(201);
    const zoomUser = { email: 'free@tiny.test', password: 'zoom-free' };
    expect((await callJson(confer.emulator.url, 'POST', '/_emulator/users', { accountId: account.body.id, ...zoomUser, role: 'owner' })).status).toBe(201);
    const host = await seedUser(confer.confer.database.db, { name: 'Fern Free' });
    const connectionId = ((await connectZoom(confer.url, host, zoomUser)).message as { connectionId: string }).connectionId;
    const { slug } = await createPage(confer.url, host, pageBody(connectionId));
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const slots = (await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`)).body.slots as Array<{ start: string }>;

    const before = (await stats()).rateLimited;
    const booked = await Promise.all(slots.slice(0, 8).map((slot, i) => book(confer.url, slug, { start: slot.start, email: `burst${i}@example.com` })));
    expect(booked.every((b) => b.status === 201)).toBe(true);
    const api = apiAs(confer.url, host.cookie);
    await eventually('every meeting', async () => {
      const views = await Promise.all(booked.map(async (b) => (await api.get(`/api/v1/bookings/${b.body.id}`)).body));
      return views.every((v) => v.meeting.status === 'ready');
    }, 60);
    expect((await stats()).rateLimited - before).toBe(0);
    const meetings = (await callJson<{ meetings: Array<{ agenda: string }> }>(confer.emulator.url, 'GET', '/_emulator/meetings')).body.meetings;
    expect(booked.every((b) => meetings.filter((m) => m.agenda.includes(`Confer booking ${b.body.id}`)).length === 1)).toBe(true);
  });
});
