import { loadBookingContext } from './booking-facts.ts';
import { notifyCustomer } from './booking-notifications.ts';
import type { SchedulingRuntime } from './scheduling-runtime.ts';

/**
 * The wait for Zoom is over (MEETING_LINK_WAIT_SECONDS after booking): a customer still without a
 * confirmation gets one now, saying the link follows; the meeting pass sends the link when it exists.
 * The row lock makes this and a meeting pass finishing at the same moment take turns, so the customer
 * gets one confirmation either way.
 */
export async function confirmAfterWaiting(runtime: SchedulingRuntime, bookingId: string): Promise<void> {
  await runtime.services.database.db.transaction(async (tx) => {
    const context = await loadBookingContext(tx, bookingId, true);
    if (!context || context.booking.status !== 'confirmed' || context.booking.customerNotifiedSequence >= 0) return;
    await notifyCustomer(tx, runtime.services, context, { allowWithoutLink: true });
  });
}
