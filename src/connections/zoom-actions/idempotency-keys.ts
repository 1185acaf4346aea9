import { randomBytes } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../core/database/database.ts';
import { zoomIdempotencyKeys } from '../../core/database/schema.ts';
import { ConferError } from '../../core/errors/confer-error.ts';

/** How long a key keeps its answer (as Stripe's do); after that the key may name a new request. */
const keyLifetimeMs = 24 * 3600 * 1000;
/**
 * How long an attempt counts as alive. A create takes seconds (a 10 s Zoom timeout, a refresh, a
 * few per-second waits); past this the process is taken to have died, its outcome unknown.
 */
const attemptLeaseMs = 120_000;

/** Where a key stands: one request per (connection, key). */
export interface IdempotencyKeyRef {
  connectionId: string;
  key: string;
}

/** What the request holding a key does next. */
export type IdempotencyClaim =
  /** The key already has its answer: send it again, calling Zoom for nothing. */
  | { kind: 'replay'; response: unknown }
  /** A first attempt: create, with `marker` in the agenda. */
  | { kind: 'first'; marker: string }
  /** An earlier attempt reached Zoom and its answer was lost: look for `marker` before creating. */
  | { kind: 'recover'; marker: string };


/** The agenda line that lets a lost create be recognised in the host's meeting list: unique per attempt row. */
const newMarker = () => `Confer request ${randomBytes(8).toString('hex')}`;
export const markerLength = newMarker().length;

const whereKey = (ref: IdempotencyKeyRef) => and(eq(zoomIdempotencyKeys.connectionId, ref.connectionId), eq(zoomIdempotencyKeys.idempotencyKey, ref.key));

/**
 * Takes the key for this request, in one transaction (the row lock orders concurrent requests):
 * a new or expired key starts a first attempt; the same key with another body is
 * IDEMPOTENCY_KEY_REUSED; an answered key replays; a live attempt is IDEMPOTENCY_KEY_IN_FLIGHT; an
 * attempt whose outcome is unknown (its answer lost, or its process gone) is taken over to recover.
 */
export async function claimIdempotencyKey(db: Db, ref: IdempotencyKeyRef, requestHash: string, now = new Date()): Promise<IdempotencyClaim> {
  // Expired keys are worthless; trimming now and then keeps the table to a day's requests.
  if (Math.random() < 0.01) await db.delete(zoomIdempotencyKeys).where(lt(zoomIdempotencyKeys.expiresAt, now));
  return db.transaction(async (tx) => {
    const fresh = {
      requestHash,
      marker: newMarker(),
      state: 'in_progress' as const,
      leaseUntil: new Date(now.getTime() + attemptLeaseMs),
      zoomMeetingId: null,
      response: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + keyLifetimeMs),
    };
    const [inserted] = await tx.insert(zoomIdempotencyKeys).values({ connectionId: ref.connectionId, idempotencyKey: ref.key, ...fresh })
      .onConflictDoNothing().returning({ marker: zoomIdempotencyKeys.marker });
    if (inserted) return { kind: 'first', marker: inserted.marker };

    const [row] = await tx.select().from(zoomIdempotencyKeys).where(whereKey(ref)).for('update');
    if (!row) {
      // Deleted between the insert and the lock: a first attempt just failed and let the key go.
      throw new ConferError('IDEMPOTENCY_KEY_IN_FLIGHT', 'Another request with this Idempotency-Key just finished; send it again.', { retryAfterSeconds: 1 });
    }
    if (row.expiresAt <= now) {
      await tx.update(zoomIdempotencyKeys).set(fresh).where(whereKey(ref));
      return { kind: 'first', marker: fresh.marker };
    }
    if (row.requestHash !== requestHash) {
      throw new ConferError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used on this connection for a request with a different body. Send a new key for a new meeting; a retry must repeat the first request exactly.');
    }
    if (row.state === 'done') return { kind: 'replay', response: row.response };
    if (row.state === 'in_progress' && row.leaseUntil && row.leaseUntil > now) {
      // A create usually takes well under a second; asking again costs no Zoom call.
      throw new ConferError('IDEMPOTENCY_KEY_IN_FLIGHT', 'A request with this Idempotency-Key is still creating the meeting. Retry shortly to get its answer.', { retryAfterSeconds: 1 });
    }
    await tx.update(zoomIdempotencyKeys).set({ state: 'in_progress', leaseUntil: fresh.leaseUntil }).where(whereKey(ref));
    return { kind: 'recover', marker: row.marker };
  });
}

/** Stores the answer (nothing secret: the meeting without its start link) for replays. */
export async function completeIdempotencyKey(db: Db, ref: IdempotencyKeyRef, zoomMeetingId: string, response: unknown): Promise<void> {
  await db.update(zoomIdempotencyKeys).set({ state: 'done', leaseUntil: null, zoomMeetingId, response }).where(whereKey(ref));
}

/** Zoom made nothing (it refused, or the request never left): the key is free, and a retry starts afresh. */
export async function releaseIdempotencyKey(db: Db, ref: IdempotencyKeyRef): Promise<void> {
  await db.delete(zoomIdempotencyKeys).where(and(whereKey(ref), eq(zoomIdempotencyKeys.state, 'in_progress')));
}

/** The request reached Zoom and its answer was lost: the next retry looks for the meeting first. */
export async function markOutcomeUnknown(db: Db, ref: IdempotencyKeyRef): Promise<void> {
  await db.update(zoomIdempotencyKeys).set({ state: 'outcome_unknown', leaseUntil: null }).where(whereKey(ref));
}
