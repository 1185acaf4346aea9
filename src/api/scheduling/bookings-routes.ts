import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { bookingRecordings } from '../../core/database/schema.ts';
import { ConferError } from '../../core/errors/confer-error.ts';
import { bookingDetail, listHostBookings, requireHostBooking } from '../../scheduling/booking-view.ts';
import { cancelBooking, recreateMeeting, rescheduleBooking } from '../../scheduling/change-booking.ts';
import type { SchedulingRuntime } from '../../scheduling/scheduling-runtime.ts';
import { parseInput } from '../parse-input.ts';
import { requireViewer } from '../session-auth.ts';
import { bookingParams, recordingParams, rescheduleBody } from './booking-schemas.ts';

const listQuery = z.object({ when: z.enum(['upcoming', 'past']).default('upcoming') }).strict();

/** Headers of Zoom's answer worth passing on to the browser (type, size, ranges for seeking). */
const forwardedHeaders = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'last-modified', 'etag'];

/** `/api/v1/bookings…`: the host's bookings, their changes, and their recordings played through Confer. */
export function bookingsRoutes(runtime: SchedulingRuntime) {
  const { db } = runtime.services.database;
  const ring = runtime.services.keyRing;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/v1/bookings', async (request) => {
      const viewer = requireViewer(request);
      const { when } = parseInput(listQuery, request.query);
      return { bookings: await listHostBookings(db, viewer.userId, when) };
    });

    app.get('/api/v1/bookings/:id', async (request) => {
      const viewer = requireViewer(request);
      return bookingDetail(db, ring, viewer.userId, parseInput(bookingParams, request.params).id);
    });

    app.post('/api/v1/bookings/:id/reschedule', async (request) => {
      const viewer = requireViewer(request);
      const { id } = parseInput(bookingParams, request.params);
      const { start } = parseInput(rescheduleBody, request.body);
      await requireHostBooking(db, viewer.userId, id);
      await db.transaction((tx) => rescheduleBooking(runtime, tx, id, new Date(start)));
      return bookingDetail(db, ring, viewer.userId, id);
    });

    app.post('/api/v1/bookings/:id/cancel', async (request) => {
      const viewer = requireViewer(request);
      const { id } = parseInput(bookingParams, request.params);
      await requireHostBooking(db, viewer.userId, id);
      await db.transaction((tx) => cancelBooking(runtime, tx, id, 'host'));
      return bookingDetail(db, ring, viewer.userId, id);
    });

    app.post('/api/v1/bookings/:id/recreate-meeting', async (request) => {
      const viewer = requireViewer(request);
      const { id } = parseInput(bookingParams, request.params);
      await requireHostBooking(db, viewer.userId, id);
      await db.transaction((tx) => recreateMeeting(runtime, tx, id));
      return bookingDetail(db, ring, viewer.userId, id);
    });

    app.get('/api/v1/bookings/:id/recordings/:fileId/:disposition', async (request, reply) => {
      const viewer = requireViewer(request);
      const { id, fileId, disposition } = parseInput(recordingParams, request.params);
      const { booking } = await requireHostBooking(db, viewer.userId, id);
      const [file] = await db.select().from(bookingRecordings).where(and(eq(bookingRecordings.id, fileId), eq(bookingRecordings.bookingId, booking.id)));
      if (!file) throw new ConferError('NOT_FOUND', 'No such recording on this booking.');
      if (!booking.connectionId) throw new ConferError('CONNECTION_REVOKED', 'The booking’s Zoom connection is gone, so its recordings cannot be fetched.');
      const range = typeof request.headers.range === 'string' ? request.headers.range : undefined;
      const upstream = await runtime.video.openRecording(booking.connectionId, file.downloadUrl, range);
      if (!upstream.ok || !upstream.body) {
        await upstream.body?.cancel();
        throw new ConferError(upstream.status === 404 ? 'NOT_FOUND' : 'ZOOM_REQUEST_FAILED', `Zoom did not hand over the recording (HTTP ${upstream.status}).`);
      }
      for (const name of forwardedHeaders) {
        const value = upstream.headers.get(name);
        if (value) reply.header(name, value);
      }
      const filename = `${file.fileType.toLowerCase()}-${booking.startAt.toISOString().slice(0, 10)}.${file.fileExtension.toLowerCase() || 'bin'}`;
      reply.header('content-disposition', `${disposition === 'download' ? 'attachment' : 'inline'}; filename="${filename}"`);
      reply.header('cache-control', 'private, no-store');
      return reply.code(upstream.status).send(Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream));
    });
  };
}
