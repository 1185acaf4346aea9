import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { openDatabase, type Database } from '../database/database.ts';
import { migrate } from '../database/migrate.ts';
import { folders, oauthClients, zoomTokenFamilies } from '../database/schema.ts';
import { createLogger } from '../logging/logger.ts';
import { seal, sealedKeyId, unseal } from './envelope.ts';
import { parseKeyRing } from './key-ring.ts';
import { keyUsage, rotateKeys } from './rotate-keys.ts';
import { columnContext } from './sealed-columns.ts';

const k1 = `k1:${randomBytes(32).toString('base64')}`;
const k2 = `k2:${randomBytes(32).toString('base64')}`;
const oldRing = parseKeyRing(k1);
const newRing = parseKeyRing(`${k2},${k1}`);
const logger = createLogger({ level: 'silent' });
let testDb: TestDatabase;
let database: Database;
const families = [randomUUID(), randomUUID()];
let clientRowId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent', logger, poolSize: 3 });
  await migrate(database.pool, logger);
  for (const [i, id] of families.entries()) {
    await database.db.insert(zoomTokenFamilies).values({
      id, clientId: 'app', zoomUserId: `user-${i}`, zoomAccountId: 'acct', scopes: [], accessExpiresAt: new Date(),
      accessTokenSealed: seal(oldRing, `access-${i}`, columnContext('zoom_token_families', id, 'access_token_sealed')),
      refreshTokenSealed: seal(oldRing, `refresh-${i}`, columnContext('zoom_token_families', id, 'refresh_token_sealed')),
    });
  }
  const [folder] = await database.db.insert(folders).values({ name: 'F' }).returning();
  clientRowId = randomUUID();
  await database.db.insert(oauthClients).values({
    id: clientRowId, folderId: folder!.id, clientId: 'byo', clientSecretSealed: seal(oldRing, 'byo-secret', columnContext('oauth_clients', clientRowId, 'client_secret_sealed')),
  });
});
afterAll(async () => {
  await database.close();
  await testDb.drop();
});

describe('keys rotate', () => {
  it('re-encrypts every sealed value under the newest key, keeping every plaintext, and a second run changes nothing', async () => {
    const report = await rotateKeys(database.pool, newRing);
    expect(report.map((c) => [`${c.table}.${c.column}`, c.resealed, c.current, c.failed.length])).toEqual([
      ['zoom_token_families.access_token_sealed', 2, 0, 0],
      ['zoom_token_families.refresh_token_sealed', 2, 0, 0],
      ['oauth_clients.client_secret_sealed', 1, 0, 0],
      ['oauth_clients.webhook_secret_sealed', 0, 0, 0],
      ['oauth_states.code_verifier_sealed', 0, 0, 0],
      ['bookings.start_url_sealed', 0, 0, 0],
      ['webhook_subscriptions.secret_sealed', 0, 0, 0],
    ]);
    const rows = await database.db.select().from(zoomTokenFamilies);
    for (const row of rows) {
      expect(sealedKeyId(row.accessTokenSealed)).toBe('k2');
      const i = row.zoomUserId.split('-')[1];
      expect(unseal(newRing, row.refreshTokenSealed, columnContext('zoom_token_families', row.id, 'refresh_token_sealed'))).toBe(`refresh-${i}`);
    }
    expect((await keyUsage(database.pool))[0]).toEqual({ table: 'zoom_token_families', column: 'access_token_sealed', byKey: { k2: 2 } });
    const again = await rotateKeys(database.pool, newRing);
    expect(again.map((c) => c.resealed)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(again[0]!.current).toBe(2);
  });

  it('reports a ciphertext copied from another row instead of moving it, and leaves it as it was', async () => {
    const [first, second] = await database.db.select().from(zoomTokenFamilies).orderBy(zoomTokenFamilies.zoomUserId);
    const moved = seal(oldRing, 'stolen', columnContext('zoom_token_families', first!.id, 'access_token_sealed'));
    const { eq } = await import('drizzle-orm');
    await database.db.update(zoomTokenFamilies).set({ accessTokenSealed: moved }).where(eq(zoomTokenFamilies.id, second!.id));
    const report = await rotateKeys(database.pool, newRing);
    expect(report[0]!.failed).toEqual([second!.id]);
    const [after] = await database.db.select().from(zoomTokenFamilies).where(eq(zoomTokenFamilies.id, second!.id));
    expect(after!.accessTokenSealed).toBe(moved);
  });
});
