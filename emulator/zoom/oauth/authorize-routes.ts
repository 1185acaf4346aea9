import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../state/model.ts';
import type { EmulatorStore } from '../state/store.ts';
import { recheckAuthorizationRequest, checkAuthorizationRequest, type AuthorizationRequest } from './authorization-request.ts';
import { ticketLifetimeMs, type ConsentTicketSigner } from './consent-ticket.ts';
import { authorizeErrors, type AuthorizePageError } from './errors.ts';
import { issueAuthorizationCode } from './grants.ts';
import { consentPage, type PreApprovalView } from './pages/consent-page.ts';
import { declinedPage, errorPage, notAllowedPage, preApprovalRequestedPage } from './pages/notice-pages.ts';
import { signInPage } from './pages/sign-in-page.ts';
import { approveApp, canPreApprove, isPreApproved, requestPreApproval } from './pre-approval.ts';
import { stringParams } from './request-params.ts';
import { describeScopes } from './scope-descriptions.ts';

function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
}

const sendError = (reply: FastifyReply, error: AuthorizePageError): FastifyReply => sendPage(reply, error.status, errorPage(error));

/** `redirect_uri` with the given parameters added to its query (existing ones kept). */
function redirectTo(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

function preApprovalView(store: EmulatorStore, clientId: string, user: User): PreApprovalView {
  if (!store.accounts.get(user.accountId)?.requirePreApproval) return 'not_required';
  if (isPreApproved(store, clientId, user)) return 'approved';
  return canPreApprove(user) ? 'admin_may_approve' : 'member_must_request';
}

/**
 * zoom.us's browser pages: `GET /oauth/authorize` (sign-in), `POST /oauth/signin` (consent or
 * sign-in again), `POST /oauth/consent` (Authorize, Decline, Request pre-approval, Pre-approve).
 */
export function registerAuthorizeRoutes(app: FastifyInstance, store: EmulatorStore, tickets: ConsentTicketSigner): void {
  const newTicket = (request: AuthorizationRequest, userId?: string): string =>
    tickets.sign({ request, ...(userId === undefined ? {} : { userId }), expiresAt: store.now() + ticketLifetimeMs });

  const renderConsent = (reply: FastifyReply, status: number, request: AuthorizationRequest, user: User, justPreApproved = false) => {
    const oauthApp = store.apps.get(request.clientId);
    if (!oauthApp) return sendError(reply, authorizeErrors.unknownClient(request.clientId));
    return sendPage(
      reply,
      status,
      consentPage({
        appName: oauthApp.name,
        userEmail: user.email,
        ticket: newTicket(request, user.id),
        permissions: describeScopes(oauthApp.scopes),
        preApproval: preApprovalView(store, request.clientId, user),
        justPreApproved,
      }),
    );
  };

  app.get('/oauth/authorize', async (req, reply) => {
    const check = checkAuthorizationRequest(store, stringParams(req.query));
    if (!check.ok) return sendError(reply, check.error);
    return sendPage(reply, 200, signInPage({ appName: check.app.name, ticket: newTicket(check.request) }));
  });

  app.post('/oauth/signin', async (req, reply) => {
    const body = stringParams(req.body);
    const ticket = tickets.verify(body.ticket, store.now());
    if (!ticket) return sendError(reply, authorizeErrors.ticketInvalid());
    const check = recheckAuthorizationRequest(store, ticket.request);
    if (!check.ok) return sendError(reply, check.error);
    const email = body.email ?? '';
    const user = store.findUserByEmail(email);
    if (!user || user.password !== (body.password ?? '')) {
      const view = { appName: check.app.name, ticket: newTicket(check.request), email, error: 'Incorrect email or password.' };
      return sendPage(reply, 401, signInPage(view));
    }
    return renderConsent(reply, 200, check.request, user);
  });

  app.post('/oauth/consent', async (req, reply) => {
    const body = stringParams(req.body);
    const ticket = tickets.verify(body.ticket, store.now());
    if (!ticket?.userId) return sendError(reply, authorizeErrors.ticketInvalid());
    const check = recheckAuthorizationRequest(store, ticket.request);
    if (!check.ok) return sendError(reply, check.error);
    const user = store.users.get(ticket.userId);
    if (!user) return sendError(reply, authorizeErrors.userGone());
    const { request, app: oauthApp } = check;
    const standing = preApprovalView(store, request.clientId, user);
    const mayAuthorize = standing === 'not_required' || standing === 'approved';

    switch (body.action) {
      case 'authorize': {
        // Fail closed: a hand-made POST cannot skip pre-approval.
        if (!mayAuthorize) return renderConsent(reply, 403, request, user);
        const code = issueAuthorizationCode(store, request, user.id);
        return reply.header('cache-control', 'no-store').redirect(redirectTo(request.redirectUri, { code: code.code, state: request.state }), 302);
      }
      case 'decline':
        if (store.settings.declineBehavior === 'no_redirect') return sendPage(reply, 200, declinedPage(oauthApp.name));
        return reply.header('cache-control', 'no-store').redirect(redirectTo(request.redirectUri, { error: 'access_denied', state: request.state }), 302);
      case 'request_preapproval':
        if (mayAuthorize) return renderConsent(reply, 200, request, user);
        requestPreApproval(store, request.clientId, user);
        return sendPage(reply, 200, preApprovalRequestedPage(oauthApp.name));
      case 'preapprove':
        if (!canPreApprove(user)) return sendPage(reply, 403, notAllowedPage(oauthApp.name));
        if (standing !== 'approved') approveApp(store, { clientId: request.clientId, accountId: user.accountId });
        return renderConsent(reply, 200, request, user, true);
      default:
        return sendError(reply, authorizeErrors.unknownAction());
    }
  });
}
