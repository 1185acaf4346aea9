import { eq } from 'drizzle-orm';
import { connections } from '../core/database/schema.ts';
import { ConferError, isConferError } from '../core/errors/confer-error.ts';
import { createMeeting, deleteMeeting, getMeetingDefaults, updateMeeting, type ZoomMeeting } from '../providers/zoom/meetings-api.ts';
import { getMeetingRecordings } from '../providers/zoom/recordings-api.ts';
import { MeetingMayExist, type CreatedMeeting, type ProvisionedMeeting, type VideoProvider } from '../scheduling/video-provider.ts';
import type { ConnectionsRuntime } from './connections-runtime.ts';
import { zoomConnectionCalls } from './zoom-connection-calls.ts';
import { unusableFeatures } from './zoom-scope-answers.ts';

const provisioned = (m: ZoomMeeting): ProvisionedMeeting => ({ id: m.id, uuid: m.uuid, hostId: m.hostId, joinUrl: m.joinUrl, startUrl: m.startUrl, passcode: m.passcode });

/** Scheduling's video port, played by Zoom through a connection: token machinery, rate budget and daily allowance included. */
export function createZoomVideoProvider(runtime: ConnectionsRuntime): VideoProvider {
  const { db } = runtime.services.database;
  const { api, budgeted, countedCall, findMarkedMeeting, openRecording } = zoomConnectionCalls(runtime);

  const meetingRecording = async (connectionId: string, meetingUuid: string) => {
    try {
      return await budgeted(connectionId, 'Light', (token) => getMeetingRecordings(api, token, meetingUuid));
    } catch (error) {
      if (recordingIsGone(error)) throw new ConferError('NOT_FOUND', 'Zoom no longer has this meeting’s recording.', { cause: error });
      throw error;
    }
  };

  return {
    async meetingDefaults(connectionId) {
      try {
        return await budgeted(connectionId, 'Medium', (token) => getMeetingDefaults(api, token));
      } catch (error) {
        // Reading settings needs user:read or user:read:settings, which an app may not have asked for.
        if (isConferError(error) && error.code === 'ZOOM_SCOPE_MISSING') return undefined;
        throw error;
      }
    },

    async createMeeting(connectionId, request): Promise<CreatedMeeting> {
      const { result, usage } = await countedCall(connectionId, (sent) => budgeted(connectionId, 'Medium', (token) => {
        sent();
        return createMeeting(api, token, {
          topic: request.topic,
          agenda: request.agenda,
          start: request.start,
          durationMinutes: request.durationMinutes,
          timeZone: request.timeZone,
          settings: request.options,
        });
      }));
      return { meeting: provisioned(result), usage };
    },

    async findMeeting(connectionId, marker) {
      const [row] = await db.select({ tokenFamilyId: connections.tokenFamilyId, scopes: connections.scopes }).from(connections).where(eq(connections.id, connectionId));
      // Listing and reading meetings takes meeting:read, which Confer's app does not ask for, or its
      // meeting:write where Zoom lets that read: tried, and a refusal is remembered (callZoom).
      if (!row || (await unusableFeatures(db, row, ['list_meetings', 'read_meetings'])).length > 0) return { searchable: false };
      try {
        const found = await findMarkedMeeting(connectionId, marker);
        return { searchable: true, meeting: found && provisioned(found) };
      } catch (error) {
        if (isConferError(error) && error.code === 'ZOOM_SCOPE_MISSING') return { searchable: false };
        throw error;
      }
    },

    async moveMeeting(connectionId, meetingId, change) {
      try {
        return (await countedCall(connectionId, (sent) => budgeted(connectionId, 'Light', (token) => {
          sent();
          return updateMeeting(api, token, meetingId, change);
        }))).usage;
      } catch (error) {
        if (meetingIsGone(error)) throw new ConferError('NOT_FOUND', 'The Zoom meeting no longer exists: it was deleted in Zoom.', { cause: error });
        // Moving the same meeting again is harmless, so an unknown outcome is just a failure to retry.
        throw error instanceof MeetingMayExist ? error.cause : error;
      }
    },

    async deleteMeeting(connectionId, meetingId) {
      try {
        await budgeted(connectionId, 'Light', (token) => deleteMeeting(api, token, meetingId));
        return 'deleted';
      } catch (error) {
        if (meetingIsGone(error)) return 'already_gone';
        throw error;
      }
    },

    meetingRecording,

    async openRecording(connectionId, meetingUuid, fileId, range) {
      // The list hands out working links; a webhook's need its own token and expire after a day.
      const recording = await meetingRecording(connectionId, meetingUuid);
      const file = recording.files.find((f) => f.id === fileId);
      if (!file) throw new ConferError('NOT_FOUND', 'Zoom no longer lists this recording file.');
      return openRecording(connectionId, file.downloadUrl, range);
    },
  };
}

/** Zoom's "no recording" (3301), or a meeting that is gone altogether (3001). */
function recordingIsGone(error: unknown): boolean {
  const cause = isConferError(error) ? error.cause : error;
  const code = (cause as { zoomCode?: number } | undefined)?.zoomCode;
  return code === 3301 || code === 3001;
}

/**
 * Zoom's "no such meeting": code 3001 only. A 404 with 1001 says the host user is gone, not the
 * meeting; callZoom reports that as the connection needing re-authorization.
 */
function meetingIsGone(error: unknown): boolean {
  const cause = isConferError(error) ? error.cause : error;
  return (cause as { zoomCode?: number } | undefined)?.zoomCode === 3001;
}
