import { apiRequest } from '../api/client.ts';

/** A published booking page as a customer sees it. */
export interface PublicBookingPage {
  slug: string;
  title: string;
  description: string;
  durationMinutes: number;
  hostName: string;
  horizonDays: number;
}

/** A free time; `date` is its local date in the zone the slots were asked for. */
export interface Slot {
  start: string;
  end: string;
  date: string;
  label: string;
}

/** What `POST …/bookings` answers with. */
export interface CreatedBooking {
  id: string;
  start: string;
  end: string;
  timeZone: string;
  status: string;
  title: string;
  hostName: string;
}

/** A booking as its manage link shows it to the customer. */
export interface ManagedBooking {
  title: string;
  start: string;
  end: string;
  durationMinutes: number;
  timeZone: string;
  hostName: string;
  status: string;
  slug: string;
}

export interface BookingRequest {
  start: string;
  name: string;
  email: string;
  timeZone: string;
  locale?: string;
  notes?: string;
}

const pagePath = (slug: string) => `/public/booking-pages/${encodeURIComponent(slug)}`;
const managePath = (token: string) => `/public/manage/${encodeURIComponent(token)}`;

export const publicBookingApi = {
  page: (slug: string) => apiRequest<PublicBookingPage>('GET', pagePath(slug)),
  slots: (slug: string, range: { from: string; to: string; timeZone: string }, signal?: AbortSignal) =>
    apiRequest<{ timeZone: string; slots: Slot[] }>(
      'GET',
      `${pagePath(slug)}/slots?${new URLSearchParams(range).toString()}`,
      signal ? { signal } : {},
    ).then((r) => r.slots),
  book: (slug: string, request: BookingRequest) => apiRequest<CreatedBooking>('POST', `${pagePath(slug)}/bookings`, { body: request }),
  manage: (token: string) => apiRequest<{ action: 'reschedule' | 'cancel'; booking: ManagedBooking }>('GET', managePath(token)),
  reschedule: (token: string, start: string) =>
    apiRequest<{ booking: ManagedBooking }>('POST', managePath(token), { body: { action: 'reschedule', start } }).then((r) => r.booking),
  cancel: (token: string) => apiRequest<{ booking: ManagedBooking }>('POST', managePath(token), { body: { action: 'cancel' } }).then((r) => r.booking),
};
