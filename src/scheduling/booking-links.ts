import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Transaction } from '../core/database/database.ts';
import { bookingLinks } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';

export type LinkAction = 'reschedule' | 'cancel';

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * New reschedule and cancel links for the booking's current version. Only the hash is stored; the
 * token itself lives in the email that carries it. Links of earlier versions stop working, so an old
 * email cannot undo a newer change.
 */
export async function issueManageLinks(tx: Transaction, bookingId: string, sequence: number, publicUrl: string): Promise<{ rescheduleUrl: string; cancelUrl: string }> {
  await retireManageLinks(tx, bookingId);
  const urls: Record<LinkAction, string> = { reschedule: '', cancel: '' };
  for (const action of ['reschedule', 'cancel'] as const) {
    const token = randomBytes(24).toString('base64url');
    await tx.insert(bookingLinks).values({ tokenHash: hashToken(token), bookingId, action, sequence });
    urls[action] = `${publicUrl}/manage/${token}`;
  }
  return { rescheduleUrl: urls.reschedule, cancelUrl: urls.cancel };
}

export async function retireManageLinks(tx: Transaction, bookingId: string): Promise<void> {
  await tx.update(bookingLinks).set({ usedAt: new Date() }).where(and(eq(bookingLinks.bookingId, bookingId), isNull(bookingLinks.usedAt)));
}

/** The live link a token names; a used, retired or unknown token is MANAGE_LINK_INVALID. */
export async function findManageLink(tx: Transaction, token: string): Promise<{ bookingId: string; action: LinkAction; tokenHash: string }> {
  const [link] = token.length > 200 ? [] : await tx.select().from(bookingLinks).where(and(eq(bookingLinks.tokenHash, hashToken(token)), isNull(bookingLinks.usedAt)));
  if (!link) throw new ConferError('MANAGE_LINK_INVALID', 'This link has already been used or is not valid. Use the links in your most recent email from us.');
  return { bookingId: link.bookingId, action: link.action, tokenHash: link.tokenHash };
}
