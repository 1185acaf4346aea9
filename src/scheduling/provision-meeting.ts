import { eq } from 'drizzle-orm';
import { seal, unseal } from '../core/crypto/envelope.ts';
import type { KeyRing } from '../core/crypto/key-ring.ts';
import { columnContext } from '../core/crypto/sealed-columns.ts';
import { isConnectionLost } from '../core/database/postgres-errors.ts';
import { bookings, connections } from '../core/database/schema.ts';
import { isConferError } from '../core/errors/confer-error.ts';
import { loadBookingContext, type BookingContext, type StoredBooking } from './booking-facts.ts';
import { claimBooking, releaseBooking, renewLease, type BookingLease } from './booking-lease.ts';
import { deleteExtraMeetings } from './extra-meetings.ts';
import { bookingMarker, bookingReference, findLostMeeting } from './lost-meeting.ts';
import { notifyCustomer, notifyDailyLimit, notifyHost, notifyHostProblem } from './booking-notifications.ts';
import { publishBookingEvent } from './booking-webhooks.ts';
import { queueMeetingWork, type SchedulingRuntime } from './scheduling-runtime.ts';
import { MeetingMayExist, type MeetingUsage } from './video-provider.ts';

// A booking's meeting is reconciled, not commanded: each pass compares what the booking wants
// (a meeting at its current time, or none once cancelled) with what Zoom has, does the one call
// that closes the gap, commits the result with the emails it owes, and schedules the next pass if
// anything is left. Any pass can die at any point; the next one picks up from what was committed.

const startUrlContext = (bookingId: string) => columnContext('bookings', bookingId, 'start_url_sealed');

/** Runs one pass over the booking, unless another worker holds it (then looks again shortly). */
export async function reconcileBookingMeeting(runtime: SchedulingRuntime, bookingId: string): Promise<void> {
  const { db } = runtime.services.database;
  const lease = await claimBooking(db, bookingId);
  if (!lease) {
    await scheduleAnotherPass(runtime, bookingId, 3);
    return;
  }
  try {
    await reconcile(runtime, lease);
  } finally {
    await releaseBooking(db, lease);
  }
}

async function reconcile(runtime: SchedulingRuntime, lease: BookingLease): Promise<void> {
  const { db } = runtime.services.database;
  const context = await loadBookingContext(db, lease.bookingId);
  if (!context) return;
  const booking = context.booking;
  try {
    if (booking.status === 'cancelled') return await removeMeeting(runtime, context);
    if (booking.status === 'held' || booking.meetingStatus === 'deleted_in_zoom') return;
    if (!booking.zoomMeetingId) return await provision(runtime, context, lease);
    if (booking.meetingSyncedSequence < booking.sequence) return await move(runtime, context);
    await settle(runtime, booking.id, undefined, null, undefined);
  } catch (error) {
    await recordFailure(runtime, context, error);
  }
}

function connectionFor(context: BookingContext): string | null {
  // Until a meeting exists, the page's current connection decides (the host may have switched it).
  return context.booking.zoomMeetingId ? context.booking.connectionId : context.page.connectionId ?? context.booking.connectionId;
}

async function provision(runtime: SchedulingRuntime, context: BookingContext, lease: BookingLease): Promise<void> {
  const { db } = runtime.services.database;
  const { booking, page } = context;
  const connectionId = connectionFor(context);
  if (!connectionId) {
    await recordFailure(runtime, context, Object.assign(new Error('The booking page has no Zoom connection. Choose one in the page’s editor.'), { permanent: true }));
    return;
  }
  const marker = bookingMarker(booking.id);
  // An earlier pass asked Zoom to create the meeting and never recorded the answer: look first.
  let meeting = booking.meetingCreateStartedAt ? await findLostMeeting(runtime, context, connectionId) : undefined;
  let usage: MeetingUsage | undefined;
  if (!meeting) {
    if (!(await renewLease(db, lease))) return;
    await db.update(bookings).set({ meetingCreateStartedAt: new Date(), connectionId }).where(eq(bookings.id, booking.id));
    const created = await runtime.video.createMeeting(connectionId, {
      // The reference survives Zoom's 200-character limit and comes back in meeting.created.
      topic: `${`${page.title} with ${booking.customerName}`.slice(0, 170)} · ${bookingReference(booking.id)}`,
      // The marker goes first: Zoom keeps 2,000 characters of agenda, and the notes may fill them.
      agenda: `Booked through Confer. ${marker}${booking.notes ? `\n\n${booking.notes}` : ''}`,
      marker,
      start: booking.startAt,
      durationMinutes: page.durationMinutes,
      timeZone: page.timeZone,
      options: page.zoomSettings as Parameters<typeof runtime.video.createMeeting>[1]['options'],
    }).catch(async (error: unknown) => {
      // The meeting may exist: the mark stays, and the next pass looks for it before creating.
      if (error instanceof MeetingMayExist) throw error.cause;
      // Zoom made nothing: the next pass may create at once.
      await db.update(bookings).set({ meetingCreateStartedAt: null }).where(eq(bookings.id, booking.id));
      throw error;
    });
    meeting = created.meeting;
    usage = created.usage;
  }
  const found = meeting;
  await settle(runtime, booking.id, (tx) => tx.update(bookings).set({
    connectionId,
    zoomMeetingId: found.id,
    zoomMeetingUuid: found.uuid,
    zoomHostId: found.hostId,
    joinUrl: found.joinUrl,
    passcode: found.passcode,
    startUrlSealed: found.startUrl ? seal(runtime.services.keyRing, found.startUrl, startUrlContext(booking.id)) : null,
    // The meeting was made for the time read at the start of this pass; a reschedule since then is a newer sequence.
    meetingSyncedSequence: booking.sequence,
  }).where(eq(bookings.id, booking.id)), found.startUrl ?? null, usage);
  // After a lost answer, Zoom may already have told of a meeting this booking no longer needs.
  if (booking.meetingCreateStartedAt) {
    await deleteExtraMeetings(runtime, booking.id).catch((error: unknown) => runtime.services.logger.warn({ bookingId: booking.id, err: error }, 'an extra Zoom meeting could not be deleted yet; its next event or pass tries again'));
  }
}

