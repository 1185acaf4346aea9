import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyZoomDelivery } from '../../connections/app-webhook-secrets.ts';
import type { ConnectionsRuntime } from '../../connections/connections-runtime.ts';
import { oauthAppContext } from '../../connections/oauth-apps.ts';
import { acceptZoomEvent } from '../../connections/zoom-webhook-intake.ts';
import { ConferError } from '../../core/errors/confer-error.ts';
import { urlValidationResponse, zoomWebhookEnvelope } from '../../providers/zoom/webhook-signature.ts';
import type { ZodTypeProvider } from '../route-schemas.ts';

// Documented, never refused by validation: the handler judges the signature itself and answers
// WEBHOOK_SIGNATURE_INVALID, as Zoom's verification expects.
const zoomHeaders = z.looseObject({
  'x-zm-signature': z.string().optional().catch(undefined).describe('v0= and the HMAC-SHA256 of v0:{timestamp}:{body}, keyed with the app’s secret token'),
  'x-zm-request-timestamp': z.string().optional().catch(undefined).describe('Seconds since 1970; more than 5 minutes old is refused'),
  clientid: z.string().optional().catch(undefined).describe('The client ID of the Zoom app the event is for: its secret token is the one checked'),
});

const zoomWebhookAnswer = z.union([
  z.object({ received: z.literal(true), duplicate: z.boolean().describe('Whether this delivery was seen before (and ignored)') }),
  z.object({ plainToken: z.string(), encryptedToken: z.string() }).describe('The answer to endpoint.url_validation'),
]);

/**
 * `POST /webhooks/zoom`: the signature is checked over the exact bytes Zoom sent, stale
 * timestamps are refused, URL validation is answered, and events are queued, not processed here:
 * Zoom gives a delivery 3 seconds.
 */
export function zoomWebhookRoutes(runtime: ConnectionsRuntime) {
  const { services } = runtime;
  return async function register(plain: FastifyInstance): Promise<void> {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    // Only inside this plugin: the body stays raw bytes, as the signature needs them.
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    app.post('/webhooks/zoom', {
      bodyLimit: 256 * 1024,
      schema: {
        summary: 'Zoom event notifications: signed by Zoom, queued here, processed by the workers',
        description: 'For Zoom only. The body is Zoom’s event ({ event, event_ts, payload }) and is checked against '
          + '`x-zm-signature` over its exact bytes, with the secret token of the app `clientid` names (Confer’s own app '
          + 'or a folder’s; without the header, each known app’s is tried). Handles endpoint.url_validation, app_deauthorized, meeting.ended, '
          + 'recording.completed and meeting.deleted; a repeated delivery is acknowledged and ignored.',
        tags: ['zoom-webhooks'],
        security: [],
        headers: zoomHeaders,
        response: { 200: zoomWebhookAnswer },
      },
    }, async (request, reply) => {
      // Each Zoom app signs with its own secret token: the one `clientid` names, or (no header)
      // whichever of the known apps' matches.
      const clientIdHeader = header(request.headers.clientid);
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const verdict = await verifyZoomDelivery(oauthAppContext(runtime), {
        clientIdHeader,
        timestamp: header(request.headers['x-zm-request-timestamp']),
        signature: header(request.headers['x-zm-signature']),
        rawBody,
      }, Date.now());
      for (const problem of verdict.unresolved) request.log.warn({ code: problem.code, reason: problem.message }, 'A Zoom app’s webhook secret token could not be read');
      if (!verdict.ok) {
        request.log.warn({ reason: verdict.reason }, 'Zoom webhook refused');
        throw new ConferError('WEBHOOK_SIGNATURE_INVALID', refusal(verdict.reason, clientIdHeader));
      }
      const { secretToken } = verdict;
      let envelope;
      try {
        envelope = zoomWebhookEnvelope.parse(JSON.parse(rawBody.toString('utf8')));
      } catch (error) {
        throw new ConferError('MALFORMED_REQUEST', 'The webhook body is not a Zoom event.', { cause: error });
      }
      // An app speaks for its own installs only: one app's secret cannot uninstall another app.
      if (envelope.event === 'app_deauthorized' && !verdict.clientIds.includes(String(envelope.payload.client_id))) {
        throw new ConferError('WEBHOOK_SIGNATURE_INVALID', 'The app_deauthorized event is not signed by the app it names.');
      }
      if (envelope.event === 'endpoint.url_validation') {
        const plainToken = (envelope.payload as { plainToken?: unknown }).plainToken;
        if (typeof plainToken !== 'string') throw new ConferError('MALFORMED_REQUEST', 'URL validation without a plainToken.');
        return reply.send(urlValidationResponse(secretToken, plainToken));
      }
      const accepted = await acceptZoomEvent(services, rawBody, {
        event: envelope.event,
        eventTs: envelope.event_ts ?? null,
        payload: envelope.payload,
      });
      return reply.send({ received: true, duplicate: !accepted });
    });
  };
}

function refusal(reason: 'no_secret' | 'missing' | 'stale' | 'mismatch', clientIdHeader: string | undefined): string {
  if (reason === 'no_secret') {
    return clientIdHeader === undefined
      ? 'Zoom webhooks are not configured here: set ZOOM_WEBHOOK_SECRET_TOKEN, or a webhook secret token on a connection’s own app.'
      : 'No Zoom app with this client ID has a webhook secret token here.';
  }
  if (reason === 'stale') return 'The webhook’s timestamp is more than 5 minutes old.';
  return 'The webhook is not signed with this app’s secret token.';
}

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
