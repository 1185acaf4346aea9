import type { FastifyInstance } from 'fastify';
import type { EmulatorStore } from '../../state/store.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `join_url` and `start_url` lead somewhere: a page naming the meeting, as Zoom's launch page
 * would, so a sandbox user clicking "Join" sees which meeting it is.
 */
export function registerJoinPages(app: FastifyInstance, store: EmulatorStore): void {
  const page = (role: 'Join' | 'Start') => async (request: { params: { meetingId: string } }, reply: import('fastify').FastifyReply) => {
    const meeting = store.meetings.get(request.params.meetingId);
    const body = meeting
      ? `<h1>${role} meeting: ${escapeHtml(meeting.topic)}</h1><p>Meeting ID ${meeting.id}. This is the Zoom emulator: no meeting client opens.</p>`
      : '<h1>This meeting link is invalid or has expired.</h1>';
    return reply.code(meeting ? 200 : 404).type('text/html; charset=utf-8').send(`<!doctype html><title>Zoom</title>${body}`);
  };
  app.get<{ Params: { meetingId: string } }>('/j/:meetingId', page('Join'));
  app.get<{ Params: { meetingId: string } }>('/s/:meetingId', page('Start'));
}
