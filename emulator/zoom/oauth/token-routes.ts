import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EmulatorStore } from '../state/store.ts';
import { authenticateClient } from './client-auth.ts';
import { tokenFailures, type TokenFailure } from './errors.ts';
import { revokeGrant } from './grants.ts';
import { mergedParams } from './request-params.ts';
import { exchangeAuthorizationCode, issueAccountToken, refreshAccessToken, type TokenOutcome } from './token-grants.ts';

/** RFC 6749 §5.1: token responses must not be cached. */
const noStore = (reply: FastifyReply): FastifyReply => reply.header('cache-control', 'no-store').header('pragma', 'no-cache');

function sendFailure(reply: FastifyReply, failure: TokenFailure): FastifyReply {
  reply.log.info({ zoomCode: failure.zoomCode, error: failure.error }, failure.reason);
  return noStore(reply).code(failure.status).send({ reason: failure.reason, error: failure.error });
}

/** `POST /oauth/token` and `POST /oauth/revoke`, answering as zoom.us does. */
export function registerTokenRoutes(app: FastifyInstance, store: EmulatorStore): void {
  app.post('/oauth/token', async (req, reply) => {
    const params = mergedParams(req.query, req.body);
    const grantType = params.grant_type ?? '';
    const client = authenticateClient(store, req.headers.authorization, params);
    if (!client.ok) {
      if (grantType === 'refresh_token') {
        store.stats.rejectedRefreshes += 1;
        store.persist();
      }
      return sendFailure(reply, client.failure);
    }
    let outcome: TokenOutcome;
    switch (grantType) {
      case 'authorization_code':
        outcome = exchangeAuthorizationCode(store, client.app, params);
        break;
      case 'refresh_token':
        outcome = refreshAccessToken(store, client.app, params);
        break;
      case 'account_credentials':
        outcome = issueAccountToken(store, client.app, params);
        break;
      case '':
        return sendFailure(reply, tokenFailures.grantTypeMissing());
      default:
        return sendFailure(reply, tokenFailures.unsupportedGrantType());
    }
    if (!outcome.ok) return sendFailure(reply, outcome.failure);
    return noStore(reply).code(200).send(outcome.response);
  });

  app.post('/oauth/revoke', async (req, reply) => {
    const params = mergedParams(req.query, req.body);
    const client = authenticateClient(store, req.headers.authorization, params);
    if (!client.ok) return sendFailure(reply, client.failure);
    const token = params.token ?? '';
    if (token === '') return sendFailure(reply, tokenFailures.tokenMissing());
    const record = store.accessTokens.get(token) ?? store.refreshTokens.get(token);
    const grant = record && store.grants.get(record.grantId);
    // RFC 7009 §2.2: an unknown token (or another client's) is answered with success all the same.
    if (grant && grant.clientId === client.app.clientId) {
      revokeGrant(grant, 'revoked');
      store.persist();
    }
    return noStore(reply).code(200).send({ status: 'success' });
  });
}
