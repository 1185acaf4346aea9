import { and, desc, eq, gte, like } from 'drizzle-orm';
import { connections, zoomMeetingsSeen } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import type { BookingContext } from './booking-facts.ts';
import type { SchedulingRuntime } from './scheduling-runtime.ts';
import type { ProvisionedMeeting } from './video-provider.ts';

/**
 * Clocks of the worker that noted the create and of the database that noted the event may differ
 * a little; an event this much older than the create still counts as its answer.
 */
const clockSkewMs = 5_000;

/** Short and unique per host: carried in the meeting's topic, which Zoom's meeting.created repeats. */
export const bookingReference = (bookingId: string) => `booking ${bookingId.slice(0, 8)}`;
export const bookingReferencePattern = /booking [0-9a-f]{8}/;

/** The agenda marker, found by listing meetings where the connection may list them; it leads the agenda, so notes never push it out. */
export const bookingMarker = (bookingId: string) => `Confer booking ${bookingId}`;

/**
 * The meeting an earlier pass asked Zoom to create when its answer never arrived (the process died,
 * the connection broke, Zoom answered a server error), or undefined once it is certain there is
 * none. Looked up in three ways, most certain first: the meeting.created event Zoom sent for it
 * since that create; the host's meeting list, where Zoom lets the connection read it; and, when neither
 * can tell, a ZOOM_UNREACHABLE to try again shortly until the event had time to arrive
 * (ZOOM_CREATE_ANSWER_WAIT_SECONDS), after which the create is taken to have made nothing.
 */
export async function findLostMeeting(runtime: SchedulingRuntime, context: BookingContext, connectionId: string): Promise<ProvisionedMeeting | undefined> {
  const { db } = runtime.services.database;
  const { booking } = context;
  const startedAt = booking.meetingCreateStartedAt?.getTime() ?? 0;
  const [connection] = await db.select({ zoomUserId: connections.zoomUserId }).from(connections).where(eq(connections.id, connectionId));
  if (connection?.zoomUserId) {
    // Only events since this create: a recreated booking's earlier meeting carried the same reference.
    const [seen] = await db.select().from(zoomMeetingsSeen)
      .where(and(
        eq(zoomMeetingsSeen.zoomUserId, connection.zoomUserId),
        like(zoomMeetingsSeen.topic, `%${bookingReference(booking.id)}%`),
        gte(zoomMeetingsSeen.receivedAt, new Date(startedAt - clockSkewMs)),
      ))
      .orderBy(desc(zoomMeetingsSeen.receivedAt)).limit(1);
    if (seen) return { id: seen.meetingId, uuid: seen.meetingUuid, hostId: seen.zoomUserId, joinUrl: seen.joinUrl ?? '', startUrl: undefined, passcode: seen.passcode ?? '' };
  }
  const search = await runtime.video.findMeeting(connectionId, bookingMarker(booking.id));
  if (search.searchable) return search.meeting;
  if (Date.now() - startedAt > runtime.services.config.zoomCreateAnswerWaitSeconds * 1000) return undefined;
  throw new ConferError('ZOOM_UNREACHABLE', 'Zoom’s answer to creating the meeting was lost; waiting for Zoom to report whether it made the meeting.', { retryAfterSeconds: 5 });
}
