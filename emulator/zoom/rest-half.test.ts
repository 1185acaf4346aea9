import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './server.ts';
import { authorizeAs } from './testing/consent-driver.ts';
import { postToken } from './testing/token-client.ts';
import { assertSpecValid, zoomSpec } from './test-support/spec-validator.ts';
import { startWebhookReceiver, type WebhookReceiver } from './test-support/webhook-receiver.ts';

/** The REST half inside the whole emulator: a token from the real OAuth flow, REST calls, faults on zoom.us routes. */
describe('REST half in the full emulator', () => {
  let emulator: RunningEmulator;
  let receiver: WebhookReceiver;
  let accessToken: string;
  const conferApp = { redirectUri: 'http://127.0.0.1:3000/callback', clientId: 'restHalfClient', clientSecret: 'rest-half-secret', webhookSecretToken: 'rest-half-webhook' };

  beforeAll(async () => {
    receiver = await startWebhookReceiver(conferApp.webhookSecretToken);
    emulator = await startEmulator({ port: 0, seed: 'demo', conferApp: { ...conferApp, webhookUrl: receiver.url } });
    const { code } = await authorizeAs(emulator.url, { clientId: conferApp.clientId, redirectUri: conferApp.redirectUri }, { email: 'demo@confer.test', password: 'zoom-demo' });
    const token = await postToken(emulator.url, {
      clientId: conferApp.clientId, clientSecret: conferApp.clientSecret,
      params: { grant_type: 'authorization_code', code, redirect_uri: conferApp.redirectUri },
    });
    expect(token.status).toBe(200);
    accessToken = String(token.body['access_token']);
  });
  afterAll(async () => {
    await emulator.close();
    await receiver.close();
  });

  const rest = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emulator.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const json: any = text ? JSON.parse(text) : undefined;
    assertSpecValid(zoomSpec().validateResponse(method, path, res.status, json ?? text));
    return { status: res.status, json };
  };

  it('serves /v2 to a token obtained through the OAuth pages, with the app scopes', async () => {
    const me = await rest('GET', '/v2/users/me');
    expect(me.status).toBe(200);
    expect(me.json.email).toBe('demo@confer.test');
    const created = await rest('POST', '/v2/users/me/meetings', { topic: 'Booked through Confer', start_time: '2030-02-03T15:00:00', timezone: 'America/New_York', duration: 30 });
    expect(created.status).toBe(201);
    expect(created.json.start_time).toBe('2030-02-03T20:00:00Z');
    expect(created.json.join_url.startsWith(`${emulator.url}/j/`)).toBe(true);
    const hook = await receiver.waitFor((h) => h.json.event === 'meeting.created');
    expect(receiver.signatureValid(hook)).toBe(true);
    const updated = await rest('PATCH', `/v2/meetings/${created.json.id}`, { topic: 'Rescheduled through Confer' });
    expect(updated.status).toBe(204);
    expect(emulator.store.meetings.get(String(created.json.id))?.topic).toBe('Rescheduled through Confer');
  });

  it("applies faults to zoom.us routes such as /oauth/token, and the control API's reset clears them", async () => {
    const fault = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ match: { method: 'POST', path: '/oauth/token' }, status: 503, message: 'Token service unavailable' }),
    });
    expect(fault.status).toBe(201);
    const token = await postToken(emulator.url, { clientId: conferApp.clientId, clientSecret: conferApp.clientSecret, params: { grant_type: 'refresh_token', refresh_token: 'whatever' } });
    expect(token).toEqual({ status: 503, body: { code: 503, message: 'Token service unavailable' } });
    expect((await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' })).status).toBe(200);
    expect(emulator.store.faults).toEqual([]);
  });
});
