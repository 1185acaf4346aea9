import type { FastifyInstance } from 'fastify';
import { bookOnBehalf } from '../../scheduling/book-on-behalf.ts';
import { requireOwnPage } from '../../scheduling/booking-pages.ts';
import { bookingDetail } from '../../scheduling/booking-view.ts';
import type { SchedulingRuntime } from '../../scheduling/scheduling-runtime.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import { requireHost } from '../session-auth.ts';
import { bookingPageParams } from './booking-page-schemas.ts';
import { bookingDetailView, hostBookingBody, idempotencyHeaders } from './booking-schemas.ts';
import { freeTimesQuery, freeTimesView, listFreeTimes } from './free-times-query.ts';

/**
 * `/api/v1/booking-pages/{id}/free-times` and `/bookings`: the booking API for integrations that book
 * on a customer's behalf, as the page's host (a session, or an API key with personal reach).
 */
export function pageBookingsRoutes(runtime: SchedulingRuntime) {
  const { db } = runtime.services.database;
  const ring = runtime.services.keyRing;
  return async function register(plain: FastifyInstance): Promise<void> {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ['booking-pages'];

    app.get('/api/v1/booking-pages/:id/free-times', {
      schema: {
        summary: 'A page’s free times on the asked days, as its customers see them; drafts too',
        description: 'The same free times, limits and labels as the public slots of a published page. A draft page answers too, so its hours can be checked before publishing.',
        tags,
        params: bookingPageParams,
        querystring: freeTimesQuery,
        response: { 200: freeTimesView },
      },
    }, async (request) => {
      const page = await requireOwnPage(db, requireHost(request), request.params.id);
      return listFreeTimes(db, page, request.query);
    });

    app.post('/api/v1/booking-pages/:id/bookings', {
      schema: {
        summary: 'Book a free time on a customer’s behalf: the Zoom meeting and the customer’s one confirmation follow',
        description: 'Guarded as a customer’s booking is: 409 BOOKING_SLOT_TAKEN when the time was just taken, BOOKING_SLOT_UNAVAILABLE when the page does not offer it. '
          + 'A draft page takes bookings here when its Zoom connection can create meetings (else 422 BOOKING_PAGE_NOT_PUBLISHABLE). '
          + 'With an Idempotency-Key, a retry with the same key and body answers the booking already made (header Idempotent-Replayed: true); '
          + 'the same key with another body is 422 IDEMPOTENCY_KEY_REUSED.',
        tags,
        params: bookingPageParams,
        headers: idempotencyHeaders,
        body: hostBookingBody,
        response: { 201: bookingDetailView },
      },
    }, async (request, reply) => {
      const viewer = requireHost(request);
      const page = await requireOwnPage(db, viewer, request.params.id);
      const { start, customer, notes, notifyCustomer } = request.body;
      const key = request.headers['idempotency-key'];
      const { bookingId, replayed } = await bookOnBehalf(runtime, page, {
        start: new Date(start),
        name: customer.name,
        email: customer.email,
        timeZone: customer.timeZone,
        locale: customer.locale ?? 'en-US',
        notes: notes || null,
        notifyCustomer,
      }, key ? { hostUserId: viewer.userId, key } : undefined);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(await bookingDetail(db, ring, viewer.userId, bookingId));
    });
  };
}
