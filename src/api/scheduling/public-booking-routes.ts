import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../core/database/schema.ts';
import { ConferError } from '../../core/errors/confer-error.ts';
import { bookSlot, requirePublishedPage, type StoredPage } from '../../scheduling/book-slot.ts';
import { loadBookingContext, type BookingContext } from '../../scheduling/booking-facts.ts';
import { findManageLink } from '../../scheduling/booking-links.ts';
import { cancelBooking, rescheduleBooking } from '../../scheduling/change-booking.ts';
import type { SchedulingRuntime } from '../../scheduling/scheduling-runtime.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import {
  bookingRequestBody, customerBookingView as customerBookingSchema, manageBody, publicBookingPageView, slugParams, tokenParams,
} from './booking-schemas.ts';
import { freeTimesQuery, freeTimesView, listFreeTimes } from './free-times-query.ts';

/** What a customer sees of a booking. */
function customerBookingView(context: BookingContext) {
  const { booking, page, host } = context;
  return {
    id: booking.id,
    title: page.title,
    slug: page.slug,
    hostName: host.name,
    start: booking.startAt.toISOString(),
    end: booking.endAt.toISOString(),
    durationMinutes: page.durationMinutes,
    timeZone: booking.customerTimeZone,
    status: booking.status,
  };
}

const managedBooking = z.object({ booking: customerBookingSchema });

/** `/api/v1/public/…`: booking pages as customers see them, booking, and the email's manage links. No sign-in. */
export function publicBookingRoutes(runtime: SchedulingRuntime) {
  const { db } = runtime.services.database;
  const hostName = async (page: StoredPage) => (await db.select({ name: users.name }).from(users).where(eq(users.id, page.hostUserId)))[0]?.name ?? '';

  return async function register(plain: FastifyInstance): Promise<void> {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ['public-booking'];

    app.get('/api/v1/public/booking-pages/:slug', {
      schema: { summary: 'A published booking page as customers see it', tags, security: [], params: slugParams, response: { 200: publicBookingPageView } },
    }, async (request) => {
      const page = await requirePublishedPage(db, request.params.slug);
      return { slug: page.slug, title: page.title, description: page.description, durationMinutes: page.durationMinutes, hostName: await hostName(page), horizonDays: page.horizonDays };
    });

    app.get('/api/v1/public/booking-pages/:slug/slots', {
      schema: {
        summary: 'A published page’s free times on the asked days, in the customer’s zone',
        tags,
        security: [],
        params: slugParams,
        querystring: freeTimesQuery,
        response: { 200: freeTimesView },
      },
    }, async (request) => listFreeTimes(db, await requirePublishedPage(db, request.params.slug), request.query));

    app.post('/api/v1/public/booking-pages/:slug/bookings', {
      schema: {
        summary: 'Book a free time as a customer: the Zoom meeting and one confirmation email follow',
        description: 'Answers 409 BOOKING_SLOT_TAKEN when someone else took the time a moment earlier, and BOOKING_SLOT_UNAVAILABLE when the page does not offer it.',
        tags,
        security: [],
        params: slugParams,
        body: bookingRequestBody,
        response: { 201: customerBookingSchema },
      },
    }, async (request, reply) => {
      const page = await requirePublishedPage(db, request.params.slug);
      const body = request.body;
      const booking = await bookSlot(runtime, page, {
        start: new Date(body.start),
        name: body.name,
        email: body.email,
        timeZone: body.timeZone,
        locale: body.locale ?? 'en-US',
        notes: body.notes || null,
      });
      return reply.code(201).send(customerBookingView((await loadBookingContext(db, booking.id))!));
    });

    app.get('/api/v1/public/manage/:token', {
      schema: {
        summary: 'The booking behind a link in the customer’s email, and what the link does (reschedule or cancel)',
        tags,
        security: [],
        params: tokenParams,
        response: { 200: managedBooking.extend({ action: z.enum(['reschedule', 'cancel']) }) },
      },
    }, async (request) => db.transaction(async (tx) => {
      const link = await findManageLink(tx, request.params.token);
      return { action: link.action, booking: customerBookingView((await loadBookingContext(tx, link.bookingId))!) };
    }));

    app.post('/api/v1/public/manage/:token', {
      schema: {
        summary: 'Reschedule or cancel through a link in the customer’s email (each link works once)',
        tags,
        security: [],
        params: tokenParams,
        body: manageBody,
        response: { 200: managedBooking },
      },
    }, async (request) => {
      const { token } = request.params;
      const body = request.body;
      const bookingId = await db.transaction(async (tx) => {
        const link = await findManageLink(tx, token);
        if (link.action !== body.action) {
          throw new ConferError('MANAGE_LINK_INVALID', `This link is for ${link.action === 'cancel' ? 'cancelling' : 'rescheduling'} the booking; use the other link in your email.`);
        }
        if (body.action === 'reschedule') await rescheduleBooking(runtime, tx, link.bookingId, new Date(body.start));
        else await cancelBooking(runtime, tx, link.bookingId, 'customer');
        return link.bookingId;
      });
      return { booking: customerBookingView((await loadBookingContext(db, bookingId))!) };
    });
  };
}