async function move(runtime: SchedulingRuntime, context: BookingContext): Promise<void> {
  const { booking, page } = context;
  const usage = await runtime.video.moveMeeting(booking.connectionId!, booking.zoomMeetingId!, {
    start: booking.startAt,
    durationMinutes: Math.round((booking.endAt.getTime() - booking.startAt.getTime()) / 60_000),
    timeZone: page.timeZone,
  });
  await settle(runtime, booking.id, (tx) => tx.update(bookings).set({ meetingSyncedSequence: booking.sequence }).where(eq(bookings.id, booking.id)), hostStartUrl(runtime.services.keyRing, booking), usage);
}

/** Cancelled: the meeting goes, including one a lost answer may have left behind. 404/3001 count as gone. */
async function removeMeeting(runtime: SchedulingRuntime, context: BookingContext): Promise<void> {
  const { db } = runtime.services.database;
  const { booking } = context;
  if (booking.meetingStatus === 'cancelled') return;
  const connectionId = connectionFor(context);
  if (connectionId && booking.zoomMeetingId && booking.meetingStatus !== 'deleted_in_zoom') {
    await runtime.video.deleteMeeting(connectionId, booking.zoomMeetingId);
  } else if (connectionId && !booking.zoomMeetingId && booking.meetingCreateStartedAt) {
    const lost = await findLostMeeting(runtime, context, connectionId);
    if (lost) await runtime.video.deleteMeeting(connectionId, lost.id);
  }
  await db.update(bookings).set({ meetingStatus: 'cancelled', meetingReason: null, waitingForZoomSince: null, updatedAt: new Date() }).where(eq(bookings.id, booking.id));
}

type SettleChange = (tx: Parameters<Parameters<SchedulingRuntime['services']['database']['db']['transaction']>[0]>[0]) => Promise<unknown>;

/**
 * Commits a pass's result and, in the same transaction, the emails it makes due (the customer's
 * confirmation or update, the host's notice, the daily-limit warning) and the `meeting.provisioned`
 * webhook event of a new meeting. Then looks whether the booking changed meanwhile (a reschedule
 * during the call) and schedules another pass if so.
 */
async function settle(runtime: SchedulingRuntime, bookingId: string, change: SettleChange | undefined, startUrl: string | null, usage: MeetingUsage | undefined): Promise<void> {
  const { services } = runtime;
  const again = await services.database.db.transaction(async (tx) => {
    const before = await loadBookingContext(tx, bookingId, true);
    if (change) await change(tx);
    await tx.update(bookings).set({ meetingStatus: 'ready', meetingReason: null, waitingForZoomSince: null, provisionAttempts: 0, updatedAt: new Date() }).where(eq(bookings.id, bookingId));
    let context = (await loadBookingContext(tx, bookingId))!;
    // The booking has a meeting it did not have: reported once per meeting Zoom made for it.
    if (!before?.booking.zoomMeetingId && context.booking.zoomMeetingId) {
      await publishBookingEvent(tx, services, 'meeting.provisioned', bookingId, { dedupeKey: `meeting.provisioned:${bookingId}:${context.booking.zoomMeetingId}` });
    }
    await notifyCustomer(tx, services, context, { allowWithoutLink: false });
    context = (await loadBookingContext(tx, bookingId))!;
    await notifyHost(tx, services, context, startUrl);
    if (usage?.reachedWarning) await notifyDailyLimit(tx, services, context, usage.used, usage.limit);
    return context.booking.meetingSyncedSequence < context.booking.sequence;
  });
  if (again) await scheduleAnotherPass(runtime, bookingId, 0);
}

/** The booking's start URL for its host, as Zoom last gave it (kept sealed: it lets anyone start the meeting as the host). */
export function hostStartUrl(ring: KeyRing, booking: StoredBooking): string | null {
  return booking.startUrlSealed ? unseal(ring, booking.startUrlSealed, startUrlContext(booking.id)) : null;
}

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … up to 5 minutes, each between half and all of it. */
export function backoffSeconds(attempt: number): number {
  const ceiling = Math.min(300, 2 ** Math.min(attempt, 9));
  return Math.max(1, Math.round(ceiling * (0.5 + Math.random() * 0.5)));
}

