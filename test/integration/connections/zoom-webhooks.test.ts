import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../../emulator/zoom/testing/control-client.ts';
import { zoomTokenFamilies } from '../../../src/core/database/schema.ts';
import { seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, zoomDemoMember } from '../../support/connections.ts';
import { eventually } from '../../support/eventually.ts';

let confer: TestConfer;
let host: SeededUser;
let connectionId: string;
let secretToken: string;

/** Signs a body the way Zoom does, with an HMAC computed here, independently of Confer's code. */
const signed = (body: string, timestamp = Math.floor(Date.now() / 1000)) => ({
  'content-type': 'application/json',
  'x-zm-request-timestamp': String(timestamp),
  'x-zm-signature': `v0=${createHmac('sha256', secretToken).update(`v0:${timestamp}:${body}`).digest('hex')}`,
});
const post = (body: string, headers: Record<string, string>) => fetch(`${confer.url}/webhooks/zoom`, { method: 'POST', headers, body });

beforeAll(async () => {
  confer = await startTestConfer();
  secretToken = confer.emulator.seed!.app!.webhook!.secretToken;
  host = await seedUser(confer.confer.database.db);
  connectionId = ((await connectZoom(confer.url, host, zoomDemoMember)).message as { connectionId: string }).connectionId;
});
afterAll(() => confer.close());

describe('POST /webhooks/zoom', () => {
  it('answers endpoint.url_validation with the HMAC of the plain token', async () => {
    const body = JSON.stringify({ event: 'endpoint.url_validation', event_ts: Date.now(), payload: { plainToken: 'abc123' } });
    const response = await post(body, signed(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ plainToken: 'abc123', encryptedToken: createHmac('sha256', secretToken).update('abc123').digest('hex') });
  });

  it('refuses a wrong signature, a missing one, and a timestamp older than 5 minutes', async () => {
    const body = JSON.stringify({ event: 'meeting.ended', event_ts: Date.now(), payload: { account_id: 'a', object: { id: 1 } } });
    const wrong = await post(body, { ...signed(body), 'x-zm-signature': `v0=${'0'.repeat(64)}` });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { code: string }).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await post(body, { 'content-type': 'application/json' })).status).toBe(401);
    const stale = await post(body, signed(body, Math.floor(Date.now() / 1000) - 301));
    expect(stale.status).toBe(401);
    const tampered = await post(body.replace('meeting.ended', 'meeting.deleted'), signed(body));
    expect(tampered.status).toBe(401);
  });

  it('acknowledges a retried delivery once and marks it a duplicate', async () => {
    const body = JSON.stringify({ event: 'meeting.ended', event_ts: Date.now(), payload: { account_id: 'a', object: { id: 42 } } });
    const first = await post(body, signed(body));
    const retry = await post(body, signed(body));
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    expect(await retry.json()).toEqual({ received: true, duplicate: true });
  });

  it('app_deauthorized from Zoom revokes the connection and deletes the Zoom user’s tokens and profile', async () => {
    const zoomUser = confer.emulator.seed!.users.find((u) => u.email === zoomDemoMember.email)!;
    const removed = await callJson(confer.emulator.url, 'POST', `/_emulator/apps/${confer.emulator.seed!.app!.clientId}/deauthorize`, { userId: zoomUser.id });
    expect(removed.status).toBe(200);
    const api = apiAs(confer.url, host.cookie);
    const view = await eventually('the connection to read revoked', async () => {
      const read = await api.get(`/api/v1/connections/${connectionId}`);
      return read.body.status === 'revoked' && read;
    });
    expect(view.body).toMatchObject({ status: 'revoked', scopes: [] });
    expect(view.body.zoomUser.email).toBeNull();
    expect(view.body.lastError).toMatch(/Removed from Zoom/);
    expect(await confer.confer.database.db.select().from(zoomTokenFamilies)).toEqual([]);
    const tested = await api.post(`/api/v1/connections/${connectionId}/test`);
    expect(tested.status).toBe(409);
    expect(tested.body.code).toBe('CONNECTION_REVOKED');
    const mailbox = await api.get('/api/v1/mailbox');
    expect(mailbox.body.messages.filter((m: { subject: string }) => m.subject === 'Your Zoom connection was removed in Zoom')).toHaveLength(1);
  });
});
