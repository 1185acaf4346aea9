import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { emailOutbox } from '../core/database/schema.ts';
import { ensureQueue, workInBatches } from '../core/jobs/job-queue.ts';
import type { ConferServices } from '../core/services.ts';
import { createEmailTransport, isPermanentSmtpFailure, smtpFailureReason, type EmailTransport } from './email-transport.ts';
import { emailQueue } from './outbox.ts';

/**
 * How long a claim on a message lasts unless renewed. The sender renews it while SMTP works, so
 * a slow server is never raced; a sender that died lets go within this long.
 */
const leaseSeconds = 20;
const renewEverySeconds = 5;

/**
 * Sends one outbox row. The row is claimed under a lease first (only a queued row, or one whose
 * lease ran out, can be claimed), so two workers never send it together and a sent row is never
 * sent again. The one window left: the SMTP server accepted the message and the process died
 * before recording it; the lease then runs out and it is sent once more, with the same Message-ID.
 */
export async function sendOutboxEmail(services: ConferServices, transport: EmailTransport, emailId: string): Promise<'sent' | 'failed' | 'skipped'> {
  const { db } = services.database;
  const [claimed] = await db
    .update(emailOutbox)
    .set({ status: 'sending', leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})`, attempts: sql`${emailOutbox.attempts} + 1` })
    .where(and(
      eq(emailOutbox.id, emailId),
      or(eq(emailOutbox.status, 'queued'), and(eq(emailOutbox.status, 'sending'), or(isNull(emailOutbox.leaseUntil), lt(emailOutbox.leaseUntil, sql`now()`)))),
    ))
    .returning();
  if (!claimed) {
    const [row] = await db.select({ status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.id, emailId));
    // Another sender holds it (or held it and died: its lease runs out soon). The job must come
    // back for it rather than end here, or a message whose sender died would never go out.
    if (row?.status === 'sending') throw new Error(`email ${emailId} is being sent by another worker; trying again once its claim lapses`);
    return 'skipped';
  }
  const renewal = setInterval(() => {
    db.update(emailOutbox).set({ leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})` }).where(and(eq(emailOutbox.id, emailId), eq(emailOutbox.status, 'sending')))
      .catch((error: unknown) => services.logger.warn({ emailId, err: error }, 'renewing the claim on an email failed'));
  }, renewEverySeconds * 1000);
  try {
    await transport.deliver(claimed);
  } catch (error) {
    clearInterval(renewal);
    const reason = smtpFailureReason(error);
    const permanent = isPermanentSmtpFailure(error);
    services.metrics.emailAttempt(claimed.kind, permanent ? 'failed' : 'retrying');
    await db.update(emailOutbox).set({ status: permanent ? 'failed' : 'queued', leaseUntil: null, lastError: reason }).where(eq(emailOutbox.id, emailId));
    services.logger.warn({ emailId, reason, permanent }, 'sending an email failed');
    if (permanent) return 'failed';
    throw new Error(`email ${emailId} not sent yet: ${reason}`, { cause: error });
  }
  clearInterval(renewal);
  // Counted as soon as the server answered, whatever becomes of the bookkeeping.
  services.metrics.emailAttempt(claimed.kind, 'sent');
  await db.update(emailOutbox).set({ status: 'sent', transport: transport.kind, sentAt: new Date(), leaseUntil: null, lastError: null }).where(eq(emailOutbox.id, emailId));
  return 'sent';
}

/**
 * Works the email queue of this process; with no SMTP configured, messages go to the dev mailbox.
 * Returns what closes the SMTP connections, for after the job queue has stopped.
 */
export async function startEmailWorker(services: ConferServices, work = true): Promise<() => void> {
  const { boss } = services.jobs;
  await ensureQueue(boss, emailQueue, { notify: true });
  if (!work) return () => {};
  const transport = createEmailTransport({ smtpUrl: services.config.smtpUrl, from: services.config.mailFrom });
  // notify: an email is picked up the moment its row commits, not at the next poll. A retried
  // batch skips its sent rows: sendOutboxEmail claims a row once.
  await workInBatches<{ emailId: string }>(services.jobs, emailQueue, { batchSize: 4, pollSeconds: 1, localConcurrency: 2 }, (job) => sendOutboxEmail(services, transport, job.emailId));
  return () => transport.close();
}
