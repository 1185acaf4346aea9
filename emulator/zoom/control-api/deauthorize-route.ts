import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EmulatorStore } from '../state/store.ts';
import type { ZoomEvents } from '../webhooks/zoom-events.ts';
import { controlErrorHandler, parseControlBody, RestControlError } from './control-errors.ts';

const deauthorizeBody = z.object({ userId: z.string().min(1) }).strict();

/**
 * `POST /_emulator/apps/{clientId}/deauthorize` {userId}: the user removes the app in Zoom's App
 * Marketplace. Every live grant of that user for the app is revoked (its tokens stop working) and
 * the app receives `app_deauthorized`.
 */
export function registerDeauthorizeRoute(app: FastifyInstance, store: EmulatorStore, events: ZoomEvents): void {
  app.post<{ Params: { clientId: string } }>('/_emulator/apps/:clientId/deauthorize', { errorHandler: controlErrorHandler }, async (request) => {
    const oauthApp = store.apps.get(request.params.clientId);
    if (!oauthApp) throw new RestControlError('APP_NOT_FOUND', `No app with client id ${request.params.clientId}.`);
    const { userId } = parseControlBody(deauthorizeBody, request.body);
    const user = store.users.get(userId) ?? store.findUserByEmail(userId);
    if (!user) throw new RestControlError('USER_NOT_FOUND', `No user ${userId}.`);
    let revokedGrants = 0;
    for (const grant of store.grants.values()) {
      if (grant.clientId === oauthApp.clientId && grant.userId === user.id && !grant.revoked) {
        grant.revoked = 'deauthorized';
        revokedGrants++;
      }
    }
    if (revokedGrants === 0) throw new RestControlError('NOT_INSTALLED', `App ${oauthApp.clientId} is not installed for user ${user.id}.`);
    store.persist();
    events.appDeauthorized(oauthApp, user);
    return { revokedGrants };
  });
}
