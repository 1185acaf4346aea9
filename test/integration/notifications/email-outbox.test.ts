import { eq, TransactionRollbackError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox } from '../../../src/core/database/schema.ts';
import { createEmailTransport } from '../../../src/notifications/email-transport.ts';
import { sendOutboxEmail } from '../../../src/notifications/email-worker.ts';
import { enqueueEmail, type OutgoingEmail } from '../../../src/notifications/outbox.ts';
import { startTestConfer, type TestConfer } from '../../support/confer.ts';
import { startSmtpSink } from '../../support/smtp-sink.ts';
import { eventually } from '../../support/eventually.ts';

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let confer: TestConfer;

beforeAll(async () => {
  sink = await startSmtpSink();
  confer = await startTestConfer({ smtp: sink });
});
afterAll(async () => {
  await confer.close();
  await sink.close();
});

const email = (key: string, extra: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  dedupeKey: key, kind: 'test', to: { address: 'Ana@Example.com', name: 'Ana <script>' },
  subject: `Subject ${key}`, text: `Text ${key}`, html: `<p>Html ${key}</p>`, ...extra,
});
const enqueue = (message: OutgoingEmail) =>
  confer.confer.database.db.transaction((tx) => enqueueEmail(tx, confer.confer.jobs.boss, message, 'confer.test'));
const row = async (id: string) => (await confer.confer.database.db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0]!;

describe('the email outbox over real SMTP', () => {
  it('sends one message once, even when enqueued twice with the same key', async () => {
    const first = await enqueue(email('one'));
    const again = await enqueue(email('one'));
    expect(again.id).toBe(first.id);
    await eventually('the message to be sent', async () => (await row(first.id)).status === 'sent');
    const copies = sink.received.filter((m) => m.raw.includes('Subject: Subject one'));
    expect(copies).toHaveLength(1);
    expect(copies[0]!.to).toEqual(['ana@example.com']);
    expect(copies[0]!.raw).toContain(`Message-ID: ${first.messageId}`);
    expect(await row(first.id)).toMatchObject({ status: 'sent', transport: 'smtp', attempts: 1 });
  });

  it('a rolled-back transaction leaves no row and no job', async () => {
    const jobs = async () => (await confer.confer.database.pool.query("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'email-send'")).rows[0].n as number;
    const before = await jobs();
    await confer.confer.database.db.transaction(async (tx) => {
      await enqueueEmail(tx, confer.confer.jobs.boss, email('rolled-back'), 'confer.test');
      expect(await tx.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, 'rolled-back'))).toHaveLength(1);
      tx.rollback();
    }).catch((error: unknown) => {
      // Only the rollback asked for above is expected; a failed expectation inside must fail the test.
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
    expect(await confer.confer.database.db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, 'rolled-back'))).toEqual([]);
    expect(await jobs()).toBe(before);
  });

  it('a temporary refusal is retried and then delivered once; a permanent one is recorded and not retried', async () => {
    const transport = createEmailTransport({ smtpUrl: sink.url, from: 'Confer <confer@example.com>' });
    const services = { ...confer.confer, database: confer.confer.database } as unknown as Parameters<typeof sendOutboxEmail>[0];
    // Recorded directly (no job), so this test drives each attempt itself.
    const queued = await confer.confer.database.db.insert(emailOutbox).values({
      dedupeKey: 'temp', kind: 'test', toAddress: 'bo@example.com', subject: 'Subject temp', textBody: 't', htmlBody: '<p>t</p>', messageId: '<temp@confer.test>',
    }).returning();
    sink.refuseNext(1, 451);
    await expect(sendOutboxEmail(services, transport, queued[0]!.id)).rejects.toThrow(/not sent yet: SMTP 451/);
    expect(await row(queued[0]!.id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(await sendOutboxEmail(services, transport, queued[0]!.id)).toBe('sent');
    expect(await sendOutboxEmail(services, transport, queued[0]!.id)).toBe('skipped');
    expect(sink.received.filter((m) => m.raw.includes('Subject: Subject temp'))).toHaveLength(1);

    const doomed = await confer.confer.database.db.insert(emailOutbox).values({
      dedupeKey: 'perm', kind: 'test', toAddress: 'cy@example.com', subject: 'Subject perm', textBody: 't', htmlBody: '<p>t</p>', messageId: '<perm@confer.test>',
    }).returning();
    sink.refuseNext(1, 550);
    expect(await sendOutboxEmail(services, transport, doomed[0]!.id)).toBe('failed');
    expect(await row(doomed[0]!.id)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('SMTP 550') });
    expect(await sendOutboxEmail(services, transport, doomed[0]!.id)).toBe('skipped');
  });

  it('attaches an invitation once, as text/calendar with its method', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';
    const sent = await enqueue(email('ics', { calendar: { method: 'REQUEST', content: ics } }));
    await eventually('the message to be sent', async () => (await row(sent.id)).status === 'sent');
    const message = sink.received.find((m) => m.raw.includes('Subject: Subject ics'))!;
    expect(message.raw.match(/Content-Type: text\/calendar/g)).toHaveLength(1);
    expect(message.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
  });

  it('the dev mailbox answers 404 while SMTP is configured', async () => {
    const { seedUser } = await import('../../support/accounts.ts');
    const { apiAs } = await import('../../support/api-client.ts');
    const owner = await seedUser(confer.confer.database.db, { role: 'owner' });
    expect((await apiAs(confer.url, owner.cookie).get('/api/v1/mailbox')).status).toBe(404);
  });
});
