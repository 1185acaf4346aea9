import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { connections, webhookSubscriptions } from '../../../src/core/database/schema.ts';
import { webhookEventTypes } from '../../../src/webhooks/webhook-events.ts';
import { seedFolder, seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs, callWithKey } from '../../support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../../support/booking.ts';
import { eventually } from '../../support/eventually.ts';
import { workDrained } from '../../support/work-drained.ts';
import { sampleValue, scrape } from '../../support/prometheus.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, spendRefreshToken, zoomDemoMember, zoomDemoOwner } from '../../support/connections.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';

// Outgoing webhooks end to end: a real Confer on PostgreSQL, the Zoom emulator over HTTP, and a
// receiver on 127.0.0.1 that verifies every request as an integrator would. Loopback is allowed
// here through WEBHOOK_ALLOWED_PRIVATE_RANGES, as an operator would allow an internal receiver; the
// last part restarts Confer on the same database without that allowance.

const keyRing = `k1:${randomBytes(32).toString('base64')}`;
const fastRetries = { WEBHOOK_RETRY_BASE_SECONDS: '0.2', WEBHOOK_MAX_ATTEMPTS: '4' };

let database: TestDatabase;
let receiver: WebhookReceiver;
let confer: TestConfer;
let host: SeededUser;
let member: SeededUser;
let stranger: SeededUser;
let folderId: string;
let personalConnectionId: string;
let folderConnectionId: string;
const secrets: Record<string, string> = {};
const subscriptionIds: Record<string, string> = {};

const hostApi = () => apiAs(confer.url, host.cookie);
const bookingOf = async (id: string) => (await hostApi().get(`/api/v1/bookings/${id}`)).body;
const deliveriesOf = async (subscriptionId: string, user = host) =>
  (await apiAs(confer.url, user.cookie).get(`/api/v1/webhook-subscriptions/${subscriptionId}/deliveries?limit=100`)).body.deliveries as Array<Record<string, any>>;

