import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { completeAuthorization } from '../../connections/complete-authorization.ts';
import { zoomConnector } from '../../connections/connectors.ts';
import type { ConnectionsRuntime } from '../../connections/connections-runtime.ts';
import { ConferError, isConferError } from '../../core/errors/confer-error.ts';
import { renderCallbackPage, type ConnectionResultMessage } from './callback-page.ts';

// Documented, never refused by validation: whatever Zoom sends back, the person gets the page that
// says what happened (completeAuthorization reads the URL itself).
const callbackQuery = z.looseObject({
  code: z.string().optional().catch(undefined).describe('The authorization code, after Authorize'),
  state: z.string().optional().catch(undefined).describe('The single-use state Confer put in the consent URL'),
  error: z.string().optional().catch(undefined).describe('Set by Zoom instead of a code, for example access_denied after Decline'),
});

/** `GET /connections/oauth/callback`: where Zoom sends the browser back after Authorize or Decline. */
export function oauthCallbackRoutes(runtime: ConnectionsRuntime) {
  const publicUrl = runtime.services.config.publicUrl;
  const origin = new URL(publicUrl).origin;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/connections/oauth/callback', {
      schema: {
        summary: 'Where Zoom sends the browser back after Authorize or Decline; answers a page, not JSON',
        description: 'The redirect URL to register with a Zoom OAuth app. The HTML page tells the Confer window that opened the '
          + 'consent how it went (postMessage to Confer’s origin) and closes; a failure is a page too, with the problem’s status.',
        tags: ['connections'],
        security: [],
        querystring: callbackQuery,
        response: {
          200: { description: 'Connected: a page that reports the new connection and closes', content: { 'text/html': { schema: { type: 'string' } } } },
          default: { description: 'Not connected: a page that says why (the problem’s code, title and detail), with its status', content: { 'text/html': { schema: { type: 'string' } } } },
        },
      },
    }, async (request, reply) => {
      const callbackUrl = new URL(request.url, publicUrl);
      let page: ReturnType<typeof renderCallbackPage>;
      let status = 200;
      try {
        const done = await completeAuthorization(runtime, request.viewer, callbackUrl);
        const message: ConnectionResultMessage = { type: 'confer:connection', ok: true, connectionId: done.connectionId, outcome: done.outcome };
        page = renderCallbackPage({
          message,
          origin,
          returnPath: done.folderId ? `/folders/${done.folderId}?connection=${done.connectionId}` : `/settings/video-conferencing?connected=${done.connectionId}`,
          heading: 'Connected to Zoom',
          lines: ['Confer is connected to your Zoom account. This window closes by itself; if it does not, close it.'],
        });
      } catch (error) {
        const known = isConferError(error) ? error : undefined;
        if (!known) request.log.error({ err: error }, 'Zoom authorization failed unexpectedly');
        else if (known.status >= 500) request.log.warn({ err: known }, known.message);
        const shown = known ?? new ConferError('INTERNAL', 'Something went wrong on our side while connecting Zoom. It has been logged; please try again.');
        status = shown.status;
        const steps = shown.code === 'ZOOM_PREAPPROVAL_REQUIRED' ? zoomConnector.adminApprovalSteps : undefined;
        page = renderCallbackPage({
          message: { type: 'confer:connection', ok: false, error: { code: shown.code, title: shown.title, detail: shown.message, ...(steps ? { steps } : {}) } },
          origin,
          returnPath: '/',
          heading: shown.title,
          lines: [shown.message, 'Close this window and try again from Confer.'],
        });
      }
      return reply
        .code(status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', page.csp)
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .send(page.html);
    });
  };
}
