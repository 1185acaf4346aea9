import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { users } from '../../core/database/schema.ts';
import { ConferError } from '../../core/errors/confer-error.ts';
import { bookSlot, requirePublishedPage, type StoredPage } from '../../scheduling/book-slot.ts';
import { loadBookingContext, type BookingContext } from '../../scheduling/booking-facts.ts';
import { findManageLink } from '../../scheduling/booking-links.ts';
import { cancelBooking, rescheduleBooking } from '../../scheduling/change-booking.ts';
import { freeTimes } from '../../scheduling/free-times.ts';
import type { SchedulingRuntime } from '../../scheduling/scheduling-runtime.ts';
import { parseInput } from '../parse-input.ts';
import { bookingRequestBody, manageBody, slotsQuery, slugParams, tokenParams } from './booking-schemas.ts';
import { slotViews } from './slot-views.ts';

const maxRangeDays = 42;

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

/** `/api/v1/public/…`: booking pages as customers see them, booking, and the email's manage links. No sign-in. */
export function publicBookingRoutes(runtime: SchedulingRuntime) {
  const { db } = runtime.services.database;
  const hostName = async (page: StoredPage) => (await db.select({ name: users.name }).from(users).where(eq(users.id, page.hostUserId)))[0]?.name ?? '';

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/v1/public/booking-pages/:slug', async (request) => {
      const page = await requirePublishedPage(db, parseInput(slugParams, request.params).slug);
      return { slug: page.slug, title: page.title, description: page.description, durationMinutes: page.durationMinutes, hostName: await hostName(page), horizonDays: page.horizonDays };
    });

    app.get('/api/v1/public/booking-pages/:slug/slots', async (request) => {
      const page = await requirePublishedPage(db, parseInput(slugParams, request.params).slug);
      const query = parseInput(slotsQuery, request.query);
      const from = DateTime.fromISO(query.from, { zone: query.timeZone }).startOf('day');
      const to = DateTime.fromISO(query.to, { zone: query.timeZone }).plus({ days: 1 }).startOf('day');
      if (!from.isValid || !to.isValid || to <= from) throw new ConferError('VALIDATION_FAILED', '`to` must be the same date as `from` or later.', { errors: [{ field: 'to', message: 'must not be before from' }] });
      if (to.diff(from, 'days').days > maxRangeDays + 1) throw new ConferError('VALIDATION_FAILED', `Ask for at most ${maxRangeDays} days of free times at once.`, { errors: [{ field: 'to', message: `at most ${maxRangeDays} days after from` }] });
      const slots = await freeTimes(db, page, from.toJSDate(), to.toJSDate());
      return { timeZone: query.timeZone, slots: slotViews(slots, query.timeZone) };
    });

    app.post('/api/v1/public/booking-pages/:slug/bookings', async (request, reply) => {
      const page = await requirePublishedPage(db, parseInput(slugParams, request.params).slug);
      const body = parseInput(bookingRequestBody, request.body);
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

    app.get('/api/v1/public/manage/:token', async (request) => {
      const { token } = parseInput(tokenParams, request.params);
      return db.transaction(async (tx) => {
        const link = await findManageLink(tx, token);
        return { action: link.action, booking: customerBookingView((await loadBookingContext(tx, link.bookingId))!) };
      });
    });

    app.post('/api/v1/public/manage/:token', async (request) => {
      const { token } = parseInput(tokenParams, request.params);
      const body = parseInput(manageBody, request.body);
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
