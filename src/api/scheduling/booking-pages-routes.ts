import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { users } from '../../core/database/schema.ts';
import { createBookingPageBody, updateBookingPageBody } from '../../scheduling/booking-page-input.ts';
import {
  bookingPageView, createBookingPage, deleteBookingPage, listBookingPages, loadPageConnection, requireOwnPage, updateBookingPage,
} from '../../scheduling/booking-pages.ts';
import { defaultPageSettings } from '../../scheduling/page-defaults.ts';
import type { SchedulingRuntime } from '../../scheduling/scheduling-runtime.ts';
import { parseInput } from '../parse-input.ts';
import { requireViewer } from '../session-auth.ts';

const idParams = z.object({ id: z.uuid('a booking page id') });

/** `/api/v1/booking-pages…`: a host's booking pages. */
export function bookingPagesRoutes(runtime: SchedulingRuntime) {
  const { db } = runtime.services.database;
  const publicUrl = runtime.services.config.publicUrl;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/v1/booking-pages', async (request) => ({ bookingPages: await listBookingPages(db, requireViewer(request), publicUrl) }));

    app.get('/api/v1/booking-pages/defaults', async (request) => {
      const viewer = requireViewer(request);
      const [host] = await db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, viewer.userId));
      return defaultPageSettings(runtime, viewer, host?.timeZone ?? 'UTC');
    });

    app.post('/api/v1/booking-pages', async (request, reply) => {
      const viewer = requireViewer(request);
      const input = parseInput(createBookingPageBody, request.body);
      return reply.code(201).send(await createBookingPage(db, viewer, input, publicUrl));
    });

    app.get('/api/v1/booking-pages/:id', async (request) => {
      const viewer = requireViewer(request);
      const page = await requireOwnPage(db, viewer, parseInput(idParams, request.params).id);
      return bookingPageView(page, await loadPageConnection(db, page.connectionId), publicUrl);
    });

    app.patch('/api/v1/booking-pages/:id', async (request) => {
      const viewer = requireViewer(request);
      const { id } = parseInput(idParams, request.params);
      return updateBookingPage(db, viewer, id, parseInput(updateBookingPageBody, request.body), publicUrl);
    });

    app.delete('/api/v1/booking-pages/:id', async (request, reply) => {
      const viewer = requireViewer(request);
      await deleteBookingPage(db, viewer, parseInput(idParams, request.params).id);
      return reply.code(204).send();
    });
  };
}
