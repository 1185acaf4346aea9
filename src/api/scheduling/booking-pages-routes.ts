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
import { noContent } from '../common-schemas.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import { requireHost } from '../session-auth.ts';
import { bookingPageDefaults, bookingPageParams, bookingPageView as bookingPageSchema } from './booking-page-schemas.ts';

/** `/api/v1/booking-pages…`: a host's booking pages. */
export function bookingPagesRoutes(runtime: SchedulingRuntime) {
  const { db } = runtime.services.database;
  const publicUrl = runtime.services.config.publicUrl;
  return async function register(plain: FastifyInstance): Promise<void> {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ['booking-pages'];

    app.get('/api/v1/booking-pages', {
      schema: { summary: 'List the host’s booking pages, drafts included', tags, response: { 200: z.object({ bookingPages: z.array(bookingPageSchema) }) } },
    }, async (request) => ({ bookingPages: await listBookingPages(db, requireHost(request), publicUrl) }));

    app.get('/api/v1/booking-pages/defaults', {
      schema: {
        summary: 'What a new booking page starts with: the host’s zone, weekdays 9 to 5, their Zoom connection and meeting settings',
        tags,
        response: { 200: bookingPageDefaults },
      },
    }, async (request) => {
      const viewer = requireHost(request);
      const [host] = await db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, viewer.userId));
      return defaultPageSettings(runtime, viewer, host?.timeZone ?? 'UTC');
    });

    app.post('/api/v1/booking-pages', {
      schema: {
        summary: 'Create a booking page',
        description: 'Published (the default) only when its Zoom connection can create meetings; otherwise 422 BOOKING_PAGE_NOT_PUBLISHABLE.',
        tags,
        body: createBookingPageBody,
        response: { 201: bookingPageSchema },
      },
    }, async (request, reply) => {
      const viewer = requireHost(request);
      return reply.code(201).send(await createBookingPage(db, viewer, request.body, publicUrl));
    });

    app.get('/api/v1/booking-pages/:id', {
      schema: { summary: 'One of the host’s booking pages', tags, params: bookingPageParams, response: { 200: bookingPageSchema } },
    }, async (request) => {
      const viewer = requireHost(request);
      const page = await requireOwnPage(db, viewer, request.params.id);
      return bookingPageView(page, await loadPageConnection(db, page.connectionId), publicUrl);
    });

    app.patch('/api/v1/booking-pages/:id', {
      schema: { summary: 'Change a booking page: any of its fields; absent ones stay', tags, params: bookingPageParams, body: updateBookingPageBody, response: { 200: bookingPageSchema } },
    }, async (request) => {
      const viewer = requireHost(request);
      return updateBookingPage(db, viewer, request.params.id, request.body, publicUrl);
    });

    app.delete('/api/v1/booking-pages/:id', {
      schema: { summary: 'Delete a booking page; its bookings are kept and its URL is freed', tags, params: bookingPageParams, response: { 204: noContent } },
    }, async (request, reply) => {
      const viewer = requireHost(request);
      await deleteBookingPage(db, viewer, request.params.id);
      return reply.code(204).send();
    });
  };
}
