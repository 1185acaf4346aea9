import { and, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { bookingPages, bookingRecordings, bookings, zoomMeetingsSeen } from '../core/database/schema.ts';
import { parseMeetingRecording } from '../providers/zoom/recordings-api.ts';
import { loadBookingContext } from './booking-facts.ts';
import { notifyHostProblem } from './booking-notifications.ts';
import { publishBookingEvent } from './booking-webhooks.ts';
import { deleteExtraMeetings } from './extra-meetings.ts';
import { bookingReferencePattern } from './lost-meeting.ts';
import { queueMeetingWork, type SchedulingRuntime } from './scheduling-runtime.ts';
import type { RecordedMeeting } from './video-provider.ts';

/** A verified, deduplicated Zoom event, as the webhook intake hands it on. */
export interface MeetingEvent {
  event: string;
  payload: Record<string, unknown>;
}

const createdObject = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  uuid: z.string(),
  host_id: z.string(),
  topic: z.string().default(''),
  start_time: z.string().optional(),
  join_url: z.string().optional(),
  password: z.string().optional(),
});

const meetingObject = z.object({ object: z.object({ id: z.union([z.string(), z.number()]).transform(String), uuid: z.string().optional() }) });

/**
 * The recording as a webhook tells it: Zoom's file ids and facts, each with Confer's own download
 * address (it needs the host's session or an API key); Zoom's download links never leave Confer.
 */
function recordingEventData(publicUrl: string, bookingId: string, recording: RecordedMeeting) {
  return {
    zoomMeetingUuid: recording.meetingUuid,
    files: recording.files.map((file) => ({
      id: file.id,
      fileType: file.fileType,
      fileExtension: file.fileExtension,
      fileSize: file.fileSize,
      recordingStart: file.recordingStart ? new Date(file.recordingStart).toISOString() : null,
      recordingEnd: file.recordingEnd ? new Date(file.recordingEnd).toISOString() : null,
      status: file.status,
      // A file Zoom is still processing cannot be fetched yet.
      downloadUrl: file.status === 'completed' ? `${publicUrl}/api/v1/bookings/${bookingId}/recordings/${encodeURIComponent(file.id)}/download` : null,
    })),
  };
}

/** The live bookings whose meeting this is. */
async function bookingsOfMeeting(runtime: SchedulingRuntime, meetingId: string) {
  return runtime.services.database.db.select().from(bookings).where(and(eq(bookings.zoomMeetingId, meetingId), ne(bookings.status, 'cancelled')));
}

/** Zoom's meeting events that change a booking: held, recorded (video, then transcript), deleted by the host in Zoom. */
export function meetingEventHandlers(runtime: SchedulingRuntime): Record<string, (event: MeetingEvent) => Promise<void>> {
  const { db } = runtime.services.database;
  return {
    /** `meeting.created`: remembered, so a create whose answer was lost can find its meeting (lost-meeting.ts). */
    'meeting.created': async (event) => {
      const object = createdObject.parse((event.payload as { object?: unknown }).object);
      // The host's other meetings are none of Confer's business: only its own are kept.
      if (!bookingReferencePattern.test(object.topic)) return;
      // A day later no pass waits for these any more.
      if (Math.random() < 0.01) await db.delete(zoomMeetingsSeen).where(lt(zoomMeetingsSeen.receivedAt, new Date(Date.now() - 86_400_000)));
      await db.insert(zoomMeetingsSeen).values({
        meetingId: object.id,
        meetingUuid: object.uuid,
        zoomUserId: object.host_id,
        topic: object.topic,
        startTime: object.start_time ? new Date(object.start_time) : null,
        joinUrl: object.join_url ?? null,
        passcode: object.password ?? null,
      }).onConflictDoNothing();
      // A booking that already keeps another meeting: this one is extra (its create's answer was lost).
      const prefix = bookingReferencePattern.exec(object.topic)![0].slice('booking '.length);
      const named = await db.select({ id: bookings.id }).from(bookings).where(and(
        sql`${bookings.id}::text LIKE ${`${prefix}%`}`,
        eq(bookings.zoomHostId, object.host_id),
        ne(bookings.zoomMeetingId, object.id),
      ));
      for (const booking of named) await deleteExtraMeetings(runtime, booking.id);
    },

    /** `meeting.ended`: the booking took place. */
    'meeting.ended': async (event) => {
      const { object } = meetingObject.parse(event.payload);
      for (const booking of await bookingsOfMeeting(runtime, object.id)) {
        await db.update(bookings).set({ status: 'held', heldAt: new Date(), updatedAt: new Date() }).where(and(eq(bookings.id, booking.id), eq(bookings.status, 'confirmed')));
      }
    },

    'recording.completed': (event) => recordingArrived(runtime, event),
    'recording.transcript_completed': (event) => recordingArrived(runtime, event),

    /**
     * `meeting.deleted`: unless Confer deleted it (a cancelled booking, no longer matched here), the
     * host removed it in Zoom: the booking shows it and offers Recreate meeting; the host is told.
     */
    'meeting.deleted': async (event) => {
      const { object } = meetingObject.parse(event.payload);
      for (const booking of await bookingsOfMeeting(runtime, object.id)) {
        await db.transaction(async (tx) => {
          const context = await loadBookingContext(tx, booking.id, true);
          if (!context || context.booking.status !== 'confirmed' || context.booking.zoomMeetingId !== object.id) return;
          await tx.update(bookings).set({ meetingStatus: 'deleted_in_zoom', meetingReason: 'The host deleted this meeting in Zoom.', zoomDeletedAt: new Date(), updatedAt: new Date() }).where(eq(bookings.id, booking.id));
          await notifyHostProblem(tx, runtime.services, context, 'deleted_in_zoom', 'deleted in Zoom', `/bookings/${booking.id}`);
        });
      }
    },
  };
}

