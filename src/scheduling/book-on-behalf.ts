import { and, eq } from 'drizzle-orm';
import type { Db } from '../core/database/database.ts';
import { bookingIdempotencyKeys } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { requestFingerprint } from '../core/idempotency/request-fingerprint.ts';
import { bookSlot, type BookingRequest, type StoredPage } from './book-slot.ts';
import { loadPageConnection } from './booking-pages.ts';
import { publishProblem } from './publish-check.ts';
import type { SchedulingRuntime } from './scheduling-runtime.ts';

/** An integration's retry key, scoped to the host it books for. */
export interface IdempotencyKey {
  hostUserId: string;
  key: string;
}

/** What a retry must repeat exactly for the key to stand for the same request. */
const requestHash = (page: StoredPage, request: BookingRequest): string =>
  requestFingerprint({ ...request, pageId: page.id, email: request.email.toLowerCase(), notifyCustomer: request.notifyCustomer ?? true });

/** The booking an earlier request under this key made, or undefined; the key with another request is refused. */
async function bookingOfKey(db: Db, idempotency: IdempotencyKey, hash: string): Promise<string | undefined> {
  const [row] = await db.select().from(bookingIdempotencyKeys)
    .where(and(eq(bookingIdempotencyKeys.hostUserId, idempotency.hostUserId), eq(bookingIdempotencyKeys.idempotencyKey, idempotency.key)));
  if (!row) return undefined;
  if (row.requestHash !== hash) {
    throw new ConferError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different booking request. Send a new key for a new booking.');
  }
  return row.bookingId;
}

/**
 * Books on a customer's behalf, as the page's host: the customer's guarantees (bookSlot) plus what an
 * integration needs. A draft page takes bookings only through its host, and only when its connection
 * could create the meeting. With an Idempotency-Key, a retry gets the booking the first request made.
 */
export async function bookOnBehalf(
  runtime: SchedulingRuntime,
  page: StoredPage,
  request: BookingRequest,
  idempotency?: IdempotencyKey,
): Promise<{ bookingId: string; replayed: boolean }> {
  const { db } = runtime.services.database;
  const hash = requestHash(page, request);
  if (idempotency) {
    const earlier = await bookingOfKey(db, idempotency, hash);
    if (earlier) return { bookingId: earlier, replayed: true };
  }
  if (!page.published) {
    // A published page passed this check when it was published; a draft never did.
    const problem = publishProblem(await loadPageConnection(db, page.connectionId));
    if (problem) throw new ConferError('BOOKING_PAGE_NOT_PUBLISHABLE', `This page is a draft that cannot take bookings yet: ${problem.message}`);
  }
  try {
    const booking = await bookSlot(runtime, page, request, {
      alsoRecord: idempotency
        ? async (tx, made) => {
          await tx.insert(bookingIdempotencyKeys).values({ hostUserId: idempotency.hostUserId, idempotencyKey: idempotency.key, requestHash: hash, bookingId: made.id });
        }
        : undefined,
    });
    return { bookingId: booking.id, replayed: false };
  } catch (error) {
    // Two requests under one key at once: the first to commit holds the key (the other's booking
    // rolled back with its key, or never got the time), so this one answers as a retry does.
    const earlier = idempotency ? await bookingOfKey(db, idempotency, hash) : undefined;
    if (earlier) return { bookingId: earlier, replayed: true };
    throw error;
  }
}
