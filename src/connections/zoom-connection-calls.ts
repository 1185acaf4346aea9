import { eq } from 'drizzle-orm';
import { connections } from '../core/database/schema.ts';
import { ConferError, isConferError } from '../core/errors/confer-error.ts';
import { getMeeting, listScheduledMeetings, type ZoomMeeting } from '../providers/zoom/meetings-api.ts';
import { openRecordingFile } from '../providers/zoom/recording-download.ts';
import { ZoomApiError } from '../providers/zoom/zoom-api-error.ts';
import type { ZoomApi } from '../providers/zoom/zoom-call-observer.ts';
import { MeetingMayExist, type MeetingUsage, type RecordingStream } from '../scheduling/video-provider.ts';
import { callZoom } from './call-zoom.ts';
import type { ConnectionsRuntime } from './connections-runtime.ts';
import {
  countCreateUpdateCall, dailyCreateUpdateLimit, msUntilUtcMidnight, takeDailyAccountCall, takeZoomCallSlot, uncountCreateUpdateCall, type RateCategory,
} from './zoom-rate-budget.ts';

/**
 * The ways through a connection to Zoom that every caller takes (scheduling's video port, the Zoom
 * actions of the API): token machinery, the account's per-second budget (and, on the Free plan,
 * its daily one), the host's daily create/update allowance, recordings fetched with the host's token.
 */
export interface ZoomConnectionCalls {
  /** Where Zoom's REST API is, with the metrics that hear of each call. */
  api: ZoomApi;
  /**
   * One Zoom call inside the account's per-second budget for its category and, on the Free plan,
   * its daily cap; past that, ZOOM_RATE_LIMITED until 00:00 UTC without calling Zoom.
   */
  budgeted<T>(connectionId: string, category: RateCategory, operation: (token: string) => Promise<T>): Promise<T>;
  /**
   * A create/update counted against the host's daily allowance; past it, ZOOM_RATE_LIMITED until
   * 00:00 UTC without calling Zoom. A failure after `sent()` that Zoom did not answer with a refusal
   * is a {@link MeetingMayExist}.
   */
  countedCall<T>(connectionId: string, call: (sent: () => void) => Promise<T>): Promise<{ result: T; usage: MeetingUsage }>;
  /**
   * The scheduled meeting whose agenda carries `marker`, by listing the host's meetings. The caller
   * checks the scopes first; Zoom may still refuse them (ZOOM_SCOPE_MISSING).
   */
  findMarkedMeeting(connectionId: string, marker: string): Promise<ZoomMeeting | undefined>;
  /** A recording file, fetched with the connection's token from Zoom's own hosts only; the caller streams the body. */
  openRecording(connectionId: string, downloadUrl: string, range?: string): Promise<RecordingStream>;
}

export function zoomConnectionCalls(runtime: ConnectionsRuntime): ZoomConnectionCalls {
  const { db } = runtime.services.database;
  const config = runtime.services.config;
  const apiUrl = config.zoom?.apiUrl ?? 'https://api.zoom.us/v2';
  const api: ZoomApi = { url: apiUrl, observe: (call) => runtime.services.metrics.zoomCall(call) };

  async function zoomIdentity(connectionId: string): Promise<{ accountId: string; userId: string }> {
    const [row] = await db.select({ accountId: connections.zoomAccountId, userId: connections.zoomUserId }).from(connections).where(eq(connections.id, connectionId));
    if (!row) throw new ConferError('NOT_FOUND', 'The Zoom connection was deleted.');
    if (!row.accountId || !row.userId) throw new ConferError('CONNECTION_REVOKED', 'This connection was removed in Zoom. Connect Zoom again to use it.');
    return { accountId: row.accountId, userId: row.userId };
  }

  async function budgeted<T>(connectionId: string, category: RateCategory, operation: (token: string) => Promise<T>): Promise<T> {
    const { accountId } = await zoomIdentity(connectionId);
    const daily = await takeDailyAccountCall(db, config.zoomPlan, accountId, category);
    if (!daily.admitted) {
      throw new ConferError('ZOOM_RATE_LIMITED', `The Zoom account used all ${daily.budget.toLocaleString('en-US')} of today’s ${category} Zoom API calls that Confer takes from its Free plan’s daily ${daily.cap.toLocaleString('en-US')}; Zoom allows more after 00:00 UTC.`, {
        retryAfterSeconds: Math.ceil(msUntilUtcMidnight() / 1000),
      });
    }
    await takeZoomCallSlot(db, config.zoomPlan, accountId, category);
    return callZoom(runtime, connectionId, operation);
  }

  return {
    api,
    budgeted,

    async countedCall(connectionId, call) {
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
    },

    async findMarkedMeeting(connectionId, marker) {
      let pageToken = '';
      do {
        const page = await budgeted(connectionId, 'Medium', (token) => listScheduledMeetings(api, token, pageToken));
        const found = page.meetings.find((m) => m.agenda.includes(marker));
        // The list leaves out the start link, passcode and settings; the meeting itself has them.
        if (found) return budgeted(connectionId, 'Light', (token) => getMeeting(api, token, found.id));
        pageToken = page.nextPageToken;
      } while (pageToken);
      return undefined;
    },

    async openRecording(connectionId, downloadUrl, range) {
      const allowed = new Set([new URL(config.zoom?.oauthUrl ?? 'https://zoom.us').host, new URL(apiUrl).host]);
      const host = new URL(downloadUrl).host;
      // Only Zoom's own hosts get the connection's token.
      if (!allowed.has(host) && !/(^|\.)zoom\.us$/.test(host)) throw new ConferError('NOT_FOUND', 'That recording is not stored at Zoom.');
      // zoom.us only over TLS: the token must not cross the network in the clear.
      if (!allowed.has(host) && new URL(downloadUrl).protocol !== 'https:') throw new ConferError('NOT_FOUND', 'That recording is not stored at Zoom.');
      const timeouts = { headersMs: config.recordingStream.headersTimeoutSeconds * 1000, idleMs: config.recordingStream.idleTimeoutSeconds * 1000 };
      return budgeted(connectionId, 'Light', (token) => openRecordingFile(downloadUrl, token, timeouts, range, api.observe));
    },
  };
}

/** Zoom answered and refused (any 4xx, a per-second 429 included): it did nothing. */
function refusedByZoom(error: unknown): boolean {
  const cause = isConferError(error) ? error.cause : error;
  return cause instanceof ZoomApiError && cause.status < 500;
}
