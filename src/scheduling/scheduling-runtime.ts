import type { ConferServices } from '../core/services.ts';
import type { VideoProvider } from './video-provider.ts';

/** What the scheduling domain works with in one process. */
export interface SchedulingRuntime {
  services: ConferServices;
  video: VideoProvider;
}

/** The queue of meeting work: create, move, delete a booking's meeting and tell people about it. */
export const meetingQueue = 'booking-meeting';
/** The moment a booking's confirmation stops waiting for Zoom. */
export const confirmationDeadlineQueue = 'booking-confirmation-deadline';