/**
 * What a failed pass leaves behind: a status that says why, the host told at once (once per booking
 * version and problem), the `meeting.failed` webhook event when it falls into a state the host must
 * act on, and either the next pass scheduled (Zoom busy or down, honouring its Retry-After) or
 * nothing until the host acts (re-authorize, recreate).
 */
async function recordFailure(runtime: SchedulingRuntime, context: BookingContext, error: unknown): Promise<void> {
  const { services } = runtime;
  const { booking } = context;
  const code = isConferError(error) ? error.code : undefined;
  const reason = (error as Error).message;
  const bookingPath = `/bookings/${booking.id}`;
  const cancelling = booking.status === 'cancelled';
  // Confer's own database went away under the pass: nothing about Zoom to tell the host, and no
  // attempt to count against the booking. The job fails as it is and is retried shortly.
  if (isConnectionLost(error)) throw error;

  if (code === 'CONNECTION_NEEDS_REAUTHORIZATION' || code === 'CONNECTION_REVOKED') {
    const connectionPath = await connectionPage(runtime, connectionFor(context));
    await services.database.db.transaction(async (tx) => {
      await tx.update(bookings).set({ meetingStatus: cancelling ? booking.meetingStatus : 'needs_reauthorization', meetingReason: reason, updatedAt: new Date() }).where(eq(bookings.id, booking.id));
      if (!cancelling) await notifyHostProblem(tx, services, context, 'needs_reauthorization', reason, connectionPath);
      if (!cancelling && booking.meetingStatus !== 'needs_reauthorization') await publishBookingEvent(tx, services, 'meeting.failed', booking.id);
    });
    return;
  }
  if (code === 'NOT_FOUND' && booking.zoomMeetingId && !cancelling) {
    await services.database.db.transaction(async (tx) => {
      await tx.update(bookings).set({ meetingStatus: 'deleted_in_zoom', meetingReason: 'The meeting was deleted in Zoom.', zoomDeletedAt: new Date(), updatedAt: new Date() }).where(eq(bookings.id, booking.id));
      await notifyHostProblem(tx, services, context, 'deleted_in_zoom', reason, bookingPath);
    });
    return;
  }
  const transient = code === 'ZOOM_UNREACHABLE' || code === 'ZOOM_RATE_LIMITED' || (!isConferError(error) && !(error as { permanent?: boolean }).permanent);
  if (!transient) {
    await services.database.db.transaction(async (tx) => {
      await tx.update(bookings).set({ meetingStatus: cancelling ? booking.meetingStatus : 'failed', meetingReason: reason, updatedAt: new Date() }).where(eq(bookings.id, booking.id));
      if (!cancelling) await notifyHostProblem(tx, services, context, 'failed', reason, bookingPath);
      if (!cancelling && booking.meetingStatus !== 'failed') await publishBookingEvent(tx, services, 'meeting.failed', booking.id);
    });
    return;
  }
  if (!isConferError(error)) services.logger.error({ err: error, bookingId: booking.id }, 'a booking’s meeting work failed unexpectedly; trying again');
  const attempts = booking.provisionAttempts + 1;
  const retryAfter = isConferError(error) ? error.retryAfterSeconds : undefined;
  const delay = retryAfter !== undefined ? Math.ceil(retryAfter + Math.random() * 2) : backoffSeconds(attempts);
  const firstFailure = booking.waitingForZoomSince === null;
  await services.database.db.transaction(async (tx) => {
    await tx.update(bookings).set({
      provisionAttempts: attempts,
      waitingForZoomSince: booking.waitingForZoomSince ?? new Date(),
      meetingStatus: booking.zoomMeetingId || cancelling ? booking.meetingStatus : 'waiting_for_zoom',
      meetingReason: reason,
      updatedAt: new Date(),
    }).where(eq(bookings.id, booking.id));
    // The host hears at the start of the wait, not the end: only for a meeting that does not exist yet.
    if (firstFailure && !booking.zoomMeetingId && !cancelling) await notifyHostProblem(tx, services, context, 'zoom_unreachable', reason, bookingPath);
    await queueMeetingWork(services.jobs.boss, booking.id, { tx, afterSeconds: delay });
  });
  services.logger.info({ bookingId: booking.id, attempts, delaySeconds: delay, reason }, 'Zoom did not complete a booking’s meeting work; trying again later');
}

async function connectionPage(runtime: SchedulingRuntime, connectionId: string | null): Promise<string> {
  if (!connectionId) return '/settings/video-conferencing';
  const [row] = await runtime.services.database.db.select({ folderId: connections.folderId }).from(connections).where(eq(connections.id, connectionId));
  return row?.folderId ? `/folders/${row.folderId}?connection=${connectionId}` : '/settings/video-conferencing';
}

export async function scheduleAnotherPass(runtime: SchedulingRuntime, bookingId: string, afterSeconds: number): Promise<void> {
  await queueMeetingWork(runtime.services.jobs.boss, bookingId, { afterSeconds });
}