/** Subscribes `path` of the receiver and teaches the receiver the secret from the answer. */
async function subscribe(name: string, user: SeededUser, body: Record<string, unknown>) {
  const created = await apiAs(confer.url, user.cookie).post('/api/v1/webhook-subscriptions', { url: `${receiver.origin}/hooks/${name}`, ...body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  receiver.useSecret(`/hooks/${name}`, created.body.secret);
  secrets[name] = created.body.secret;
  subscriptionIds[name] = created.body.id;
  return created.body;
}

async function freeStart(slug: string, daysAhead: number, index: number): Promise<string> {
  const day = new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
  const slots = (await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`)).body.slots as Array<{ start: string }>;
  return slots[index]!.start;
}

async function bookReady(slug: string, start: string, email: string) {
  const booked = await book(confer.url, slug, { start, email });
  expect(booked.status).toBe(201);
  return eventually(`the meeting of ${email}`, async () => {
    const b = await bookingOf(booked.body.id);
    return b.meeting.status === 'ready' ? b : undefined;
  });
}

/** Waits until no delivery of the subscription is pending any more. */
const settled = (name: string) => eventually(`${name}'s deliveries to settle`, async () => {
  const deliveries = await deliveriesOf(subscriptionIds[name]!);
  return deliveries.length > 0 && deliveries.every((d) => d.status !== 'pending') ? deliveries : undefined;
}, 30);

beforeAll(async () => {
  [database, receiver] = await Promise.all([createTestDatabase(), startWebhookReceiver()]);
  confer = await startTestConfer({ database, env: { CONFER_ENCRYPTION_KEYS: keyRing, WEBHOOK_ALLOWED_PRIVATE_RANGES: '127.0.0.1/32', ...fastRetries } });
  const { db } = confer.confer.database;
  host = await seedUser(db, { name: 'Hana Host', email: 'hana@example.com' });
  member = await seedUser(db, { name: 'Milo Member' });
  stranger = await seedUser(db, { name: 'Sam Stranger' });
  folderId = await seedFolder(db, 'Sales', { [host.userId]: 'folder_admin', [member.userId]: 'member' });
  personalConnectionId = ((await connectZoom(confer.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
  const inFolder = await connectZoom(confer.url, host, zoomDemoMember, { connector: 'zoom', target: { folderId }, authType: 'oauth_authorization_code' });
  folderConnectionId = (inFolder.message as { connectionId: string }).connectionId;
});
afterAll(async () => {
  await confer?.close();
  await receiver?.close();
  await database?.drop();
});

describe('subscribing', () => {
  it('shows the secret once, on creation, and keeps it sealed', async () => {
    const created = await subscribe('personal', host, { events: [...webhookEventTypes], description: 'CRM sync' });
    expect(created).toMatchObject({ kind: 'user', ownerUserId: host.userId, folderId: null, active: true, events: [...webhookEventTypes], description: 'CRM sync' });
    expect(created.secret).toMatch(/^whsec_/);
    const folder = await subscribe('folder', host, { events: [...webhookEventTypes], folderId });
    expect(folder).toMatchObject({ kind: 'folder', folderId, ownerUserId: null });
    await subscribe('stranger', stranger, { events: [...webhookEventTypes] });

    const api = hostApi();
    const shown = JSON.stringify([
      (await api.get('/api/v1/webhook-subscriptions')).body,
      (await api.get(`/api/v1/webhook-subscriptions/${created.id}`)).body,
      (await api.patch(`/api/v1/webhook-subscriptions/${created.id}`, { description: 'CRM sync (prod)' })).body,
    ]);
    expect(shown).toContain('CRM sync (prod)');
    expect(shown).not.toContain(secrets.personal);
    expect(shown).not.toMatch(/whsec_|"secret"/);
    const listed = (await api.get('/api/v1/webhook-subscriptions')).body.webhookSubscriptions.map((s: { id: string }) => s.id);
    expect(listed.sort()).toEqual([created.id, folder.id].sort());

    const [row] = await confer.confer.database.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, created.id));
    expect(row!.secretSealed).toMatch(/^cf1\./);
    expect(row!.secretSealed).not.toContain(secrets.personal);
  });
});

describe('every event, signed, exactly once', () => {
  it('delivers booking, meeting, recording and connection events to the host’s and the folder’s subscriptions', async () => {
    const api = hostApi();
    const personalPage = await createPage(confer.url, host, pageBody(personalConnectionId, { title: 'Intro call' }));
    const folderPage = await createPage(confer.url, host, pageBody(folderConnectionId, { title: 'Sales demo' }));

    // booking.created, meeting.provisioned; then booking.rescheduled and booking.cancelled.
    const moved = await bookReady(personalPage.slug, await freeStart(personalPage.slug, 4, 2), 'moved@example.com');
    const newStart = await freeStart(personalPage.slug, 4, 6);
    expect((await api.post(`/api/v1/bookings/${moved.id}/reschedule`, { start: newStart })).status).toBe(200);
    expect((await api.post(`/api/v1/bookings/${moved.id}/cancel`)).status).toBe(200);

    // A folder connection's booking: the host's subscription and the folder's both hear of it.
    const demo = await bookReady(folderPage.slug, await freeStart(folderPage.slug, 5, 3), 'demo@example.com');

    // meeting.failed: Zoom refuses the create for good.
    await callJson(confer.emulator.url, 'POST', '/_emulator/faults', { match: { method: 'POST', path: '/v2/users/*/meetings' }, status: 400, zoomCode: 300, message: 'Invalid meeting settings.', times: 1 });
    const refused = await book(confer.url, personalPage.slug, { start: await freeStart(personalPage.slug, 6, 4), email: 'refused@example.com' });
    await eventually('the failed meeting', async () => (await bookingOf(refused.body.id)).meeting.status === 'failed');
    await callJson(confer.emulator.url, 'DELETE', '/_emulator/faults');

    // recording.ready: the demo's meeting ends in Zoom and its recording completes.
    expect((await callJson(confer.emulator.url, 'POST', `/_emulator/meetings/${demo.meeting.zoomMeetingId}/end`, {})).status).toBe(200);
    await eventually('the recording on the booking', async () => (await bookingOf(demo.id)).recordings.length > 0);

    // connection.needs_reauthorization: the personal connection's refresh token is spent elsewhere.
    const { spentRefreshToken: refreshToken } = await spendRefreshToken(confer, personalConnectionId);
    const { clientId, clientSecret } = confer.emulator.seed!.app!;
    expect((await api.post(`/api/v1/connections/${personalConnectionId}/test`)).body.code).toBe('CONNECTION_NEEDS_REAUTHORIZATION');

    // connection.revoked: the folder connection's Zoom user removes the app in Zoom.
    const zoomMember = confer.emulator.seed!.users.find((u) => u.email === zoomDemoMember.email)!;
    expect((await callJson(confer.emulator.url, 'POST', `/_emulator/apps/${clientId}/deauthorize`, { userId: zoomMember.id })).status).toBe(200);
    await eventually('the revoked connection', async () => (await api.get(`/api/v1/connections/${folderConnectionId}`)).body.status === 'revoked');

    const personalLog = await eventually('every personal event delivered', async () => {
      const log = await settled('personal');
      return log.some((d) => d.eventType === 'connection.needs_reauthorization') && log.some((d) => d.eventType === 'recording.ready') ? log : undefined;
    });
    const folderLog = await eventually('every folder event delivered', async () => {
      const log = await settled('folder');
      return log.some((d) => d.eventType === 'connection.revoked') && log.some((d) => d.eventType === 'recording.ready') ? log : undefined;
    });
    // Anything sent twice is counted: every delivery due has been attempted.
    await workDrained(confer.confer.database.pool, 'every webhook delivery to be attempted');

    const personal = receiver.at('/hooks/personal');
    const folder = receiver.at('/hooks/folder');
    for (const hook of [...personal, ...folder]) {
      expect(hook.invalid, `${hook.json?.type} to ${hook.path}`).toBeUndefined();
      expect(hook.headers['content-type']).toBe('application/json');
    }
    // Exactly once: one request per delivery, one delivery per event id, all delivered at the first attempt.
    for (const [hooks, log] of [[personal, personalLog], [folder, folderLog]] as const) {
      const ids = hooks.map((hook) => hook.json.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(log.map((d) => d.eventId).sort());
      expect(log.every((d) => d.status === 'delivered' && d.attempts === 1 && d.lastResponseStatus === 200)).toBe(true);
    }
    const typesOf = (hooks: typeof personal) => new Set(hooks.map((hook) => hook.json.type));
    expect([...typesOf(personal)].sort()).toEqual([...webhookEventTypes].filter((t) => t !== 'connection.revoked').sort());
    expect([...typesOf(folder)].sort()).toEqual(['booking.created', 'connection.revoked', 'meeting.provisioned', 'recording.ready']);
    // The stranger's subscription hears nothing of the host's world.
    expect(receiver.at('/hooks/stranger')).toEqual([]);
    const byType: Record<string, number> = {};
    for (const hook of [...personal, ...folder]) byType[hook.json.type] = (byType[hook.json.type] ?? 0) + 1;
    console.log(`outgoing webhooks: ${JSON.stringify({ received: personal.length + folder.length, signaturesVerified: [...personal, ...folder].filter((hook) => hook.invalid === undefined).length, byType })}`);

    const one = (hooks: typeof personal, type: string, bookingId?: string) => {
      const found = hooks.filter((hook) => hook.json.type === type && (!bookingId || hook.json.data.booking?.id === bookingId));
      expect(found, `${type} ${bookingId ?? ''}`).toHaveLength(1);
      return found[0]!.json;
    };
    const created = one(personal, 'booking.created', moved.id);
    expect(created.data).toMatchObject({
      booking: { id: moved.id, status: 'confirmed', customer: { name: 'Priya Raman', email: 'moved@example.com', timeZone: 'Asia/Kolkata' } },
      page: { id: personalPage.id, slug: personalPage.slug, title: 'Intro call', url: `${confer.url}/book/${personalPage.slug}` },
      host: { id: host.userId, email: 'hana@example.com' },
      connection: { id: personalConnectionId, folderId: null },
    });
    expect(new Date(created.createdAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(one(personal, 'meeting.provisioned', moved.id).data.meeting).toMatchObject({ status: 'ready', zoomMeetingId: moved.meeting.zoomMeetingId, joinUrl: moved.meeting.joinUrl });
    const rescheduled = one(personal, 'booking.rescheduled', moved.id).data;
    expect(rescheduled.booking.start).toBe(newStart);
    expect(rescheduled.previous.start).toBe(moved.start);
    expect(one(personal, 'booking.cancelled', moved.id).data.booking).toMatchObject({ status: 'cancelled', cancelledBy: 'host' });
    expect(one(personal, 'meeting.failed', refused.body.id).data.meeting).toMatchObject({ status: 'failed', joinUrl: null });
    expect(one(personal, 'meeting.failed', refused.body.id).data.meeting.reason).toContain('Invalid meeting settings');
    const recording = one(folder, 'recording.ready', demo.id).data;
    expect(recording.connection).toEqual({ id: folderConnectionId, folderId });
    expect(recording.recording.files.length).toBeGreaterThan(0);
    expect(recording.recording.files[0].downloadUrl).toMatch(new RegExp(`^${confer.url}/api/v1/bookings/${demo.id}/recordings/.+/download$`));
    expect(one(folder, 'booking.created', demo.id).data.page.id).toBe(folderPage.id);
    expect(one(personal, 'booking.created', demo.id).data.page.id).toBe(folderPage.id);
    expect(one(personal, 'connection.needs_reauthorization').data).toMatchObject({ connection: { id: personalConnectionId, status: 'needs_reauthorization', folderId: null } });
    expect(one(folder, 'connection.revoked').data).toMatchObject({ connection: { id: folderConnectionId, status: 'revoked', folderId } });

    // Never a start link, token or secret.
    const everything = [...personal, ...folder].map((hook) => hook.body).join('\n');
    const startUrl = (await bookingOf(demo.id)).meeting.startUrl as string | null;
    for (const secret of [secrets.personal!, secrets.folder!, clientSecret, refreshToken, ...(startUrl ? [startUrl] : [])]) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/start_?url|access_?token|refresh_?token/i);
  }, 120_000);
});

describe('retries', () => {
  it('retries a failing receiver with backoff: 500, 500, then 200 is delivered at the third attempt', async () => {
    const attempts = async (outcome: string) => sampleValue(await scrape(`${confer.url}/metrics`), 'confer_webhook_attempts_total', { event: 'ping', outcome }) ?? 0;
    const [retryingBefore, deliveredBefore] = [await attempts('retrying'), await attempts('delivered')];
    await subscribe('flaky', host, { events: ['booking.created'] });
    receiver.answer('/hooks/flaky', [500, 500]);
    const ping = await hostApi().post(`/api/v1/webhook-subscriptions/${subscriptionIds.flaky}/test`);
    expect(ping.status).toBe(202);
    expect(ping.body).toMatchObject({ eventType: 'ping', status: 'pending' });
    const [delivery] = await settled('flaky');
    expect(delivery).toMatchObject({ id: ping.body.id, status: 'delivered', attempts: 3, lastResponseStatus: 200, lastError: null });
    const hooks = receiver.at('/hooks/flaky');
    expect(hooks.map((hook) => hook.answeredWith)).toEqual([500, 500, 200]);
    expect(hooks.map((hook) => hook.headers['confer-webhook-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(hooks.map((hook) => hook.json.id))).toEqual(new Set([ping.body.eventId]));
    expect(hooks.every((hook) => hook.invalid === undefined)).toBe(true);
    expect(hooks[0]!.json).toMatchObject({ type: 'ping', data: { subscriptionId: subscriptionIds.flaky } });
    // Operators see the same in /metrics.
    expect(await attempts('retrying')).toBe(retryingBefore + 2);
    expect(await attempts('delivered')).toBe(deliveredBefore + 1);
  });

  it('gives up after WEBHOOK_MAX_ATTEMPTS, and a redelivery sends it once more with the same id', async () => {
    await subscribe('down', host, { events: ['booking.created'] });
    receiver.answer('/hooks/down', [503, 503, 503, 503, 503]);
    const ping = await hostApi().post(`/api/v1/webhook-subscriptions/${subscriptionIds.down}/test`);
    const [failed] = await settled('down');
    expect(failed).toMatchObject({ status: 'failed', attempts: 4, lastResponseStatus: 503, nextAttemptAt: null });
    expect(failed!.lastError).toContain('HTTP 503');
    expect(receiver.at('/hooks/down')).toHaveLength(4);

    receiver.answer('/hooks/down', []);
    const retried = await hostApi().post(`/api/v1/webhook-subscriptions/${subscriptionIds.down}/deliveries/${ping.body.id}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body.status).toBe('pending');
    const [delivered] = await settled('down');
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 5, lastResponseStatus: 200 });
    const hooks = receiver.at('/hooks/down');
    expect(hooks).toHaveLength(5);
    expect(hooks.at(-1)!.json.id).toBe(ping.body.eventId);
  });
});

describe('managing subscriptions', () => {
  it('needs the folder’s admin for a folder subscription, and hides other users’ subscriptions', async () => {
    const asMember = apiAs(confer.url, member.cookie);
    const refused = await asMember.post('/api/v1/webhook-subscriptions', { url: `${receiver.origin}/hooks/member`, events: ['booking.created'], folderId });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect((await asMember.get(`/api/v1/webhook-subscriptions/${subscriptionIds.folder}`)).status).toBe(403);
    expect((await asMember.get('/api/v1/webhook-subscriptions')).body.webhookSubscriptions).toEqual([]);

    const asStranger = apiAs(confer.url, stranger.cookie);
    for (const response of [
      await asStranger.get(`/api/v1/webhook-subscriptions/${subscriptionIds.personal}`),
      await asStranger.patch(`/api/v1/webhook-subscriptions/${subscriptionIds.personal}`, { active: false }),
      await asStranger.post(`/api/v1/webhook-subscriptions/${subscriptionIds.personal}/test`),
      await asStranger.get(`/api/v1/webhook-subscriptions/${subscriptionIds.personal}/deliveries`),
      await asStranger.delete(`/api/v1/webhook-subscriptions/${subscriptionIds.personal}`),
      await asStranger.get(`/api/v1/webhook-subscriptions/${subscriptionIds.folder}`),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
    expect((await hostApi().get(`/api/v1/webhook-subscriptions/${subscriptionIds.personal}`)).body.active).toBe(true);
  });

  it('refuses a malformed URL or event with a problem naming the field', async () => {
    const api = hostApi();
    for (const url of ['not a url', 'ftp://example.com/hook', 'https://user:pass@example.com/hook']) {
      const refused = await api.post('/api/v1/webhook-subscriptions', { url, events: ['booking.created'] });
      expect(refused.status, url).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.code).toBe('VALIDATION_FAILED');
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['url']);
    }
    const noEvents = await api.post('/api/v1/webhook-subscriptions', { url: `${receiver.origin}/hooks/x`, events: ['booking.exploded'] });
    expect(noEvents.status).toBe(400);
    expect(noEvents.body.errors[0].field).toBe('events.0');
  });

  it('refuses private and metadata addresses the operator did not allow, at subscription time', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[::ffff:169.254.169.254]/', 'http://10.0.0.8/hook', 'http://[fd00::1]/hook']) {
      const refused = await hostApi().post('/api/v1/webhook-subscriptions', { url, events: ['booking.created'] });
      expect(refused.status, url).toBe(422);
      expect(refused.body.code).toBe('WEBHOOK_ADDRESS_NOT_ALLOWED');
      expect(refused.body.errors).toEqual([{ field: 'url', message: expect.stringContaining('WEBHOOK_ALLOWED_PRIVATE_RANGES') }]);
    }
    const moved = await hostApi().patch(`/api/v1/webhook-subscriptions/${subscriptionIds.flaky}`, { url: 'http://169.254.169.254/' });
    expect(moved.status).toBe(422);
  });

  it('rotates the secret, returning the new one once; deliveries are signed with it from then on', async () => {
    const api = hostApi();
    const rotated = await api.post(`/api/v1/webhook-subscriptions/${subscriptionIds.flaky}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secrets.flaky);
    expect(rotated.body.secretRotatedAt).not.toBeNull();
    receiver.useSecret('/hooks/flaky', rotated.body.secret);
    expect(JSON.stringify((await api.get(`/api/v1/webhook-subscriptions/${subscriptionIds.flaky}`)).body)).not.toContain(rotated.body.secret);
    const before = receiver.at('/hooks/flaky').length;
    await api.post(`/api/v1/webhook-subscriptions/${subscriptionIds.flaky}/test`);
    const hook = await eventually('the ping after rotation', async () => receiver.at('/hooks/flaky')[before]);
    expect(hook.invalid).toBeUndefined();
  });

  it('a disabled subscription sends nothing, and deleting one removes it with its log', async () => {
    const api = hostApi();
    expect((await api.patch(`/api/v1/webhook-subscriptions/${subscriptionIds.flaky}`, { active: false })).body.active).toBe(false);
    const test = await api.post(`/api/v1/webhook-subscriptions/${subscriptionIds.flaky}/test`);
    expect(test.status).toBe(409);
    expect(test.body.code).toBe('WEBHOOK_SUBSCRIPTION_DISABLED');
    expect((await api.delete(`/api/v1/webhook-subscriptions/${subscriptionIds.flaky}`)).status).toBe(204);
    expect((await api.get(`/api/v1/webhook-subscriptions/${subscriptionIds.flaky}`)).status).toBe(404);
  });

  it('pages the delivery log, newest first', async () => {
    const api = hostApi();
    const first = await api.get(`/api/v1/webhook-subscriptions/${subscriptionIds.personal}/deliveries?limit=3`);
    expect(first.body.deliveries).toHaveLength(3);
    const second = await api.get(`/api/v1/webhook-subscriptions/${subscriptionIds.personal}/deliveries?limit=3&cursor=${first.body.nextCursor}`);
    const all = (await api.get(`/api/v1/webhook-subscriptions/${subscriptionIds.personal}/deliveries?limit=100`)).body.deliveries;
    expect([...first.body.deliveries, ...second.body.deliveries].map((d: { id: string }) => d.id)).toEqual(all.slice(0, 6).map((d: { id: string }) => d.id));
    const times = all.map((d: { createdAt: string }) => Date.parse(d.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('lets a folder API key manage its folder’s subscriptions only', async () => {
    const key = await hostApi().post('/api/v1/api-keys', { name: 'Folder automation', access: 'write', folderId });
    expect(key.status).toBe(201);
    const asKey = (method: string, path: string, body?: unknown) => callWithKey(confer.url, key.body.secret, method, path, body);
    const listed = await asKey('GET', '/api/v1/webhook-subscriptions');
    expect(listed.body.webhookSubscriptions.map((s: { id: string }) => s.id)).toEqual([subscriptionIds.folder]);
    expect((await asKey('GET', `/api/v1/webhook-subscriptions/${subscriptionIds.personal}`)).status).toBe(404);
    expect((await asKey('POST', '/api/v1/webhook-subscriptions', { url: `${receiver.origin}/hooks/key`, events: ['booking.created'] })).status).toBe(403);
  });
});

describe('the address policy at delivery time', () => {
  it('once the operator withdraws the allowance, nothing reaches the loopback receiver, and the log says why', async () => {
    const before = receiver.at('/hooks/personal').length;
    // The same database and key ring, without WEBHOOK_ALLOWED_PRIVATE_RANGES.
    await confer.close();
    confer = await startTestConfer({ database, env: { CONFER_ENCRYPTION_KEYS: keyRing, ...fastRetries } });
    const ping = await hostApi().post(`/api/v1/webhook-subscriptions/${subscriptionIds.personal}/test`);
    expect(ping.status).toBe(202);
    const refused = await eventually('the refused delivery', async () => {
      const delivery = (await deliveriesOf(subscriptionIds.personal!)).find((d) => d.id === ping.body.id);
      return delivery?.status === 'failed' ? delivery : undefined;
    });
    // Refused for good at the first attempt: retrying cannot change the policy.
    expect(refused).toMatchObject({ attempts: 1, lastResponseStatus: null });
    expect(refused.lastError).toContain('127.0.0.1 is a loopback address (127.0.0.0/8)');
    expect(refused.lastError).toContain('WEBHOOK_ALLOWED_PRIVATE_RANGES');
    await workDrained(confer.confer.database.pool, 'every webhook delivery to be attempted');
    expect(receiver.at('/hooks/personal')).toHaveLength(before);
  });

  it('refuses loopback, localhost and the metadata address at subscription time', async () => {
    for (const url of [`http://127.0.0.1:${receiver.port}/hooks/new`, `http://localhost:${receiver.port}/hooks/new`, `http://[::1]:${receiver.port}/`, 'http://169.254.169.254/latest/meta-data/']) {
      const refused = await hostApi().post('/api/v1/webhook-subscriptions', { url, events: ['booking.created'] });
      expect(refused.status, url).toBe(422);
      expect(refused.body.code).toBe('WEBHOOK_ADDRESS_NOT_ALLOWED');
      expect(refused.body.errors[0].field).toBe('url');
    }
    expect(receiver.at('/hooks/new')).toEqual([]);
  });
});
