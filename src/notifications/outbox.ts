import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import type { Transaction } from '../core/database/database.ts';
import { emailOutbox } from '../core/database/schema.ts';
import { sendInTransaction } from '../core/jobs/send-in-transaction.ts';

export const emailQueue = 'email-send';

/** An email to send, as its sender composes it. */
export interface OutgoingEmail {
  /** The same key twice is one email: a retried caller never sends a second copy. */
  dedupeKey: string;
  kind: string;
  to: { address: string; name?: string | null };
  subject: string;
  text: string;
  html: string;
  /** An invitation or cancellation, attached once as text/calendar. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
  /** The booking it is about, so the booking can list its emails. */
  bookingId?: string;
}

export type StoredEmail = typeof emailOutbox.$inferSelect;

/**
 * Records an email and queues its sending in the caller's transaction: it exists exactly when the
 * change it reports commits. Returns the outbox row (the existing one for a repeated dedupe key).
 */
export async function enqueueEmail(tx: Transaction, boss: PgBoss, email: OutgoingEmail, messageDomain: string): Promise<StoredEmail> {
  const id = randomUUID();
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      id,
      dedupeKey: email.dedupeKey,
      kind: email.kind,
      toAddress: email.to.address.toLowerCase(),
      toName: email.to.name ?? null,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
      calendarMethod: email.calendar?.method ?? null,
      calendarContent: email.calendar?.content ?? null,
      // Stable per row, so a copy resent after a crash is recognisable as the same message.
      messageId: `<${id}@${messageDomain}>`,
      bookingId: email.bookingId ?? null,
    })
    .onConflictDoNothing({ target: emailOutbox.dedupeKey })
    .returning();
  if (!row) {
    const [existing] = await tx.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, email.dedupeKey));
    return existing!;
  }
  await sendInTransaction(boss, tx, emailQueue, { emailId: row.id }, { retryLimit: 10, retryBackoff: true, retryDelay: 5, retryDelayMax: 600 });
  return row;
}
