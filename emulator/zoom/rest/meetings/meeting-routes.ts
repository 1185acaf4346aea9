import type { FastifyInstance } from 'fastify';
import { defineOperation, type RestDeps } from '../define-operation.ts';
import { operations } from '../operation-catalog.ts';
import { paginate, readPaging } from '../paging.ts';
import { hasAdminScope } from '../scope-check.ts';
import { targetUser } from '../target-user.ts';
import { zoomErrors } from '../zoom-errors.ts';
import { findMeeting } from './meeting-access.ts';
import { parseMeetingBody } from './meeting-input.ts';
import { meetingJson, meetingListItemJson } from './meeting-json.ts';
import type { MeetingLifecycle } from './meeting-lifecycle.ts';
import { meetingsOfType, readListType } from './meeting-list.ts';

interface UserParams {
  userId: string;
}

interface MeetingParams {
  meetingId: string;
}

/** Create, list, get, update and delete meetings, with Zoom's codes and the daily write budget. */
export function registerMeetingRoutes(app: FastifyInstance, deps: RestDeps, lifecycle: MeetingLifecycle): void {
  defineOperation(app, deps, operations.meetingCreate, async (ctx, request, reply) => {
    const host = targetUser(ctx, (request.params as UserParams).userId);
    ctx.limiter.takeMeetingWrite(host.id);
    const body = parseMeetingBody(request.body);
    const meeting = lifecycle.create(host, body, { user: ctx.caller.user, clientId: ctx.caller.grant.clientId });
    return reply.code(201).send(meetingJson(meeting, host, ctx.store.settings.publicUrl, true));
  });

  defineOperation(app, deps, operations.meetings, async (ctx, request) => {
    const { userId } = request.params as UserParams;
    const host = targetUser(ctx, userId);
    const query = request.query as Record<string, unknown>;
    const type = readListType(query['type']);
    const listKey = `meetings:${host.id}:${type}`;
    const page = paginate(meetingsOfType(ctx.store.meetings.values(), host.id, type, ctx.store.now()), readPaging(query, listKey), listKey);
    const publicUrl = ctx.store.settings.publicUrl;
    return {
      page_size: page.page_size,
      total_records: page.total_records,
      next_page_token: page.next_page_token,
      meetings: page.items.map((m) => meetingListItemJson(m, publicUrl)),
    };
  });

  defineOperation(app, deps, operations.meeting, async (ctx, request) => {
    const { meeting, host } = findMeeting(ctx, (request.params as MeetingParams).meetingId);
    const forHost = host.id === ctx.caller.user.id || hasAdminScope(ctx.caller, ctx.op);
    return meetingJson(meeting, host, ctx.store.settings.publicUrl, forHost);
  });

  defineOperation(app, deps, operations.meetingUpdate, async (ctx, request, reply) => {
    const { meeting, host } = findMeeting(ctx, (request.params as MeetingParams).meetingId, 'not-host');
    ctx.limiter.takeMeetingWrite(host.id);
    if (meeting.status === 'started') throw zoomErrors.meetingStarted();
    const body = parseMeetingBody(request.body);
    lifecycle.update(meeting, host, body, { user: ctx.caller.user, clientId: ctx.caller.grant.clientId });
    return reply.code(204).send();
  });

  defineOperation(app, deps, operations.meetingDelete, async (ctx, request, reply) => {
    const { meeting, host } = findMeeting(ctx, (request.params as MeetingParams).meetingId);
    if (meeting.status === 'started') throw zoomErrors.meetingInProgress();
    if (meeting.status === 'ended') throw zoomErrors.meetingEnded();
    lifecycle.delete(meeting, host, { user: ctx.caller.user, clientId: ctx.caller.grant.clientId });
    return reply.code(204).send();
  });
}
