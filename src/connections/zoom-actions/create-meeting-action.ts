import type { Viewer } from '../../accounts/sessions.ts';
import { ConferError, isConferError } from '../../core/errors/confer-error.ts';
import { requestFingerprint } from '../../core/idempotency/request-fingerprint.ts';
import { createMeeting, type MeetingInput } from '../../providers/zoom/meetings-api.ts';
import { MeetingMayExist } from '../../scheduling/video-provider.ts';
import type { StoredConnection } from '../connection-access.ts';
import { unusableFeatures } from '../zoom-scope-answers.ts';
import { requireZoomAction, type ZoomActionContext } from './action-access.ts';
import { toMeetingView, type MeetingView } from './action-views.ts';
import {
  claimIdempotencyKey, completeIdempotencyKey, markerLength, markOutcomeUnknown, releaseIdempotencyKey, type IdempotencyKeyRef,
} from './idempotency-keys.ts';
import { inCallersTerms } from './zoom-refusals.ts';

/** Zoom's limit on a meeting's agenda. */
const agendaLimit = 2000;
const markerSeparator = '\n\n';

/** A meeting to create; settings left out stay the host's Zoom defaults. */
export type NewMeeting = Omit<MeetingInput, 'settings'> & { settings: Omit<MeetingInput['settings'], 'passcodeRequired'> };

/** The created meeting, and whether it is an earlier attempt's (a replay) rather than this request's. */
export interface MeetingCreated {
  meeting: MeetingView;
  replayed: boolean;
}

/**
 * Creates a meeting through the connection (meeting:write; Medium; one of the host's 100 daily
 * create/update calls). With an Idempotency-Key, a retry never makes a second meeting: an answered
 * key replays its answer, and when an earlier attempt's answer was lost the host's meetings are
 * searched for the attempt's agenda marker before anything is created again.
 */
export async function createMeetingThrough(
  ctx: ZoomActionContext, viewer: Viewer, connectionId: string, input: NewMeeting, idempotencyKey?: string,
): Promise<MeetingCreated> {
  const connection = await requireZoomAction(ctx, viewer, connectionId, ['create_meetings']);
  if (idempotencyKey === undefined) return { meeting: toMeetingView(await create(ctx, connectionId, input, undefined)), replayed: false };

  const room = agendaLimit - markerLength - markerSeparator.length;
  if (input.agenda.length > room) {
    throw new ConferError('VALIDATION_FAILED', `agenda: at most ${room} characters with an Idempotency-Key (Confer adds a line to find the meeting if Zoom’s answer is lost)`, {
      errors: [{ field: 'agenda', message: `at most ${room} characters with an Idempotency-Key` }],
    });
  }
  const { db } = ctx.runtime.services.database;
  const ref: IdempotencyKeyRef = { connectionId, key: idempotencyKey };
  const claim = await claimIdempotencyKey(db, ref, requestFingerprint({ ...input, start: input.start.toISOString() }));
  if (claim.kind === 'replay') return { meeting: claim.response as MeetingView, replayed: true };

  if (claim.kind === 'recover') {
    const earlier = await earlierAttempt(ctx, connection, ref, claim.marker);
    if (earlier) {
      const meeting = toMeetingView(earlier);
      await completeIdempotencyKey(db, ref, meeting.id, meeting);
      return { meeting, replayed: true };
    }
  }
  const agenda = input.agenda ? `${input.agenda}${markerSeparator}${claim.marker}` : claim.marker;
  const meeting = toMeetingView(await create(ctx, connectionId, { ...input, agenda }, ref));
  await completeIdempotencyKey(db, ref, meeting.id, meeting);
  return { meeting, replayed: false };
}

/** One create at Zoom; the key (if any) learns whether Zoom made nothing or may have made the meeting. */
async function create(ctx: ZoomActionContext, connectionId: string, input: NewMeeting, ref: IdempotencyKeyRef | undefined) {
  const { api, budgeted, countedCall } = ctx.calls;
  const { db } = ctx.runtime.services.database;
  try {
    const { result } = await countedCall(connectionId, (sent) => budgeted(connectionId, 'Medium', (token) => {
      sent();
      return createMeeting(api, token, input);
    }));
    return result;
  } catch (error) {
    if (!(error instanceof MeetingMayExist)) {
      if (ref) await releaseIdempotencyKey(db, ref);
      throw inCallersTerms(error, 'Zoom does not know the connection’s user any more.');
    }
    if (ref) await markOutcomeUnknown(db, ref);
    throw new ConferError(
      'ZOOM_UNREACHABLE',
      ref
        ? 'Zoom’s answer to creating the meeting was lost, so it may or may not exist. Retry with the same Idempotency-Key: Confer looks for the meeting before creating it again.'
        : 'Zoom’s answer to creating the meeting was lost, so it may or may not exist. Look in Zoom before creating it again, or send an Idempotency-Key so that Confer can look for you.',
      { cause: error.cause, retryAfterSeconds: 2 },
    );
  }
}

/**
 * The meeting an earlier attempt made, found by its agenda marker in the host's meeting list, or
 * undefined when the list shows there is none. A connection that may not list and read meetings
 * (its grant lacks the scope, or Zoom refused it, now or recently) cannot tell, and a second
 * meeting is worse than an answer that says so.
 */
async function earlierAttempt(ctx: ZoomActionContext, connection: StoredConnection, ref: IdempotencyKeyRef, marker: string) {
  const { db } = ctx.runtime.services.database;
  const cannotTell = (cause?: unknown) => new ConferError(
    'IDEMPOTENCY_OUTCOME_UNKNOWN',
    'An earlier request with this Idempotency-Key reached Zoom, but its answer was lost, and this connection may not list the host’s meetings (meeting:read) to see whether Zoom made it. Look in Zoom; to create the meeting anyway, send a new Idempotency-Key.',
    cause === undefined ? {} : { cause },
  );
  if ((await unusableFeatures(db, connection, ['list_meetings', 'read_meetings'])).length > 0) {
    await markOutcomeUnknown(db, ref);
    throw cannotTell();
  }
  try {
    return await ctx.calls.findMarkedMeeting(connection.id, marker);
  } catch (error) {
    // Still unknown: the next retry looks again (or, refused a scope, says it cannot tell).
    await markOutcomeUnknown(db, ref);
    throw isConferError(error) && error.code === 'ZOOM_SCOPE_MISSING' ? cannotTell(error) : error;
  }
}
