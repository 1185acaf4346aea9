import type { FastifyInstance } from 'fastify';
import { and, desc, eq } from 'drizzle-orm';
import { emailOutbox } from '../../core/database/schema.ts';
import { ConferError } from '../../core/errors/confer-error.ts';
import type { ConferServices } from '../../core/services.ts';
import { requireViewer } from '../session-auth.ts';

const messageSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, kind: { type: 'string' }, to: { type: 'string' }, toName: { type: ['string', 'null'] },
    subject: { type: 'string' }, text: { type: 'string' }, html: { type: 'string' }, status: { type: 'string' },
    hasCalendar: { type: 'boolean' }, calendarMethod: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' }, sentAt: { type: ['string', 'null'] },
  },
} as const;

/**
 * `GET /api/v1/mailbox`: with no SMTP configured, the messages Confer sent, so every journey can be
 * followed on a machine without mail. Owners and admins see all; others what was addressed to them.
 */
export function mailboxRoutes(services: ConferServices) {
  const { db } = services.database;
  const mailboxOnly = () => {
    if (services.config.smtpUrl) throw new ConferError('NOT_FOUND', 'The mailbox exists only when no SMTP server is configured; mail goes out through SMTP_URL.');
  };
  const visibleTo = (viewer: { role: string; email: string }) =>
    viewer.role === 'owner' || viewer.role === 'admin' ? undefined : eq(emailOutbox.toAddress, viewer.email);

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/api/v1/mailbox', { schema: { response: { 200: { type: 'object', properties: { messages: { type: 'array', items: messageSchema } } } } } }, async (request) => {
      mailboxOnly();
      const viewer = requireViewer(request);
      const rows = await db.select().from(emailOutbox).where(visibleTo(viewer)).orderBy(desc(emailOutbox.createdAt)).limit(200);
      return {
        messages: rows.map((row) => ({
          id: row.id, kind: row.kind, to: row.toAddress, toName: row.toName, subject: row.subject, text: row.textBody, html: row.htmlBody,
          status: row.status, hasCalendar: row.calendarContent !== null, calendarMethod: row.calendarMethod,
          createdAt: row.createdAt.toISOString(), sentAt: row.sentAt?.toISOString() ?? null,
        })),
      };
    });

    app.get<{ Params: { id: string } }>('/api/v1/mailbox/:id/ics', {
      schema: { params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } },
    }, async (request, reply) => {
      mailboxOnly();
      const viewer = requireViewer(request);
      const condition = visibleTo(viewer);
      const [row] = await db.select().from(emailOutbox).where(condition ? and(eq(emailOutbox.id, request.params.id), condition) : eq(emailOutbox.id, request.params.id));
      if (!row?.calendarContent) throw new ConferError('NOT_FOUND', 'No such invitation.');
      return reply.header('content-type', `text/calendar; charset=utf-8; method=${row.calendarMethod}`).header('content-disposition', 'attachment; filename="invite.ics"').send(row.calendarContent);
    });
  };
}
