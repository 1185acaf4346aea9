import type { FastifyInstance } from 'fastify';
import { createSession, endSession, findViewer, sessionCookieName } from '../../accounts/sessions.ts';
import { createWorkspace } from '../../accounts/setup.ts';
import { signIn } from '../../accounts/sign-in.ts';
import { workspace } from '../../core/database/schema.ts';
import type { ConferServices } from '../../core/services.ts';
import { clearSessionCookie, readCookie, requireViewer, setSessionCookie } from '../session-auth.ts';

const email = { type: 'string', format: 'email', maxLength: 254 } as const;
const name = { type: 'string', minLength: 1, maxLength: 120, pattern: '\\S' } as const;
const meSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, workspaceName: { type: ['string', 'null'] } },
} as const;

/** `POST /setup`, `POST/DELETE /session`, `GET /me`: who is signed in, and becoming so. */
export function sessionRoutes(services: ConferServices) {
  const { db } = services.database;
  const secure = services.config.publicUrl.startsWith('https://');
  const me = async (viewer: { userId: string; email: string; name: string; role: string }) => {
    const [ws] = await db.select({ name: workspace.name }).from(workspace).limit(1);
    return { id: viewer.userId, email: viewer.email, name: viewer.name, role: viewer.role, workspaceName: ws?.name ?? null };
  };
  return async function register(app: FastifyInstance): Promise<void> {
    app.post<{ Body: { workspaceName: string; name: string; email: string; password: string } }>('/api/v1/setup', {
      schema: {
        body: {
          type: 'object', required: ['workspaceName', 'name', 'email', 'password'], additionalProperties: false,
          properties: { workspaceName: name, name, email, password: { type: 'string', minLength: 12, maxLength: 200 } },
        },
        response: { 201: meSchema },
      },
    }, async (request, reply) => {
      const { userId } = await createWorkspace(db, request.body);
      const session = await createSession(db, userId);
      setSessionCookie(reply, session.token, session.expiresAt, secure);
      return reply.code(201).send({ id: userId, email: request.body.email.trim().toLowerCase(), name: request.body.name.trim(), role: 'owner', workspaceName: request.body.workspaceName.trim() });
    });

    app.post<{ Body: { email: string; password: string } }>('/api/v1/session', {
      schema: {
        body: { type: 'object', required: ['email', 'password'], additionalProperties: false, properties: { email: { type: 'string', minLength: 1, maxLength: 254 }, password: { type: 'string', minLength: 1, maxLength: 200 } } },
        response: { 200: meSchema },
      },
    }, async (request, reply) => {
      const { userId } = await signIn(db, { ...request.body, address: request.ip });
      const session = await createSession(db, userId);
      setSessionCookie(reply, session.token, session.expiresAt, secure);
      return me((await findViewer(db, session.token))!);
    });

    app.delete('/api/v1/session', async (request, reply) => {
      const token = readCookie(request, sessionCookieName);
      if (token) await endSession(db, token);
      clearSessionCookie(reply, secure);
      return reply.code(204).send();
    });

    app.get('/api/v1/me', { schema: { response: { 200: meSchema } } }, async (request) => me(requireViewer(request)));
  };
}
