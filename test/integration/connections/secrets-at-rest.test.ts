import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppVia } from '../../../emulator/zoom/testing/control-client.ts';
import { createLogger } from '../../../src/core/logging/logger.ts';
import { seedFolder, seedUser, type SeededUser } from '../../support/accounts.ts';
import { apiAs } from '../../support/api-client.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { connectZoom, zoomDemoMember, zoomDemoOwner } from '../../support/connections.ts';

const logLines: string[] = [];
let confer: TestConfer;
let admin: SeededUser;
let byoSecret: string;
// The folder app's webhook Secret Token: stored sealed, used to verify that app's events, never shown.
const byoWebhookSecret = `ops-webhook-${Math.random().toString(36).slice(2)}`;

/** Every row of every table Confer's database holds (its own and the job queue's), as text. */
async function dumpDatabase(): Promise<string> {
  const { pool } = confer.confer.database;
  const { rows: tables } = await pool.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_schema IN ('public', 'pgboss') AND table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await pool.query(`SELECT row_to_json(t)::text AS row FROM "${table.schema}"."${table.name}" t`);
    parts.push(...rows.map((r: { row: string }) => r.row));
  }
  return parts.join('\n');
}

beforeAll(async () => {
  // The whole run logs at debug level, so whatever Confer might log is in the haystack.
  const logger = createLogger({ level: 'debug', destination: new Writable({ write: (chunk, _e, done) => { logLines.push(String(chunk)); done(); } }) });
  confer = await startTestConfer({ logger });
  const db = confer.confer.database.db;
  admin = await seedUser(db);
  const folderId = await seedFolder(db, 'Ops', { [admin.userId]: 'folder_admin' });
  await connectZoom(confer.url, admin, zoomDemoOwner);
  const byoApp = await createAppVia(confer.emulator.url, {
    name: 'Ops own Zoom app',
    redirectUris: [`${confer.url}/connections/oauth/callback`],
    scopes: ['meeting:write', 'recording:read', 'user_info:read'],
    webhook: { url: `${confer.url}/webhooks/zoom`, secretToken: byoWebhookSecret, events: ['meeting.created'] },
  });
  byoSecret = byoApp.clientSecret;
  const byo = await connectZoom(confer.url, admin, zoomDemoMember, {
    connector: 'zoom', target: { folderId }, authType: 'byo_oauth_app', clientId: byoApp.clientId, clientSecret: byoApp.clientSecret, webhookSecretToken: byoWebhookSecret,
  });
  expect(byo.message).toMatchObject({ ok: true });
  const api = apiAs(confer.url, admin.cookie);
  const { connections } = (await api.get('/api/v1/connections')).body;
  for (const connection of connections) expect((await api.post(`/api/v1/connections/${connection.id}/test`)).status).toBe(200);
});
afterAll(() => confer.close());

describe('secrets at rest and in logs', () => {
  it('no access token, refresh token, client secret or webhook secret appears in a database dump or the logs', async () => {
    const store = confer.emulator.store;
    const secrets = [
      ...store.accessTokens.keys(),
      ...store.refreshTokens.keys(),
      confer.emulator.seed!.app!.clientSecret,
      confer.emulator.seed!.app!.webhook!.secretToken,
      byoSecret,
      byoWebhookSecret,
    ];
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    const dump = await dumpDatabase();
    expect(dump, 'the dump holds the sealed tokens').toContain('"access_token_sealed":"cf1.');
    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(dump.includes(secret), 'a secret is in the database dump').toBe(false);
      expect(logs.includes(secret), 'a secret is in the logs').toBe(false);
    }
  });

  it('the API never returns a secret, not even for the folder admin who entered it', async () => {
    const api = apiAs(confer.url, admin.cookie);
    const { connections } = (await api.get('/api/v1/connections')).body;
    const text = JSON.stringify(connections) + JSON.stringify((await api.get(`/api/v1/connections/${connections[1].id}`)).body);
    expect(text).not.toContain(byoSecret);
    expect(text).not.toContain(byoWebhookSecret);
    expect(text).toContain('"webhookSecretSet":true');
    // The one secret-named field is the flag saying whether a webhook secret is set, never a value.
    expect(text.replaceAll(/"webhookSecretSet":(true|false)/g, '')).not.toMatch(/secret|token/i);
  });
});
