import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson } from '../../emulator/zoom/testing/control-client.ts';
import { createLogger } from '../../src/core/logging/logger.ts';
import { seedUser, type SeededUser } from '../support/accounts.ts';
import { apiAs } from '../support/api-client.ts';
import { asCustomer, book, createPage, pageBody } from '../support/booking.ts';
import { eventually } from '../support/eventually.ts';
import { startTestConfer, type TestConfer } from '../support/confer.ts';
import { connectZoom, zoomDemoOwner } from '../support/connections.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { dumpDatabase, findPostgresTools, restoreDatabase } from '../support/postgres-tools.ts';

// docs/backups.md done for real: a Confer on an external PostgreSQL with bookings, their Zoom
// meetings and a connection; `pg_dump --format=custom`; `pg_restore --no-owner` into a new, empty
// database; a new Confer on it. With the same key ring everything is back and works, and the jobs
// that were queued at the dump run; with another ring, Confer still starts, the bookings are there,
// and using the connection fails with DECRYPTION_FAILED, saying nothing secret.

// The run's own embedded PostgreSQL (when DATABASE_URL is unset) is version 18, newer than the
// pg_dump most machines have; the machine's server is what an operator would back up.
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const tools = await findPostgresTools(serverUrl);
if (!tools.ok) console.warn(`\nbackup-restore: SKIPPED, ${tools.reason}\n`);

const keyRing = `k1:${randomBytes(32).toString('base64')}`;
// The mistake the docs warn of: a ring whose k1 is another key (a data directory's freshly generated one, say).
const otherKeyRing = `k1:${randomBytes(32).toString('base64')}`;

let source: TestDatabase | undefined;
let target: TestDatabase | undefined;
/** The first Confer: its Zoom emulator stays up for every Confer after it. */
let original: TestConfer | undefined;
/** Every Confer started here; each is stopped (stop() may be called twice) before the databases go. */
const started: TestConfer[] = [];
let host: SeededUser;
let connectionId: string;
let slug: string;
let dumpDir: string | undefined;
/** The bookings whose meetings were made before the dump, as the host saw them then. */
const provisioned = new Map<string, { meeting: Record<string, unknown> }>();
/** A booking made while no worker ran: its meeting job and emails were still queued at the dump. */
let queuedBookingId: string;

const hostApi = (confer: TestConfer) => apiAs(confer.url, host.cookie);
const meetingsInZoomFor = async (confer: TestConfer, bookingId: string) =>
  (await callJson<{ meetings: Array<{ agenda: string }> }>(confer.emulator.url, 'GET', '/_emulator/meetings')).body.meetings
    .filter((meeting) => meeting.agenda.includes(`Confer booking ${bookingId}`));

