import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedUser } from '../support/accounts.ts';
import { asCustomer, book, createPage, pageBody } from '../support/booking.ts';
import { startTestConfer, type TestConfer } from '../support/confer.ts';
import { connectZoom, zoomDemoOwner } from '../support/connections.ts';
import { eventually } from '../support/eventually.ts';
import { mailSubject } from '../support/mail-parts.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { startWorkerProcess, stopConferRole } from '../support/worker-process.ts';

// A worker is killed (kill -9) while it is handing a confirmation to the SMTP server, which has
// the message and has not answered. Another worker must send it, once, about as soon as the dead
// one's claims lapse (docs/operations.md): not after pg-boss's 15-minute expiry, and not never.

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let confer: TestConfer;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  sink = await startSmtpSink();
  confer = await startTestConfer({ smtp: sink, roles: { jobs: false } });
});
afterAll(async () => {
  await Promise.all(workers.map(stopConferRole));
  await confer?.close();
  await sink?.close();
});

describe('a worker killed while it holds an email', () => {
  it('leaves the email to another worker, which sends it once', { timeout: 120_000 }, async () => {
    const host = await seedUser(confer.confer.database.db, { name: 'Kim Killed' });
    const connectionId = ((await connectZoom(confer.url, host, zoomDemoOwner)).message as { connectionId: string }).connectionId;
    const { slug } = await createPage(confer.url, host, pageBody(connectionId));
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const slot = (await asCustomer(confer.url).get(`/api/v1/public/booking-pages/${slug}/slots?from=${day}&to=${day}&timeZone=UTC`)).body.slots[0] as { start: string };

    const email = 'held@example.com';
    sink.holdNext(1, email);
    const doomed = await startWorkerProcess(confer);
    workers.push(doomed);
    expect((await book(confer.url, slug, { start: slot.start, email, name: 'Held Customer' })).status).toBe(201);
    await eventually('the confirmation to reach the SMTP server and wait there', () => sink.held.some((m) => m.to.includes(email)));
    doomed.kill('SIGKILL');
    const killedAt = Date.now();
    workers.push(await startWorkerProcess(confer));

    // Well inside the old 15 minutes; the figure printed is what the bound in the docs describes.
    const sent = await eventually('another worker to send the confirmation', () => sink.received.find((m) => m.to.includes(email) && mailSubject(m).startsWith('Confirmed:')), 90);
    const counts = {
      secondsFromKillToSent: Number(((sent.acceptedAt.getTime() - killedAt) / 1000).toFixed(1)),
      confirmations: sink.received.filter((m) => m.to.includes(email) && mailSubject(m).startsWith('Confirmed:')).length,
    };
    console.log(`worker killed holding an email: ${JSON.stringify(counts)}`);
    expect(counts.confirmations).toBe(1);
  });
});
