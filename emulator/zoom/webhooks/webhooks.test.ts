import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../state/model.ts';
import { startRestWorld, type RestWorld } from '../rest/test-world.ts';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../test-support/webhook-receiver.ts';
import { assertSpecValid, zoomSpec } from '../test-support/spec-validator.ts';
import { retryDelaysMinutes } from './dispatcher.ts';
import { validateEndpoint } from './validate-endpoint.ts';

const meetingEvents = ['meeting.created', 'meeting.updated', 'meeting.deleted', 'meeting.ended', 'recording.completed', 'recording.transcript_completed'];
const scopes = ['meeting:write', 'meeting:read', 'recording:read', 'user:read'];

describe('webhooks', () => {
  let world: RestWorld;
  let receiver: WebhookReceiver;
  let app: App;
  let token: string;

  const subscribe = (url: string, secretToken: string, events = meetingEvents): App =>
    world.addApp({ url, secretToken, events, validated: true });
  const deliveriesOf = (event: string) => world.store.deliveries.filter((d) => d.event === event && d.clientId === app.clientId);
  const createMeeting = async (topic = 'Hooked') =>
    (await world.call('POST', '/v2/users/me/meetings', { token, body: { topic, start_time: '2030-01-01T10:00:00Z', duration: 30 } })).json as { id: number; uuid: string };

  beforeAll(async () => {
    world = await startRestWorld({ settings: { rateLimits: false } });
  });
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    app = subscribe(receiver.url, receiver.secretToken);
    // Long-lived: several tests move the emulator clock by hours.
    token = world.token(scopes, { clientId: app.clientId, expiresInSeconds: 365 * 24 * 3600 });
  });
  afterEach(() => receiver.close());
  afterAll(() => world.close());

  it('signs compact JSON as Zoom does; the receiver verifies with its own HMAC', async () => {
    const meeting = await createMeeting();
    const hook = await receiver.waitFor((h) => h.json.event === 'meeting.created');
    expect(receiver.signatureValid(hook)).toBe(true);
    expect(hook.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(hook.headers['user-agent']).toBe('Zoom Marketplace/1.0a');
    // The app whose secret signed it, so a receiver serving several apps knows which secret to check.
    expect(hook.headers.clientid).toBe(app.clientId);
    expect(hook.headers['x-zm-trackingid']).toMatch(/^v=2\.0;clid=\w+;rid=\S+$/);
    expect(hook.body).toBe(JSON.stringify(JSON.parse(hook.body)));
    // Wall-clock seconds by default, so the receiver's freshness check passes.
    expect(Math.abs(Number(hook.headers['x-zm-request-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    expect(hook.json).toMatchObject({
      event: 'meeting.created',
      payload: { account_id: world.account.id, operator: world.user.email, operator_id: world.user.id, object: { id: meeting.id, uuid: meeting.uuid, host_id: world.user.id, topic: 'Hooked' } },
    });
    expect(Math.abs(hook.json.event_ts - world.store.now())).toBeLessThan(5000);
  });

  it('sends an account event to every app installed in the account, and only those', async () => {
    const installed = await startWebhookReceiver('installed-secret');
    const notInstalled = await startWebhookReceiver('not-installed-secret');
    const revoked = await startWebhookReceiver('revoked-secret');
    const unsubscribed = await startWebhookReceiver('unsubscribed-secret');
    try {
      const installedApp = subscribe(installed.url, installed.secretToken);
      world.token(['meeting:read'], { clientId: installedApp.clientId, user: world.addUser(world.account) });
      subscribe(notInstalled.url, notInstalled.secretToken);
      const revokedApp = subscribe(revoked.url, revoked.secretToken);
      world.grantOf(world.token(['meeting:read'], { clientId: revokedApp.clientId })).revoked = 'revoked';
      const quietApp = subscribe(unsubscribed.url, unsubscribed.secretToken, ['meeting.ended']);
      world.token(['meeting:read'], { clientId: quietApp.clientId });
      await createMeeting('Broadcast');
      await installed.waitFor((h) => h.json.payload.object.topic === 'Broadcast');
      await receiver.waitFor((h) => h.json.payload.object.topic === 'Broadcast');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(notInstalled.received).toHaveLength(0);
      expect(revoked.received).toHaveLength(0);
      expect(unsubscribed.received).toHaveLength(0);
    } finally {
      await Promise.all([installed.close(), notInstalled.close(), revoked.close(), unsubscribed.close()]);
    }
  });

  it('sends meeting.updated with the changed fields and their old values, and meeting.deleted', async () => {
    const meeting = await createMeeting('Before');
    await world.call('PATCH', `/v2/meetings/${meeting.id}`, { token, body: { topic: 'After', duration: 45 } });
    const updated = await receiver.waitFor((h) => h.json.event === 'meeting.updated');
    expect(receiver.signatureValid(updated)).toBe(true);
    expect(updated.json.payload.object).toEqual({ id: meeting.id, uuid: meeting.uuid, topic: 'After', duration: 45 });
    expect(updated.json.payload.old_object).toEqual({ id: meeting.id, uuid: meeting.uuid, topic: 'Before', duration: 30 });
    await world.call('DELETE', `/v2/meetings/${meeting.id}`, { token });
    const deleted = await receiver.waitFor((h) => h.json.event === 'meeting.deleted');
    expect(deleted.json.payload.object).toMatchObject({ id: meeting.id, uuid: meeting.uuid, topic: 'After' });
  });

  it('sends meeting.deleted when the host deletes the meeting in Zoom (control API)', async () => {
    const meeting = await createMeeting('Deleted in Zoom');
    expect((await world.call('DELETE', `/_emulator/meetings/${meeting.id}`)).status).toBe(204);
    const deleted = await receiver.waitFor((h) => h.json.event === 'meeting.deleted');
    expect(deleted.json.payload).toMatchObject({ operator_id: world.user.id, object: { id: meeting.id } });
    expect((await world.call('GET', `/v2/meetings/${meeting.id}`, { token })).status).toBe(404);
  });

  it('ending a meeting sends meeting.ended, then recording.completed whose download_token opens its webhook_download links', async () => {
    const meeting = await createMeeting('Recorded');
    await world.call('POST', `/_emulator/meetings/${meeting.id}/end`, { body: { durationMinutes: 25 } });
    const ended = await receiver.waitFor((h) => h.json.event === 'meeting.ended');
    expect(ended.json.payload.object).toMatchObject({ id: meeting.id, uuid: meeting.uuid, host_id: world.user.id, topic: 'Recorded', type: 2, duration: 30 });
    expect(ended.json.payload.object.end_time).toMatch(/Z$/);
    const completed = await receiver.waitFor((h) => h.json.event === 'recording.completed');
    expect(receiver.signatureValid(completed)).toBe(true);
    const endedIndex = receiver.received.indexOf(ended);
    expect(receiver.received.indexOf(completed)).toBeGreaterThan(endedIndex);
    const { download_token: downloadToken, payload } = completed.json;
    expect(typeof downloadToken).toBe('string');
    // The transcript is not in this event by default: it follows in its own.
    expect(payload.object).toMatchObject({ id: meeting.id, uuid: meeting.uuid, host_id: world.user.id, host_email: world.user.email, topic: 'Recorded', duration: 25, recording_count: 2 });
    expect(payload.object.share_url).toContain('/rec/share/');
    const { host_email: _e, timezone: _t, password: _p, ...recordingShape } = payload.object;
    assertSpecValid(zoomSpec().validateResponse('GET', `/meetings/${meeting.id}/recordings`, 200, recordingShape), 'recording.completed object');
    for (const file of payload.object.recording_files) {
      expect(file.download_url).toContain('/rec/webhook_download/');
      expect((await fetch(file.download_url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
      const res = await fetch(file.download_url, { headers: { authorization: `Bearer ${downloadToken}` } });
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe(file.file_size);
    }

    const transcript = await receiver.waitFor((h) => h.json.event === 'recording.transcript_completed');
    expect(receiver.signatureValid(transcript)).toBe(true);
    expect(receiver.received.indexOf(transcript)).toBeGreaterThan(receiver.received.indexOf(completed));
    expect(transcript.json.download_token).not.toBe(downloadToken);
    const [vtt, ...others] = transcript.json.payload.object.recording_files;
    expect(others).toEqual([]);
    expect(vtt).toMatchObject({ file_type: 'TRANSCRIPT', file_extension: 'VTT' });
    expect((await fetch(vtt.download_url, { headers: { authorization: `Bearer ${downloadToken}` } })).status).toBe(401);
    const text = await fetch(vtt.download_url, { headers: { authorization: `Bearer ${transcript.json.download_token}` } });
    expect(await text.text()).toMatch(/^WEBVTT/);
  });

  it('keeps the transcript inside recording.completed when told to (transcriptEvent: combined)', async () => {
    const meeting = await createMeeting('Combined');
    await world.call('POST', `/_emulator/meetings/${meeting.id}/end`, { body: { transcriptEvent: 'combined' } });
    const completed = await receiver.waitFor((h) => h.json.event === 'recording.completed');
    expect(completed.json.payload.object.recording_files.map((f: { file_type: string }) => f.file_type)).toEqual(['MP4', 'M4A', 'TRANSCRIPT']);
    await world.store.advanceClock(60);
    expect(receiver.received.filter((h) => h.json.event === 'recording.transcript_completed')).toEqual([]);
  });

  it('retries 5xx 5, 20 and 60 minutes after each attempt (+5, +25, +85 of emulator time), signing each afresh, then gives up', async () => {
    world.store.settings.webhookTimestampClock = 'emulator';
    try {
      receiver.answer = () => ({ status: 503 });
      await createMeeting('Flaky');
      await receiver.waitFor((h) => h.json.event === 'meeting.created');
      const [delivery] = deliveriesOf('meeting.created');
      await world.store.advanceClock(4 * 60);
      expect(delivery?.attempts).toBe(1);
      await world.store.advanceClock(60);
      expect(delivery?.attempts).toBe(2);
      // 20 minutes after the first retry, not after the first attempt.
      await world.store.advanceClock(15 * 60);
      expect(delivery?.attempts).toBe(2);
      await world.store.advanceClock(5 * 60);
      expect(delivery?.attempts).toBe(3);
      await world.store.advanceClock(55 * 60);
      expect(delivery?.attempts).toBe(3);
      await world.store.advanceClock(5 * 60);
      expect(delivery?.attempts).toBe(4);
      expect(delivery?.status).toBe('failed');
      const offsets = delivery!.attemptLog!.map((a) => Math.round((a.at - delivery!.firstAttemptAt!) / 60_000));
      expect(offsets).toEqual([0, 5, 25, 85]);
      await world.store.advanceClock(24 * 3600);
      expect(delivery?.attempts).toBe(4);
      const created = receiver.received.filter((h) => h.json.event === 'meeting.created');
      expect(created).toHaveLength(4);
      expect(new Set(created.map((h) => h.body)).size).toBe(1);
      expect(created.every((h) => receiver.signatureValid(h))).toBe(true);
      // Each attempt carries the time it was sent, so a receiver's freshness window passes every retry.
      const firstSecond = Math.floor(delivery!.firstAttemptAt! / 1000);
      const sentMinutes = created.map((h) => Math.round((Number(h.headers['x-zm-request-timestamp']) - firstSecond) / 60));
      expect(sentMinutes).toEqual([0, 5, 25, 85]);
      expect(new Set(created.map((h) => h.headers['x-zm-trackingid'])).size).toBe(4);
    } finally {
      world.store.settings.webhookTimestampClock = 'wall';
    }
  });

  it('stops retrying once the receiver answers 2xx', async () => {
    let calls = 0;
    receiver.answer = () => ({ status: ++calls < 3 ? 500 : 204 });
    await createMeeting('Recovers');
    await receiver.waitFor((h) => h.json.event === 'meeting.created');
    const [delivery] = deliveriesOf('meeting.created');
    await world.store.advanceClock(5 * 60);
    await world.store.advanceClock(20 * 60);
    expect(delivery).toMatchObject({ attempts: 3, status: 'delivered', lastStatus: 204 });
    await world.store.advanceClock(60 * 60);
    expect(delivery?.attempts).toBe(3);
  });

  it('lets an attempt under way finish before moving the clock, so its retry runs on that move', async () => {
    // The receiver has the request but has not answered when the test moves the clock.
    receiver.answer = () => ({ status: 500, delayMs: 150 });
    await createMeeting('Answers late');
    await receiver.waitFor((h) => h.json.event === 'meeting.created');
    const [delivery] = deliveriesOf('meeting.created');
    await world.store.advanceClock(5 * 60);
    expect(delivery).toMatchObject({ attempts: 2, lastStatus: 500 });
  });

  it('retries a 4xx or a 3xx too by default, and not when told to retry only 5xx and timeouts', async () => {
    const waitOutRetries = async () => {
      for (const minutes of retryDelaysMinutes) await world.store.advanceClock(minutes * 60);
    };
    for (const status of [400, 410, 302]) {
      receiver.answer = () => ({ status });
      const meeting = await createMeeting(`Refused ${status}`);
      await receiver.waitFor((h) => h.json.payload.object.id === meeting.id);
      const delivery = world.store.deliveries.find((d) => d.clientId === app.clientId && d.body.includes(String(meeting.id)));
      await waitOutRetries();
      expect(delivery).toMatchObject({ attempts: 4, status: 'failed', lastStatus: status });
    }
    world.store.settings.webhookRetries = '5xx_and_timeouts';
    try {
      for (const status of [400, 410, 302, 503]) {
        receiver.answer = () => ({ status });
        const meeting = await createMeeting(`Older rule ${status}`);
        await receiver.waitFor((h) => h.json.payload.object.id === meeting.id);
        const delivery = world.store.deliveries.find((d) => d.clientId === app.clientId && d.body.includes(String(meeting.id)));
        await waitOutRetries();
        expect(delivery).toMatchObject({ attempts: status === 503 ? 4 : 1, status: 'failed', lastStatus: status });
      }
    } finally {
      world.store.settings.webhookRetries = 'non_2xx';
    }
  });

  it('treats a slow answer as a timeout and retries it', async () => {
    world.store.settings.webhookTimeoutMs = 200;
    try {
      receiver.answer = () => ({ status: 200, delayMs: 600 });
      await createMeeting('Slow');
      await receiver.waitFor((h) => h.json.event === 'meeting.created');
      const [delivery] = deliveriesOf('meeting.created');
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(delivery).toMatchObject({ attempts: 1, status: 'pending', lastError: 'timeout' });
      receiver.answer = () => ({ status: 200 });
      await world.store.advanceClock(5 * 60);
      expect(delivery).toMatchObject({ attempts: 2, status: 'delivered' });
    } finally {
      world.store.settings.webhookTimeoutMs = 3000;
    }
  });

  it('retries when the receiver cannot be reached', async () => {
    const gone = await startWebhookReceiver('gone-secret');
    await gone.close();
    const goneApp = subscribe(gone.url, gone.secretToken);
    const goneToken = world.token(scopes, { clientId: goneApp.clientId });
    await world.call('POST', '/v2/users/me/meetings', { token: goneToken, body: { topic: 'Nobody home' } });
    const delivery = world.store.deliveries.find((d) => d.clientId === goneApp.clientId);
    for (let i = 0; i < 100 && delivery?.attempts === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(delivery).toMatchObject({ attempts: 1, status: 'pending' });
    expect(delivery?.lastError).toBeTruthy();
    expect(delivery?.nextAttemptAt).toBe(delivery!.firstAttemptAt! + 5 * 60_000);
  });

  it('reads the emulator clock for x-zm-request-timestamp when told to', async () => {
    await world.store.advanceClock(3 * 24 * 3600);
    world.store.settings.webhookTimestampClock = 'emulator';
    try {
      const wallToken = world.token(scopes, { clientId: app.clientId });
      await world.call('POST', '/v2/users/me/meetings', { token: wallToken, body: { topic: 'Emulator time' } });
      const hook = await receiver.waitFor((h: ReceivedWebhook) => h.json.payload.object.topic === 'Emulator time');
      expect(Math.abs(Number(hook.headers['x-zm-request-timestamp']) - world.store.now() / 1000)).toBeLessThan(5);
      expect(receiver.signatureValid(hook)).toBe(true);
    } finally {
      world.store.settings.webhookTimestampClock = 'wall';
    }
  });
});

describe('delivery records and counters', () => {
  it('lists deliveries and counts attempts and failures', async () => {
    const world = await startRestWorld({ settings: { rateLimits: false } });
    const receiver = await startWebhookReceiver();
    try {
      const app = world.addApp({ url: receiver.url, secretToken: receiver.secretToken, events: ['meeting.created'], validated: true });
      const token = world.token(scopes, { clientId: app.clientId });
      receiver.answer = () => ({ status: 500 });
      await world.call('POST', '/v2/users/me/meetings', { token, body: { topic: 'Counted' } });
      await receiver.waitFor((h) => h.json.event === 'meeting.created');
      await world.store.advanceClock(5 * 60);
      const res = await world.call('GET', `/_emulator/webhooks/deliveries?event=meeting.created&clientId=${app.clientId}`);
      expect(res.json.deliveries).toHaveLength(1);
      expect(res.json.deliveries[0]).toMatchObject({ attempts: 2, status: 'pending', lastStatus: 500 });
      expect(res.json.deliveries[0].attemptLog).toHaveLength(2);
      expect((await world.call('GET', '/_emulator/webhooks/deliveries?status=delivered')).json.deliveries).toEqual([]);
      const stats = (await world.call('GET', '/_emulator/stats')).json;
      expect(stats).toMatchObject({ webhookDeliveries: 2, webhookFailures: 2 });
    } finally {
      await receiver.close();
      await world.close();
    }
  });
});

describe('endpoint URL validation', () => {
  let world: RestWorld;
  beforeAll(async () => {
    world = await startRestWorld();
  });
  afterAll(() => world.close());

  it('validates an endpoint that answers with the right HMAC', async () => {
    const receiver = await startWebhookReceiver('validate-me');
    try {
      const app = world.addApp({ url: receiver.url, secretToken: 'validate-me', events: [], validated: false });
      expect(await validateEndpoint(world.store, app.clientId)).toBe(true);
      expect(app.webhook?.validated).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it('fails an endpoint with the wrong secret, an error status, or no server', async () => {
    const receiver = await startWebhookReceiver('a-different-secret');
    try {
      const wrong = world.addApp({ url: receiver.url, secretToken: 'validate-me', events: [], validated: true });
      expect(await validateEndpoint(world.store, wrong.clientId)).toBe(false);
      expect(wrong.webhook?.validated).toBe(false);
      const missing = world.addApp({ url: `${world.url}/nowhere`, secretToken: 's', events: [], validated: false });
      expect(await validateEndpoint(world.store, missing.clientId)).toBe(false);
    } finally {
      await receiver.close();
    }
    const closed = world.addApp({ url: receiver.url, secretToken: 's', events: [], validated: false });
    expect(await validateEndpoint(world.store, closed.clientId)).toBe(false);
    expect(await validateEndpoint(world.store, world.addApp().clientId)).toBe(false);
  });
});

describe('app deauthorization', () => {
  let world: RestWorld;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    world = await startRestWorld({ settings: { rateLimits: false } });
    receiver = await startWebhookReceiver('deauth-secret');
  });
  afterAll(async () => {
    await receiver.close();
    await world.close();
  });

  it('revokes the user grants, kills their tokens and sends app_deauthorized to that app only', async () => {
    const app = world.addApp({ url: receiver.url, secretToken: 'deauth-secret', events: ['app_deauthorized'], validated: true });
    const bystander = await startWebhookReceiver('bystander');
    try {
      const other = world.addApp({ url: bystander.url, secretToken: 'bystander', events: ['app_deauthorized'], validated: true });
      world.token(['user:read'], { clientId: other.clientId });
      const token = world.token(['user:read'], { clientId: app.clientId });
      const otherToken = world.token(['user:read'], { clientId: other.clientId });
      expect((await world.call('GET', '/v2/users/me', { token })).status).toBe(200);

      const res = await world.call('POST', `/_emulator/apps/${app.clientId}/deauthorize`, { body: { userId: world.user.id } });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ revokedGrants: 1 });
      const hook = await receiver.waitFor((h) => h.json.event === 'app_deauthorized');
      expect(receiver.signatureValid(hook)).toBe(true);
      expect(hook.json.payload).toMatchObject({ account_id: world.account.id, user_id: world.user.id, client_id: app.clientId });
      expect(hook.json.payload.deauthorization_time).toMatch(/Z$/);
      expect(typeof hook.json.payload.signature).toBe('string');
      expect(hook.json.payload.event_ts).toBe(hook.json.event_ts);
      expect(hook.json.payload.object).toBeUndefined();

      const dead = await world.call('GET', '/v2/users/me', { token });
      expect(dead.status).toBe(401);
      expect(dead.json.code).toBe(124);
      expect((await world.call('GET', '/v2/users/me', { token: otherToken })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(bystander.received).toHaveLength(0);

      const again = await world.call('POST', `/_emulator/apps/${app.clientId}/deauthorize`, { body: { userId: world.user.id } });
      expect(again.status).toBe(409);
      expect(again.json.error).toBe('NOT_INSTALLED');
    } finally {
      await bystander.close();
    }
  });

  it('refuses unknown apps and users', async () => {
    expect((await world.call('POST', '/_emulator/apps/nope/deauthorize', { body: { userId: world.user.id } })).json.error).toBe('APP_NOT_FOUND');
    const app = world.addApp();
    expect((await world.call('POST', `/_emulator/apps/${app.clientId}/deauthorize`, { body: { userId: 'ghost' } })).json.error).toBe('USER_NOT_FOUND');
    expect((await world.call('POST', `/_emulator/apps/${app.clientId}/deauthorize`, { body: {} })).status).toBe(400);
  });
});
