import { eq } from 'drizzle-orm';
import type { Transaction } from '../core/database/database.ts';
import { connections } from '../core/database/schema.ts';
import type { ConferServices } from '../core/services.ts';
import type { WebhookEventType } from '../webhooks/webhook-events.ts';
import { anyoneSubscribesTo, recordWebhookEvent } from '../webhooks/webhook-outbox.ts';
import { loadBookingContext, type BookingContext } from './booking-facts.ts';

// Booking events for outgoing webhooks, reported in the transaction of the change, as booking
// emails are. Who receives them: the host's own subscriptions, and the subscriptions of the folder
// whose connection the booking's meeting goes through.

export type BookingEventType = Extract<WebhookEventType, 'booking.created' | 'booking.rescheduled' | 'booking.cancelled' | 'meeting.provisioned' | 'meeting.failed' | 'recording.ready'>;

/**
 * What every booking event carries as `data`: the booking, its page, host and meeting. The join
 * link and passcode are what the customer gets too; the host's start link never leaves Confer.
 */
export function bookingEventData(context: BookingContext, publicUrl: string, connection: { id: string; folderId: string | null } | undefined) {
  const { booking, page, host } = context;
  return {
    booking: {
      id: booking.id,
      status: booking.status,
      start: booking.startAt.toISOString(),
      end: booking.endAt.toISOString(),
      durationMinutes: Math.round((booking.endAt.getTime() - booking.startAt.getTime()) / 60_000),
      customer: { name: booking.customerName, email: booking.customerEmail, timeZone: booking.customerTimeZone, locale: booking.customerLocale },
      notes: booking.notes,
      cancelledBy: booking.cancelledBy,
      url: `${publicUrl}/bookings/${booking.id}`,
    },
    page: { id: page.id, slug: page.slug, title: page.title, timeZone: page.timeZone, url: `${publicUrl}/book/${page.slug}` },
    host: { id: host.id, name: host.name, email: host.email },
    connection: connection ? { id: connection.id, folderId: connection.folderId } : null,
    meeting: {
      status: booking.meetingStatus,
      reason: booking.meetingStatus === 'ready' ? null : booking.meetingReason,
      zoomMeetingId: booking.zoomMeetingId,
      joinUrl: booking.joinUrl,
      passcode: booking.passcode,
    },
  };
}

/**
 * Reports a booking event to the host's and the connection's folder's subscriptions, as the booking
 * stands in `tx` now. `extra` joins the common `data`; `dedupeKey` names the change when the same
 * code path may run again for it.
 */
export async function publishBookingEvent(
  tx: Transaction,
  services: ConferServices,
  type: BookingEventType,
  bookingId: string,
  options: { extra?: Record<string, unknown>; dedupeKey?: string } = {},
): Promise<void> {
  if (!(await anyoneSubscribesTo(tx, type))) return;
  const context = await loadBookingContext(tx, bookingId);
  if (!context) return;
  const connectionId = context.booking.connectionId ?? context.page.connectionId;
  const [connection] = connectionId
    ? await tx.select({ id: connections.id, folderId: connections.folderId }).from(connections).where(eq(connections.id, connectionId))
    : [];
  await recordWebhookEvent(tx, services.jobs.boss, {
    type,
    audience: { userId: context.host.id, folderId: connection?.folderId },
    data: { ...bookingEventData(context, services.config.publicUrl, connection), ...options.extra },
    ...(options.dedupeKey ? { dedupeKey: options.dedupeKey } : {}),
  });
}
