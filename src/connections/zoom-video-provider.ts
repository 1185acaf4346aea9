import { eq } from 'drizzle-orm';
import { connections } from '../core/database/schema.ts';
import { ConferError, isConferError } from '../core/errors/confer-error.ts';
import { createMeeting, deleteMeeting, getMeeting, getMeetingDefaults, listScheduledMeetings, updateMeeting, type ZoomMeeting } from '../providers/zoom/meetings-api.ts';
import { openRecordingFile } from '../providers/zoom/recordings-api.ts';
import { ZoomApiError } from '../providers/zoom/zoom-api-error.ts';
import { MeetingMayExist, type CreatedMeeting, type MeetingUsage, type ProvisionedMeeting, type VideoProvider } from '../scheduling/video-provider.ts';
import { callZoom } from './call-zoom.ts';
import type { ConnectionsRuntime } from './connections-runtime.ts';
import {
  countCreateUpdateCall, dailyCreateUpdateLimit, msUntilUtcMidnight, takeZoomCallSlot, uncountCreateUpdateCall, type RateCategory,
} from './zoom-rate-budget.ts';

/** Scopes that let a connection list the host's meetings (Zoom's spec: meeting:read, or its granular form). */
const listScopes = new Set(['meeting:read', 'meeting:read:admin', 'meeting:read:list_meetings', 'meeting:read:list_meetings:admin']);

const provisioned = (m: ZoomMeeting): ProvisionedMeeting => ({ id: m.id, uuid: m.uuid, hostId: m.hostId, joinUrl: m.joinUrl, startUrl: m.startUrl, passcode: m.passcode });

