import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import type { Recording } from '../../state/model.ts';
import { downloadTokenLifetimeMs } from '../../webhooks/zoom-events.ts';
import { defineOperation, type OperationContext, type RestDeps } from '../define-operation.ts';
import { operations } from '../operation-catalog.ts';
import { paginate, readPaging } from '../paging.ts';
import { hasAdminScope } from '../scope-check.ts';
import { targetUser } from '../target-user.ts';
import { utcDate } from '../zoom-time.ts';
import { zoomErrors } from '../zoom-errors.ts';
import { recordingJson } from './recording-json.ts';

interface MeetingParams {
  meetingId: string;
}

/**
 * `{meetingId}` of the recordings endpoint: a meeting id (its latest recorded instance) or an
 * instance UUID. UUIDs that start with `/` or contain `//` must arrive double-encoded; Fastify
 * decoded once, base64 never contains `%`, so a remaining `%` means a second decoding is due. Such
 * a UUID encoded only once is not found, as at Zoom, so clients that forget are caught.
 */
function findRecording(ctx: OperationContext, rawId: string): Recording {
  if (rawId.startsWith('/') || rawId.includes('//')) throw zoomErrors.noRecording();
  const key = rawId.includes('%') ? decodeURIComponent(rawId) : rawId;
  let recording: Recording | undefined;
  if (/^\d+$/.test(key)) {
    for (const r of ctx.store.recordings.values()) {
      if (r.meetingId === key && (!recording || r.startTime > recording.startTime)) recording = r;
    }
  } else {
    recording = ctx.store.recordings.get(key);
  }
  const host = recording && ctx.store.users.get(recording.hostId);
  if (!recording || !host || host.accountId !== ctx.caller.account.id) throw zoomErrors.noRecording();
  if (host.id !== ctx.caller.user.id && !hasAdminScope(ctx.caller, ctx.op)) throw zoomErrors.noRecording();
  return recording;
}

function meetingType(ctx: OperationContext, recording: Recording): number {
  return ctx.store.meetings.get(recording.meetingId)?.type ?? 2;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** `from`/`to` of the user recordings list: UTC dates, today→tomorrow by default, at most a month apart. */
function readRange(query: Record<string, unknown>, now: number): { from: string; to: string } {
  const today = DateTime.fromMillis(now, { zone: 'utc' }).startOf('day');
  const read = (name: 'from' | 'to', fallback: DateTime): DateTime => {
    const value = query[name];
    if (value === undefined || value === '') return fallback;
    const parsed = typeof value === 'string' && datePattern.test(value) ? DateTime.fromISO(value, { zone: 'utc' }) : undefined;
    if (!parsed?.isValid) throw zoomErrors.validation([{ field: name, message: 'Invalid date; use yyyy-MM-dd.' }]);
    return parsed;
  };
  const from = read('from', today);
  const to = read('to', query['from'] === undefined ? today.plus({ days: 1 }) : from.plus({ days: 1 }));
  if (to < from) throw zoomErrors.invalidParameter('The "to" date must not be before the "from" date.');
  if (to > from.plus({ months: 1 })) throw zoomErrors.invalidParameter('The date range is at most one month.');
  return { from: from.toISODate()!, to: to.toISODate()! };
}

/** `GET /meetings/{meetingId}/recordings` and `GET /users/{userId}/recordings`. */
export function registerRecordingRoutes(app: FastifyInstance, deps: RestDeps): void {
  defineOperation(app, deps, operations.recordingGet, async (ctx, request) => {
    const recording = findRecording(ctx, (request.params as MeetingParams).meetingId);
    const json = recordingJson(recording, ctx.caller.account.id, meetingType(ctx, recording), ctx.store.settings.publicUrl);
    const includeFields = (request.query as Record<string, unknown>)['include_fields'];
    if (typeof includeFields === 'string' && includeFields.split(',').includes('download_access_token')) {
      // Reuse a live download token so the one sent with recording.completed keeps working.
      if (!recording.downloadToken || (recording.downloadTokenExpiresAt ?? 0) <= ctx.store.now()) {
        recording.downloadToken = randomBytes(32).toString('base64url');
        recording.downloadTokenExpiresAt = ctx.store.now() + downloadTokenLifetimeMs;
      }
      json['download_access_token'] = recording.downloadToken;
    }
    return json;
  });

  defineOperation(app, deps, operations.recordingsList, async (ctx, request) => {
    const host = targetUser(ctx, (request.params as { userId: string }).userId);
    const query = request.query as Record<string, unknown>;
    const { from, to } = readRange(query, ctx.store.now());
    const matching = [...ctx.store.recordings.values()]
      .filter((r) => r.hostId === host.id && utcDate(r.startTime) >= from && utcDate(r.startTime) <= to)
      .sort((a, b) => b.startTime - a.startTime);
    const listKey = `recordings:${host.id}:${from}:${to}`;
    const page = paginate(matching, readPaging(query, listKey), listKey);
    return {
      from,
      to,
      page_size: page.page_size,
      total_records: page.total_records,
      next_page_token: page.next_page_token,
      meetings: page.items.map((r) => recordingJson(r, host.accountId, meetingType(ctx, r), ctx.store.settings.publicUrl)),
    };
  });
}