/**
 * `recording.completed` and `recording.transcript_completed` (the transcript comes later, alone):
 * the event only says which instance has files. Its links need the event's `download_token` and
 * expire in a day, so the files are read from Zoom's list with the booking's connection, and each
 * play asks for a fresh link. `recording.ready` goes out once per booking, with the first files.
 */
async function recordingArrived(runtime: SchedulingRuntime, event: MeetingEvent): Promise<void> {
  const { db } = runtime.services.database;
  const announced = parseMeetingRecording((event.payload as { object?: unknown }).object);
  for (const booking of await bookingsOfMeeting(runtime, announced.meetingId)) {
    const recording = booking.connectionId ? await runtime.video.meetingRecording(booking.connectionId, announced.meetingUuid) : announced;
    await db.transaction(async (tx) => {
      // Serializes the two events of one instance, so only the first announces the recording.
      await tx.select({ id: bookings.id }).from(bookings).where(eq(bookings.id, booking.id)).for('update');
      const [known] = await tx.select({ id: bookingRecordings.id }).from(bookingRecordings).where(eq(bookingRecordings.bookingId, booking.id)).limit(1);
      for (const file of recording.files) {
        const values = {
          id: file.id,
          bookingId: booking.id,
          zoomMeetingUuid: recording.meetingUuid,
          fileType: file.fileType,
          fileExtension: file.fileExtension,
          fileSize: file.fileSize,
          recordingStart: file.recordingStart ? new Date(file.recordingStart) : null,
          recordingEnd: file.recordingEnd ? new Date(file.recordingEnd) : null,
          downloadUrl: file.downloadUrl,
          status: file.status,
        };
        await tx.insert(bookingRecordings).values(values).onConflictDoUpdate({ target: bookingRecordings.id, set: values });
      }
      if (known || recording.files.length === 0) return;
      await publishBookingEvent(tx, runtime.services, 'recording.ready', booking.id, {
        extra: { recording: recordingEventData(runtime.services.config.publicUrl, booking.id, recording) },
        dedupeKey: `recording.ready:${booking.id}`,
      });
    });
  }
}

/**
 * A connection works again (re-authorized): bookings that waited for it get their meeting work
 * queued at once, whether they name the connection or their page does.
 */
export async function resumeBookingsOf(runtime: SchedulingRuntime, connectionIds: string[]): Promise<number> {
  if (connectionIds.length === 0) return 0;
  const { db } = runtime.services.database;
  const waiting = await db
    .select({ id: bookings.id })
    .from(bookings)
    .innerJoin(bookingPages, eq(bookingPages.id, bookings.pageId))
    .where(and(
      or(inArray(bookings.connectionId, connectionIds), inArray(bookingPages.connectionId, connectionIds)),
      or(eq(bookings.meetingStatus, 'needs_reauthorization'), and(eq(bookings.status, 'cancelled'), sql`${bookings.meetingStatus} <> 'cancelled'`)),
    ));
  for (const { id } of waiting) await queueMeetingWork(runtime.services.jobs.boss, id);
  return waiting.length;
}
