import type { FastifyInstance } from 'fastify';
import type { App } from '../state/model.ts';
import type { EmulatorStore } from '../state/store.ts';
import { validateEndpoint } from '../webhooks/validate-endpoint.ts';
import { approveApp, isPreApproved, withdrawApproval } from '../oauth/pre-approval.ts';
import { stringParams } from '../oauth/request-params.ts';
import { ControlError } from './control-error.ts';
import { parseBody } from './parse-body.ts';
import { createApp, requireApp, webhookSubscription } from './provision.ts';
import { appBody, appPatchBody, approvalBody, approvalWithdrawalBody } from './schemas.ts';

interface ClientIdParams {
  clientId: string;
}

/** `/_emulator/apps…` and `/_emulator/approval-requests`: Marketplace apps and their pre-approvals. */
export function registerAppRoutes(app: FastifyInstance, store: EmulatorStore): void {
  /** Runs Zoom's endpoint validation when the app has a webhook; its answer goes into the response. */
  const withValidation = async (oauthApp: App): Promise<App & { webhookValidated?: boolean }> => {
    if (!oauthApp.webhook) return oauthApp;
    const webhookValidated = await validateEndpoint(store, oauthApp.clientId);
    store.persist();
    return { ...oauthApp, webhookValidated };
  };

  app.post('/apps', async (req, reply) => {
    const created = createApp(store, parseBody(appBody, req.body));
    return reply.code(201).send(await withValidation(created));
  });

  app.get('/apps', async () => ({ apps: [...store.apps.values()] }));

  app.get<{ Params: ClientIdParams }>('/apps/:clientId', async (req) => requireApp(store, req.params.clientId));

  app.patch<{ Params: ClientIdParams }>('/apps/:clientId', async (req) => {
    const oauthApp = requireApp(store, req.params.clientId);
    const patch = parseBody(appPatchBody, req.body);
    if (patch.name !== undefined) oauthApp.name = patch.name;
    if (patch.redirectUris !== undefined) oauthApp.redirectUris = [...patch.redirectUris];
    if (patch.scopes !== undefined) oauthApp.scopes = [...patch.scopes];
    if (patch.tokenTolerance !== undefined) oauthApp.tokenTolerance = patch.tokenTolerance;
    if (patch.disabled !== undefined) oauthApp.disabled = patch.disabled;
    if (patch.webhook === null) delete oauthApp.webhook;
    store.persist();
    if (patch.webhook) {
      oauthApp.webhook = webhookSubscription(patch.webhook);
      store.persist();
      return withValidation(oauthApp);
    }
    return oauthApp;
  });

  app.post<{ Params: ClientIdParams }>('/apps/:clientId/validate-webhook', async (req) => {
    const oauthApp = requireApp(store, req.params.clientId);
    if (!oauthApp.webhook) throw new ControlError('INVALID_BODY', `App ${oauthApp.clientId} has no webhook subscription.`);
    const webhookValidated = await validateEndpoint(store, oauthApp.clientId);
    store.persist();
    return { webhookValidated };
  });

  app.get<{ Params: ClientIdParams }>('/apps/:clientId/approvals', async (req) => {
    requireApp(store, req.params.clientId);
    return { approvals: store.approvals.filter((a) => a.clientId === req.params.clientId) };
  });

  app.post<{ Params: ClientIdParams }>('/apps/:clientId/approvals', async (req, reply) => {
    const oauthApp = requireApp(store, req.params.clientId);
    const input = parseBody(approvalBody, req.body);
    if (!store.accounts.has(input.accountId)) throw new ControlError('ACCOUNT_NOT_FOUND', `No account with id ${input.accountId}.`);
    for (const userId of input.userIds ?? []) {
      if (store.users.get(userId)?.accountId !== input.accountId) {
        throw new ControlError('USER_NOT_FOUND', `No user ${userId} in account ${input.accountId}.`);
      }
    }
    const approval = approveApp(store, { clientId: oauthApp.clientId, accountId: input.accountId, ...(input.userIds ? { userIds: input.userIds } : {}) });
    return reply.code(201).send(approval);
  });

  // The account may come in a JSON body or, for clients that cannot send a body with DELETE, the query.
  app.delete<{ Params: ClientIdParams }>('/apps/:clientId/approvals', async (req) => {
    const oauthApp = requireApp(store, req.params.clientId);
    const input = parseBody(approvalWithdrawalBody, req.body ?? stringParams(req.query));
    if (!store.accounts.has(input.accountId)) throw new ControlError('ACCOUNT_NOT_FOUND', `No account with id ${input.accountId}.`);
    return withdrawApproval(store, oauthApp.clientId, input.accountId);
  });

  app.get('/approval-requests', async (req) => {
    const { clientId, accountId } = stringParams(req.query);
    const requests = store.approvalRequests.filter(
      (r) => (clientId === undefined || r.clientId === clientId) && (accountId === undefined || r.accountId === accountId),
    );
    return {
      approvalRequests: requests.map((r) => {
        const user = store.users.get(r.userId);
        return { ...r, userEmail: user?.email, approved: user !== undefined && isPreApproved(store, r.clientId, user) };
      }),
    };
  });
}