let nextSlot = 0;
async function bookNextSlot(confer: TestConfer, customer: string): Promise<string> {
  const day = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = (await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`)).body as { slots: Array<{ start: string }> };
  const booked = await book(confer.url, slug, { start: slots[nextSlot++]!.start, name: customer, email: `${customer.toLowerCase().replace(/\W+/g, '.')}@example.com` });
  if (booked.status !== 201) throw new Error(`booking answered ${booked.status}: ${JSON.stringify(booked.body)}`);
  return booked.body.id as string;
}

describe.skipIf(!tools.ok)('a backup restored into a fresh database', () => {
  beforeAll(async () => {
    source = await createTestDatabase('confer_backup_source', serverUrl);
    original = await startTestConfer({ database: source, env: { CONFER_ENCRYPTION_KEYS: keyRing } });
    started.push(original);
    host = await seedUser(original.confer.database.db, { name: 'Bea Backup', email: 'bea@example.com' });
    connectionId = ((await connectZoom(original.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
    slug = (await createPage(original.url, host, pageBody(connectionId, { title: 'Quarterly review' }))).slug;
    for (const customer of ['Ana Alpha', 'Ben Beta', 'Cy Gamma']) {
      const id = await bookNextSlot(original, customer);
      const confer = original;
      provisioned.set(id, await eventually(`the meeting of ${customer}`, async () => {
        const booking = (await hostApi(confer).get(`/api/v1/bookings/${id}`)).body;
        return booking.meeting?.status === 'ready' ? booking : undefined;
      }));
    }
    await original.confer.stop();

    // The same database served by a web process alone: this booking's jobs wait in pg-boss.
    const webOnly = await startTestConfer({ database: source, sameZoomAs: original, roles: { jobs: false }, env: { CONFER_ENCRYPTION_KEYS: keyRing } });
    started.push(webOnly);
    queuedBookingId = await bookNextSlot(webOnly, 'Dee Delta');
    expect((await hostApi(webOnly).get(`/api/v1/bookings/${queuedBookingId}`)).body.meeting).toMatchObject({ status: 'provisioning', joinUrl: null });
    await webOnly.confer.stop();

    dumpDir = mkdtempSync(join(tmpdir(), 'confer-backup-'));
    const dumpFile = join(dumpDir, 'confer.dump');
    const dumpStarted = performance.now();
    await dumpDatabase(source.url, dumpFile);
    const dumpMs = performance.now() - dumpStarted;
    target = await createTestDatabase('confer_backup_restored', serverUrl);
    const restoreStarted = performance.now();
    await restoreDatabase(dumpFile, target.url);
    const restoreMs = performance.now() - restoreStarted;
    console.log(`backup-restore: ${JSON.stringify({
      postgres: tools.ok ? { server: tools.serverMajor, pgDump: tools.dumpMajor, pgRestore: tools.restoreMajor } : undefined,
      bookings: provisioned.size + 1, dumpBytes: statSync(dumpFile).size, dumpMs: Math.round(dumpMs), restoreMs: Math.round(restoreMs),
    })}`);
  }, 120_000);

  afterAll(async () => {
    for (const confer of started) await confer.confer.stop();
    await original?.emulator.close();
    await source?.drop();
    await target?.drop();
    if (dumpDir) rmSync(dumpDir, { recursive: true, force: true });
  });

  describe('started with the same key ring', () => {
    let restored: TestConfer | undefined;
    beforeAll(async () => {
      restored = await startTestConfer({ database: target!, sameZoomAs: original!, env: { CONFER_ENCRYPTION_KEYS: keyRing } });
      started.push(restored);
    }, 60_000);
    afterAll(() => restored?.confer.stop());

    it('is ready, and has every booking with its meeting, start link included', async () => {
      const confer = restored!;
      expect((await fetch(`${confer.url}/readyz`)).status).toBe(200);
      const listed = (await hostApi(confer).get('/api/v1/bookings')).body.bookings as Array<{ id: string }>;
      expect(listed.map((booking) => booking.id).sort()).toEqual([...provisioned.keys(), queuedBookingId].sort());
      for (const [id, before] of provisioned) {
        const after = (await hostApi(confer).get(`/api/v1/bookings/${id}`)).body;
        // startUrl is sealed in the database: equal means the restored ciphertext decrypts.
        expect(after.meeting).toEqual(before.meeting);
        expect(after.meeting.startUrl).toMatch(/^http/);
      }
    });

    it('tests the connection with the restored Zoom tokens: ok, as the Zoom user it was made for', async () => {
      const tested = await hostApi(restored!).post(`/api/v1/connections/${connectionId}/test`);
      expect(tested.status).toBe(200);
      expect(tested.body).toMatchObject({ ok: true, zoomUser: { email: zoomDemoOwner.email } });
    });

    it('works the jobs that were queued at the dump: the meeting is made once and the emails go out', async () => {
      const confer = restored!;
      const ready = await eventually('the queued booking’s meeting', async () => {
        const booking = (await hostApi(confer).get(`/api/v1/bookings/${queuedBookingId}`)).body;
        return booking.meeting.status === 'ready' && booking.emails.length > 0 && booking.emails.every((email: { status: string }) => email.status === 'sent') ? booking : undefined;
      }, 30);
      expect(ready.meeting.joinUrl).toMatch(/^http/);
      expect(ready.emails.map((email: { to: string }) => email.to)).toContain('dee.delta@example.com');
      // One Zoom meeting per booking: the restore made no second one for the bookings that had theirs.
      for (const id of [...provisioned.keys(), queuedBookingId]) expect(await meetingsInZoomFor(confer, id)).toHaveLength(1);
    });
  });

  describe('started with a different key ring', () => {
    const logLines: string[] = [];
    let wrongRing: TestConfer | undefined;
    beforeAll(async () => {
      const logger = createLogger({ level: 'debug', destination: new Writable({ write: (chunk, _encoding, done) => { logLines.push(String(chunk)); done(); } }) });
      wrongRing = await startTestConfer({ database: target!, sameZoomAs: original!, env: { CONFER_ENCRYPTION_KEYS: otherKeyRing }, logger });
      started.push(wrongRing);
    }, 60_000);
    afterAll(() => wrongRing?.confer.stop());

    it('starts and lists the bookings, but the connection test and a booking’s page fail with DECRYPTION_FAILED, giving nothing away', async () => {
      const confer = wrongRing!;
      expect((await fetch(`${confer.url}/readyz`)).status).toBe(200);
      const listed = (await hostApi(confer).get('/api/v1/bookings')).body.bookings as Array<{ id: string }>;
      expect(listed).toHaveLength(provisioned.size + 1);

      const tested = await hostApi(confer).post(`/api/v1/connections/${connectionId}/test`);
      expect(tested.status).toBe(500);
      expect(tested.headers.get('content-type')).toContain('application/problem+json');
      expect(tested.body).toMatchObject({ code: 'DECRYPTION_FAILED' });
      expect(tested.body.detail).toMatch(/failed its integrity check/);
      // A confirmed booking's page shows the host's start link, sealed too: it fails the same way.
      const page = await hostApi(confer).get(`/api/v1/bookings/${[...provisioned.keys()][0]}`);
      expect(page.status).toBe(500);
      expect(page.body).toMatchObject({ code: 'DECRYPTION_FAILED' });

      const { store } = confer.emulator;
      const secrets = [...store.accessTokens.keys(), ...store.refreshTokens.keys(), keyRing.slice(3), otherKeyRing.slice(3)];
      const said = JSON.stringify(tested.body) + JSON.stringify(page.body) + logLines.join('');
      for (const secret of secrets) expect(said.includes(secret), 'a token or key in the answer or the logs').toBe(false);
    });
  });
});