/** Scheduling's video port, played by Zoom through a connection: token machinery, rate budget and daily allowance included. */
export function createZoomVideoProvider(runtime: ConnectionsRuntime): VideoProvider {
  const { db } = runtime.services.database;
  const config = runtime.services.config;
  const apiUrl = config.zoom?.apiUrl ?? 'https://api.zoom.us/v2';

  async function zoomIdentity(connectionId: string): Promise<{ accountId: string; userId: string }> {
    const [row] = await db.select({ accountId: connections.zoomAccountId, userId: connections.zoomUserId }).from(connections).where(eq(connections.id, connectionId));
    if (!row) throw new ConferError('NOT_FOUND', 'The booking page’s Zoom connection was deleted.');
    if (!row.accountId || !row.userId) throw new ConferError('CONNECTION_REVOKED', 'This connection was removed in Zoom. Connect Zoom again to use it.');
    return { accountId: row.accountId, userId: row.userId };
  }

  /** One Zoom call inside the account's per-second budget for its category. */
  async function budgeted<T>(connectionId: string, category: RateCategory, operation: (token: string) => Promise<T>): Promise<T> {
    const { accountId } = await zoomIdentity(connectionId);
    await takeZoomCallSlot(db, config.zoomPlan, accountId, category);
    return callZoom(runtime, connectionId, operation);
  }

  /**
   * Runs a create/update counted against the host's daily allowance; past it, waits for 00:00 UTC
   * without calling Zoom. A call Zoom refused gives its count back. `sent` tells `call` to note the
   * moment the request goes out, so a failure can say whether Zoom may have acted on it.
   */
  async function countedCall<T>(connectionId: string, call: (sent: () => void) => Promise<T>): Promise<{ result: T; usage: MeetingUsage }> {
    const { userId } = await zoomIdentity(connectionId);
    const usage = await countCreateUpdateCall(db, userId);
    if (usage.used > dailyCreateUpdateLimit) {
      await uncountCreateUpdateCall(db, userId);
      throw new ConferError('ZOOM_RATE_LIMITED', `The host used all ${dailyCreateUpdateLimit} of today’s Zoom meeting create/update calls; Zoom allows more after 00:00 UTC.`, {
        retryAfterSeconds: Math.ceil(msUntilUtcMidnight() / 1000),
      });
    }
    let sent = false;
    try {
      return { result: await call(() => { sent = true; }), usage: { used: usage.used, limit: dailyCreateUpdateLimit, reachedWarning: usage.reachedWarning } };
    } catch (error) {
      if (!sent || refusedByZoom(error)) {
        await uncountCreateUpdateCall(db, userId);
        throw error;
      }
      throw new MeetingMayExist(error);
    }
  }

  return {
    async meetingDefaults(connectionId) {
      try {
        return await budgeted(connectionId, 'Medium', (token) => getMeetingDefaults(apiUrl, token));
      } catch (error) {
        // Reading settings needs user:read or user:read:settings, which an app may not have asked for.
        if (isConferError(error) && error.code === 'ZOOM_SCOPE_MISSING') return undefined;
        throw error;
      }
    },

    async createMeeting(connectionId, request): Promise<CreatedMeeting> {
      const { result, usage } = await countedCall(connectionId, (sent) => budgeted(connectionId, 'Medium', (token) => {
        sent();
        return createMeeting(apiUrl, token, {
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
      const [row] = await db.select({ scopes: connections.scopes }).from(connections).where(eq(connections.id, connectionId));
      if (!row?.scopes.some((scope) => listScopes.has(scope))) return { searchable: false };
      let pageToken = '';
      do {
        const page = await budgeted(connectionId, 'Medium', (token) => listScheduledMeetings(apiUrl, token, pageToken));
        const found = page.meetings.find((m) => m.agenda.includes(marker));
        // The list leaves out the start link and passcode; the meeting itself has them.
        if (found) return { searchable: true, meeting: provisioned(await budgeted(connectionId, 'Light', (token) => getMeeting(apiUrl, token, found.id))) };
        pageToken = page.nextPageToken;
      } while (pageToken);
      return { searchable: true, meeting: undefined };
    },

    async moveMeeting(connectionId, meetingId, change) {
      try {
        return (await countedCall(connectionId, (sent) => budgeted(connectionId, 'Light', (token) => {
          sent();
          return updateMeeting(apiUrl, token, meetingId, change);
        }))).usage;
      } catch (error) {
        if (meetingIsGone(error)) throw new ConferError('NOT_FOUND', 'The Zoom meeting no longer exists: it was deleted in Zoom.', { cause: error });
        // Moving the same meeting again is harmless, so an unknown outcome is just a failure to retry.
        throw error instanceof MeetingMayExist ? error.cause : error;
      }
    },

    async deleteMeeting(connectionId, meetingId) {
      try {
        await budgeted(connectionId, 'Light', (token) => deleteMeeting(apiUrl, token, meetingId));
        return 'deleted';
      } catch (error) {
        if (meetingIsGone(error)) return 'already_gone';
        throw error;
      }
    },

    async openRecording(connectionId, downloadUrl, range) {
      const allowed = new Set([new URL(config.zoom?.oauthUrl ?? 'https://zoom.us').host, new URL(apiUrl).host]);
      const host = new URL(downloadUrl).host;
      // Only Zoom's own hosts get the connection's token.
      if (!allowed.has(host) && !/(^|\.)zoom\.us$/.test(host)) throw new ConferError('NOT_FOUND', 'That recording is not stored at Zoom.');
      return budgeted(connectionId, 'Light', (token) => openRecordingFile(downloadUrl, token, range));
    },
  };
}

/** Zoom answered and refused (any 4xx, a per-second 429 included): it did nothing. */
function refusedByZoom(error: unknown): boolean {
  const cause = isConferError(error) ? error.cause : error;
  return cause instanceof ZoomApiError && cause.status < 500;
}

/** Zoom's "not found" for a meeting: 404, or code 3001. */
function meetingIsGone(error: unknown): boolean {
  const cause = isConferError(error) ? error.cause : error;
  const fields = cause as { status?: number; zoomCode?: number } | undefined;
  return fields?.status === 404 || fields?.zoomCode === 3001;
}
