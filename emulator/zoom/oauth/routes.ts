import type { FastifyInstance } from 'fastify';
import type { EmulatorStore } from '../state/store.ts';
import { registerAuthorizeRoutes } from './authorize-routes.ts';
import { ConsentTicketSigner } from './consent-ticket.ts';
import { registerTokenRoutes } from './token-routes.ts';

/** Everything zoom.us answers for OAuth: the authorize pages, token and revoke. */
export function registerOAuthRoutes(app: FastifyInstance, store: EmulatorStore): void {
  registerAuthorizeRoutes(app, store, new ConsentTicketSigner());
  registerTokenRoutes(app, store);
}
