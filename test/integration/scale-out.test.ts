import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/zoom/server.ts';
import { callJson } from '../../emulator/zoom/testing/control-client.ts';
import { ensureWebBuilt } from '../../scripts/build-web.ts';
import { openDatabase, type Database } from '../../src/core/database/database.ts';
import { bookings, emailOutbox, zoomTokenFamilies } from '../../src/core/database/schema.ts';
import { createLogger } from '../../src/core/logging/logger.ts';
import { seedUser } from '../support/accounts.ts';
import { apiAs } from '../support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../support/booking.ts';
import { eventually } from '../support/eventually.ts';
import { connectZoom, zoomDemoOwner } from '../support/connections.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { freePort } from '../support/free-port.ts';
import { mailSubject } from '../support/mail-parts.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { startConferRole, stopConferRole } from '../support/worker-process.ts';

// Confer at scale: two web processes (`confer web`) and two workers (`confer worker`) on one
// PostgreSQL, as docs/operations.md describes. Bookings made through either web process get one
// meeting and one confirmation each, and a storm of Zoom calls on an expired token through both
// web processes makes one refresh: the guarantees live in the database, not in a process.

let testDatabase: TestDatabase;
let database: Database;
let emulator: RunningEmulator;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
const processes: ChildProcess[] = [];
const webUrls: string[] = [];

beforeAll(async () => {
  [testDatabase, sink] = await Promise.all([createTestDatabase(), startSmtpSink(), ensureWebBuilt()]).then(([db, smtp]) => [db, smtp] as const);
  const ports = [await freePort(), await freePort()];
  webUrls.push(...ports.map((port) => `http://127.0.0.1:${port}`));
  const publicUrl = webUrls[0]!;
  emulator = await startEmulator({ seed: 'demo', conferApp: { redirectUri: `${publicUrl}/connections/oauth/callback`, webhookUrl: `${publicUrl}/webhooks/zoom` } });
  const app = emulator.seed!.app!;
  const env = {
    PUBLIC_URL: publicUrl,
    DATABASE_URL: testDatabase.url,
    CONFER_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    CONFER_DATA_DIR: mkdtempSync(join(tmpdir(), 'confer-scale-')),
    ZOOM_CLIENT_ID: app.clientId,
    ZOOM_CLIENT_SECRET: app.clientSecret,
    ZOOM_WEBHOOK_SECRET_TOKEN: app.webhook!.secretToken,
    ZOOM_OAUTH_URL: emulator.url,
    ZOOM_API_URL: `${emulator.url}/v2`,
    SMTP_URL: sink.url,
    MAIL_FROM: 'Confer <confer@example.com>',
  };
  // All four start at once: each applies the migrations, one at a time under a lock.
  processes.push(...(await Promise.all([
    ...ports.map((port) => startConferRole('web', { ...env, PORT: String(port) })),
    startConferRole('worker', env),
    startConferRole('worker', env),
  ])));
  database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: env.CONFER_DATA_DIR, logger: createLogger({ level: 'silent' }), poolSize: 2 });
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map(stopConferRole));
  await database?.close();
  await emulator?.close();
  await sink?.close();
  await testDatabase?.drop();
});

describe('two web and two worker processes on one PostgreSQL', () => {
  it('give every booking one meeting and one confirmation, and a refresh storm one refresh', { timeout: 120_000 }, async () => {
    const host = await seedUser(database.db, { name: 'Sasha Scale' });
    const connectionId = ((await connectZoom(webUrls[0]!, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
    const { slug } = await createPage(webUrls[1]!, host, pageBody(connectionId));
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const slots = (await asCustomer(webUrls[0]!).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`)).body.slots as Array<{ start: string }>;

    // 16 customers, half on each web process, and two of them racing for one time on different processes.
    const customers = slots.slice(0, 15).map((slot, i) => ({ start: slot.start, email: `scale${i}@example.com`, name: `Scale ${i}` }));
    customers.push({ start: customers[0]!.start, email: 'racer@example.com', name: 'Racer' });
    const answers = await Promise.all(customers.map((customer, i) => book(webUrls[i % 2]!, slug, customer)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(15);
    expect(answers.filter((a) => a.status === 409 && a.body.code === 'BOOKING_SLOT_TAKEN')).toHaveLength(1);
    const booked = answers.filter((a) => a.status === 201).map((a) => a.body.id as string);

    await eventually('every meeting and confirmation', async () => {
      const rows = await database.db.select({ status: bookings.meetingStatus }).from(bookings).where(inArray(bookings.id, booked));
      const sent = await database.db.select({ id: emailOutbox.id }).from(emailOutbox)
        .where(and(inArray(emailOutbox.bookingId, booked), eq(emailOutbox.kind, 'booking_confirmation'), eq(emailOutbox.status, 'sent')));
      return rows.every((r) => r.status === 'ready') && sent.length === booked.length;
    }, 60);
    const meetings = (await callJson<{ meetings: Array<{ agenda: string }> }>(emulator.url, 'GET', '/_emulator/meetings')).body.meetings;
    const meetingsPerBooking = booked.map((id) => meetings.filter((m) => m.agenda.includes(`Confer booking ${id}`)).length);
    const winners = customers.filter((_, i) => answers[i]!.status === 201);
    const confirmationsPerCustomer = winners.map((c) => sink.received.filter((m) => m.to.includes(c.email) && mailSubject(m).startsWith('Confirmed:')).length);

    // The storm: the access token has expired, and 60 Zoom calls arrive through both web processes at once.
    await database.db.update(zoomTokenFamilies).set({ accessExpiresAt: new Date(Date.now() - 1000) });
    const stats = async () => (await callJson<{ tokenRefreshes: number; rejectedRefreshes: number }>(emulator.url, 'GET', '/_emulator/stats')).body;
    const before = await stats();
    const api = webUrls.map((url) => apiAs(url, host.cookie));
    const tests = await Promise.all(Array.from({ length: 60 }, (_, i) => api[i % 2]!.post(`/api/v1/connections/${connectionId}/test`)));
    const after = await stats();

    const counts = {
      bookings: booked.length,
      raceLosers: answers.filter((a) => a.status === 409).length,
      meetingsInZoom: meetings.length,
      bookingsWithOneMeeting: meetingsPerBooking.filter((n) => n === 1).length,
      confirmations: confirmationsPerCustomer.reduce((a, b) => a + b, 0),
      customersWithOneConfirmation: confirmationsPerCustomer.filter((n) => n === 1).length,
      stormCalls: tests.length,
      stormFailures: tests.filter((t) => t.status !== 200).length,
      refreshes: after.tokenRefreshes - before.tokenRefreshes,
      rejectedRefreshes: after.rejectedRefreshes - before.rejectedRefreshes,
    };
    console.log(`scale-out: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({
      bookings: 15, raceLosers: 1, meetingsInZoom: 15, bookingsWithOneMeeting: 15, confirmations: 15, customersWithOneConfirmation: 15,
      stormCalls: 60, stormFailures: 0, refreshes: 1, rejectedRefreshes: 0,
    });
  });
});
