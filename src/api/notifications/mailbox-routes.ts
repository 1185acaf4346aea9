import type { FastifyInstance } from 'fastify';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { emailOutbox, emailStatuses } from '../../core/database/schema.ts';
import { ConferError } from '../../core/errors/confer-error.ts';
import type { ConferServices } from '../../core/services.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import { requireViewer } from '../session-auth.ts';

const messageView = z.object({
  id: z.uuid(),
  kind: z.string().describe('What the message is about, such as booking_confirmation'),
  to: z.string(),
  toName: z.string().nullable(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  status: z.enum(emailStatuses),
  hasCalendar: z.boolean().describe('Whether an .ics invitation is attached (GET /mailbox/{id}/ics)'),
  calendarMethod: z.enum(['REQUEST', 'CANCEL']).nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});

const messageParams = z.object({ id: z.uuid('a message id') });

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

  return async function register(plain: FastifyInstance): Promise<void> {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ['mailbox'];

    app.get('/api/v1/mailbox', {
      schema: {
        summary: 'The latest 200 messages Confer sent (only when no SMTP server is configured)',
        description: 'Owners and admins see every message; others those addressed to them. With SMTP_URL set this answers 404.',
        tags,
        response: { 200: z.object({ messages: z.array(messageView) }) },
      },
    }, async (request) => {
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

    app.get('/api/v1/mailbox/:id/ics', {
      schema: {
        summary: 'The .ics invitation attached to a message (only when no SMTP server is configured)',
        tags,
        params: messageParams,
        response: { 200: { description: 'The invitation, as attached to the email', content: { 'text/calendar': { schema: { type: 'string' } } } } },
      },
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
