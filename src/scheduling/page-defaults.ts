import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Viewer } from '../accounts/sessions.ts';
import { connections } from '../core/database/schema.ts';
import { isConferError } from '../core/errors/confer-error.ts';
import type { WeeklyHours } from './availability/availability-rules.ts';
import type { SchedulingRuntime } from './scheduling-runtime.ts';
import type { MeetingOptions } from './video-provider.ts';

/** Zoom's own defaults for a new account, used when the host's settings cannot be read. */
const zoomStandardOptions: MeetingOptions = { waitingRoom: true, passcodeRequired: true, joinBeforeHost: false, autoRecording: 'none', muteUponEntry: false };

const workWeek: WeeklyHours = {
  mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']], sat: [], sun: [],
};

/**
 * What a new booking page starts with: the host's personal Zoom connection, weekdays 9 to 5 in the
 * host's zone, and the meeting options the host set in Zoom (read through the connection).
 */
export async function defaultPageSettings(runtime: SchedulingRuntime, viewer: Viewer, timeZone: string) {
  const { db } = runtime.services.database;
  const [personal] = await db.select({ id: connections.id, status: connections.status }).from(connections)
    .where(and(eq(connections.ownerUserId, viewer.userId), isNull(connections.folderId)))
    .orderBy(asc(connections.createdAt)).limit(1);
  let zoomSettings = zoomStandardOptions;
  let zoomSettingsSource: 'zoom' | 'default' = 'default';
  let zoomSettingsNote: string | null = personal ? null : 'Connect Zoom to start from your own Zoom meeting settings.';
  if (personal?.status === 'active') {
    try {
      const fromZoom = await runtime.video.meetingDefaults(personal.id);
      if (fromZoom) {
        zoomSettings = fromZoom;
        zoomSettingsSource = 'zoom';
      } else {
        zoomSettingsNote = 'Your Zoom connection may not read your Zoom settings (it needs user:read or user:read:settings), so these are Zoom’s standard settings.';
      }
    } catch (error) {
      if (!isConferError(error)) throw error;
      zoomSettingsNote = `Your Zoom settings could not be read (${error.message}); these are Zoom’s standard settings.`;
    }
  }
  return {
    timeZone,
    weeklyHours: workWeek,
    durationMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNoticeMinutes: 240,
    horizonDays: 60,
    dailyCap: null,
    connectionId: personal?.id ?? null,
    zoomSettings,
    zoomSettingsSource,
    zoomSettingsNote,
  };
}
