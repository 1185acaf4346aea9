import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { bookingRecordings } from '../../core/database/schema.ts';
import { ConferError } from '../../core/errors/confer-error.ts';
import { bookingDetail, listHostBookings, requireHostBooking } from '../../scheduling/booking-view.ts';
import { cancelBooking, recreateMeeting, rescheduleBooking } from '../../scheduling/change-booking.ts';
import type { SchedulingRuntime } from '../../scheduling/scheduling-runtime.ts';
import { sendRecordingFile } from '../recording-stream.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import { requireHost } from '../session-auth.ts';
import { bookingDetailView, bookingParams, bookingSummaryView, recordingParams, rescheduleBody } from './booking-schemas.ts';

const listQuery = z.object({ when: z.enum(['upcoming', 'past']).default('upcoming') }).strict();


/** `/api/v1/bookings…`: the host's bookings, their changes, and their recordings played through Confer. */
export function bookingsRoutes(runtime: SchedulingRuntime) {
  const { db } = runtime.services.database;
  const ring = runtime.services.keyRing;
  return async function register(plain: FastifyInstance): Promise<void> {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ['bookings'];

    app.get('/api/v1/bookings', {
      schema: {
        summary: 'List the host’s bookings, upcoming (soonest first) or past (latest first)',
        tags,
        querystring: listQuery,
        response: { 200: z.object({ bookings: z.array(bookingSummaryView) }) },
      },
    }, async (request) => {
      const viewer = requireHost(request);
      const { when } = request.query;
      return { bookings: await listHostBookings(db, viewer.userId, when) };
    });

    app.get('/api/v1/bookings/:id', {
      schema: { summary: 'One booking with its meeting, emails and recordings', tags, params: bookingParams, response: { 200: bookingDetailView } },
    }, async (request) => {
      const viewer = requireHost(request);
      return bookingDetail(db, ring, viewer.userId, request.params.id);
    });

    app.post('/api/v1/bookings/:id/reschedule', {
      schema: {
        summary: 'Move a booking to another free time (its Zoom meeting moves too)',
        description: 'The new start must be one of the page’s free times (the booking’s own time does not count against it). '
          + 'The customer gets an updated invitation with the same UID, unless the booking was made with notifyCustomer false.',
        tags,
        params: bookingParams,
        body: rescheduleBody,
        response: { 200: bookingDetailView },
      },
    }, async (request) => {
      const viewer = requireHost(request);
      const { id } = request.params;
      const { start } = request.body;
      await requireHostBooking(db, viewer.userId, id);
      await db.transaction((tx) => rescheduleBooking(runtime, tx, id, new Date(start)));
      return bookingDetail(db, ring, viewer.userId, id);
    });

    app.post('/api/v1/bookings/:id/cancel', {
      schema: {
        summary: 'Cancel a booking (its Zoom meeting is deleted and the customer told)',
        description: 'Takes no body. The time is free again at once; the Zoom meeting is deleted by a job that retries until Zoom confirms.',
        tags,
        params: bookingParams,
        response: { 200: bookingDetailView },
      },
    }, async (request) => {
      const viewer = requireHost(request);
      const { id } = request.params;
      await requireHostBooking(db, viewer.userId, id);
      await db.transaction((tx) => cancelBooking(runtime, tx, id, 'host'));
      return bookingDetail(db, ring, viewer.userId, id);
    });

    app.post('/api/v1/bookings/:id/recreate-meeting', {
      schema: { summary: 'Create the booking’s Zoom meeting again after it was deleted in Zoom', tags, params: bookingParams, response: { 200: bookingDetailView } },
    }, async (request) => {
      const viewer = requireHost(request);
      const { id } = request.params;
      await requireHostBooking(db, viewer.userId, id);
      await db.transaction((tx) => recreateMeeting(runtime, tx, id));
      return bookingDetail(db, ring, viewer.userId, id);
    });

    app.get('/api/v1/bookings/:id/recordings/:fileId/:disposition', {
      schema: {
        summary: 'Play or download one recording file of a booking, streamed from Zoom (Range supported)',
        description: 'Answers the file itself, with Zoom’s content type; send Range to seek (206). `play` shows it inline, `download` as an attachment.',
        tags,
        params: recordingParams,
        response: {
          200: { description: 'The recording file', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
          206: { description: 'The asked range of the file', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
        },
      },
    }, async (request, reply) => {
      const viewer = requireHost(request);
      const { id, fileId, disposition } = request.params;
      const { booking } = await requireHostBooking(db, viewer.userId, id);
      const [file] = await db.select().from(bookingRecordings).where(and(eq(bookingRecordings.id, fileId), eq(bookingRecordings.bookingId, booking.id)));
      if (!file) throw new ConferError('NOT_FOUND', 'No such recording on this booking.');
      if (!booking.connectionId) throw new ConferError('CONNECTION_REVOKED', 'The booking’s Zoom connection is gone, so its recordings cannot be fetched.');
      const range = typeof request.headers.range === 'string' ? request.headers.range : undefined;
      if (file.status !== 'completed') throw new ConferError('NOT_FOUND', 'Zoom is still processing this recording file.');
      const upstream = await runtime.video.openRecording(booking.connectionId, file.zoomMeetingUuid, file.id, range);
      return sendRecordingFile(reply, upstream, { fileType: file.fileType, fileExtension: file.fileExtension, day: booking.startAt.toISOString().slice(0, 10) }, disposition);
    });
  };
}
