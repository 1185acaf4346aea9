import type { FastifyInstance } from 'fastify';
import { createSession, endSession, findViewer, sessionCookieName } from '../../accounts/sessions.ts';
import { createWorkspace } from '../../accounts/setup.ts';
import { signIn } from '../../accounts/sign-in.ts';
import { workspace } from '../../core/database/schema.ts';
import type { ConferServices } from '../../core/services.ts';
import { noContent } from '../common-schemas.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';
import { clearSessionCookie, readCookie, requireViewer, setSessionCookie } from '../session-auth.ts';
import { meView, setupBody, signInBody } from './account-schemas.ts';

/** `POST /setup`, `POST/DELETE /session`, `GET /me`: who is signed in, and becoming so. */
export function sessionRoutes(services: ConferServices) {
  const { db } = services.database;
  const secure = services.config.publicUrl.startsWith('https://');
  const me = async (viewer: { userId: string; email: string; name: string; role: 'owner' | 'admin' | 'member' }) => {
    const [ws] = await db.select({ name: workspace.name }).from(workspace).limit(1);
    return { id: viewer.userId, email: viewer.email, name: viewer.name, role: viewer.role, workspaceName: ws?.name ?? null };
  };
  return async function register(plain: FastifyInstance): Promise<void> {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const tags = ['session'];

    app.post('/api/v1/setup', {
      schema: {
        summary: 'First run: name the workspace and create its owner, who is signed in',
        description: 'Works only while Confer has no user; afterwards it answers 409 SETUP_ALREADY_DONE. Sets the session cookie.',
        tags,
        security: [],
        body: setupBody,
        response: { 201: meView },
      },
    }, async (request, reply) => {
      const { userId } = await createWorkspace(db, request.body);
      const session = await createSession(db, userId);
      setSessionCookie(reply, session.token, session.expiresAt, secure);
      return reply.code(201).send({ id: userId, email: request.body.email.trim().toLowerCase(), name: request.body.name.trim(), role: 'owner', workspaceName: request.body.workspaceName.trim() });
    });

    app.post('/api/v1/session', {
      schema: {
        summary: 'Sign in with email and password; sets the session cookie',
        description: 'Many failures for one email make even the right password wait (429 SIGN_IN_RATE_LIMITED, with Retry-After).',
        tags,
        security: [],
        body: signInBody,
        response: { 200: meView },
      },
    }, async (request, reply) => {
      const { userId } = await signIn(db, { ...request.body, address: request.ip });
      const session = await createSession(db, userId);
      setSessionCookie(reply, session.token, session.expiresAt, secure);
      return me((await findViewer(db, session.token))!);
    });

    app.delete('/api/v1/session', {
      schema: { summary: 'Sign out: ends the session and clears its cookie', tags, security: [], response: { 204: noContent } },
    }, async (request, reply) => {
      const token = readCookie(request, sessionCookieName);
      if (token) await endSession(db, token);
      clearSessionCookie(reply, secure);
      return reply.code(204).send();
    });

    app.get('/api/v1/me', {
      schema: { summary: 'Who is signed in (or whose API key this is), and the workspace’s name', tags, response: { 200: meView } },
    }, async (request) => me(requireViewer(request)));
  };
}
