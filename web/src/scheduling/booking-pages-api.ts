import { apiRequest } from '../api/client.ts';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
/** A span of wall time, `["09:00","17:00"]`; `"24:00"` may end a day. */
export type HoursRange = [string, string];
export type WeeklyHours = Record<Weekday, HoursRange[]>;
/** Hours for one date that replace its weekly hours; no hours is a day off. */
export interface DateOverride { date: string; hours: HoursRange[] }

/** The Zoom meeting options every booking's meeting is created with. */
export interface ZoomMeetingSettings {
  waitingRoom: boolean;
  passcodeRequired: boolean;
  joinBeforeHost: boolean;
  autoRecording: 'none' | 'local' | 'cloud';
  muteUponEntry: boolean;
}

export type PublishProblemCode = 'CONNECTION_MISSING' | 'CONNECTION_NEEDS_REAUTHORIZATION' | 'CONNECTION_REVOKED' | 'ZOOM_SCOPE_MISSING';

/** Why a page cannot be published, and where the host fixes it. */
export interface PublishProblem { code: PublishProblemCode; message: string; fixPath: string }

/** A host's booking page as `/api/v1/booking-pages` shows it. */
export interface BookingPage {
  id: string;
  slug: string;
  title: string;
  description: string;
  durationMinutes: number;
  connectionId: string | null;
  connection: { id: string; name: string; status: 'active' | 'needs_reauthorization' | 'revoked'; zoomEmail: string | null } | null;
  timeZone: string;
  weeklyHours: WeeklyHours;
  dateOverrides: DateOverride[];
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  horizonDays: number;
  dailyCap: number | null;
  zoomSettings: ZoomMeetingSettings;
  published: boolean;
  publishProblem: PublishProblem | null;
  bookingUrl: string;
  createdAt: string;
  updatedAt: string;
}

/** What the host sends to create or change a page: the page without the fields the server owns. */
export type BookingPageInput = Omit<BookingPage, 'id' | 'connection' | 'publishProblem' | 'bookingUrl' | 'createdAt' | 'updatedAt'>;

/** What a new page starts with; `zoomSettingsSource` says whether the Zoom options came from the host's Zoom. */
export interface BookingPageDefaults {
  timeZone: string;
  weeklyHours: WeeklyHours;
  zoomSettings: ZoomMeetingSettings;
  connectionId: string | null;
  zoomSettingsSource?: 'zoom' | 'default';
}

export type MeetingStatus = 'provisioning' | 'ready' | 'waiting_for_zoom' | 'needs_reauthorization' | 'failed' | 'deleted_in_zoom' | 'cancelled';

/** A booking's Zoom meeting as far as Confer knows it; `reason` says in plain words why it is not ready. */
export interface MeetingView {
  status: MeetingStatus;
  reason: string | null;
  zoomMeetingId: string | null;
  zoomMeetingIdDisplay: string | null;
  joinUrl: string | null;
  passcode: string | null;
  startUrl: string | null;
}

/** One row of the host's bookings. */
export interface BookingSummary {
  id: string;
  status: 'confirmed' | 'cancelled' | 'held';
  start: string;
  end: string;
  page: { id: string; title: string; slug: string };
  customer: { name: string; email: string; timeZone: string };
  meeting: MeetingView;
}

export interface BookingEmail {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  sentAt: string | null;
  lastError: string | null;
}

export interface BookingRecording {
  id: string;
  fileType: string;
  fileExtension: string;
  fileSize: number;
  recordingStart: string;
  recordingEnd: string;
  status: string;
  /** Null while Zoom is still processing the file. */
  playPath: string | null;
  downloadPath: string | null;
}

/** One booking with its emails and recordings, for the host. */
export interface BookingDetail extends BookingSummary {
  notes: string | null;
  hostTimeZone: string;
  sequence: number;
  emails: BookingEmail[];
  recordings: BookingRecording[];
  heldAt: string | null;
  cancelledAt: string | null;
}

export const bookingPagesApi = {
  list: () => apiRequest<{ bookingPages: BookingPage[] }>('GET', '/booking-pages').then((r) => r.bookingPages),
  defaults: () => apiRequest<BookingPageDefaults>('GET', '/booking-pages/defaults'),
  get: (id: string) => apiRequest<BookingPage>('GET', `/booking-pages/${encodeURIComponent(id)}`),
  create: (page: BookingPageInput) => apiRequest<BookingPage>('POST', '/booking-pages', { body: page }),
  update: (id: string, changes: Partial<BookingPageInput>) => apiRequest<BookingPage>('PATCH', `/booking-pages/${encodeURIComponent(id)}`, { body: changes }),
  remove: (id: string) => apiRequest<void>('DELETE', `/booking-pages/${encodeURIComponent(id)}`),
};

const bookingPath = (id: string) => `/bookings/${encodeURIComponent(id)}`;

export const bookingsApi = {
  list: (when: 'upcoming' | 'past') => apiRequest<{ bookings: BookingSummary[] }>('GET', `/bookings?when=${when}`).then((r) => r.bookings),
  get: (id: string) => apiRequest<BookingDetail>('GET', bookingPath(id)),
  reschedule: (id: string, start: string) => apiRequest<BookingDetail>('POST', `${bookingPath(id)}/reschedule`, { body: { start } }),
  cancel: (id: string) => apiRequest<BookingDetail>('POST', `${bookingPath(id)}/cancel`, { body: {} }),
  recreateMeeting: (id: string) => apiRequest<BookingDetail>('POST', `${bookingPath(id)}/recreate-meeting`, { body: {} }),
};

/**
 * A recording path as the browser fetches it. The contract gives the paths without saying whether
 * they include `/api/v1`, so both forms are accepted.
 */
export function recordingUrl(path: string): string {
  if (/^https?:\/\//.test(path) || path.startsWith('/api/')) return path;
  return `/api/v1${path.startsWith('/') ? '' : '/'}${path}`;
}
