import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { seal, unseal } from '../core/crypto/envelope.ts';
import type { KeyRing } from '../core/crypto/key-ring.ts';
import { columnContext } from '../core/crypto/sealed-columns.ts';
import type { Db } from '../core/database/database.ts';
import { credentialAssets, oauthClients } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { findSigningSecret } from '../providers/zoom/webhook-signature.ts';
import { resolveCredentialReference } from './credential-assets/resolve-credential-asset.ts';
import type { OAuthAppContext } from './oauth-apps.ts';

// Every Zoom Marketplace app has its own webhook Secret Token. Confer's own app's comes from
// ZOOM_WEBHOOK_SECRET_TOKEN; a folder's own app keeps its token beside its client secret, sealed or
// as a credential asset read at the moment it is needed.

const secretContext = (id: string) => columnContext('oauth_clients', id, 'webhook_secret_sealed');

/** One Zoom app's webhook secret token, and the app it belongs to. */
export interface AppWebhookSecret {
  clientId: string;
  secretToken: string;
}

/** A webhook secret as given by whoever set up the app: the value, or an asset that holds it. */
export type WebhookSecretInput = { webhookSecret: string } | { webhookSecretAssetId: string } | Record<string, never>;

/** The columns that record `input` for the app row `id`; nothing when no secret was given (keeps the old). */
export function webhookSecretColumns(ring: KeyRing, id: string, input: WebhookSecretInput): Partial<typeof oauthClients.$inferInsert> {
  if ('webhookSecret' in input) return { webhookSecretSealed: seal(ring, input.webhookSecret, secretContext(id)), webhookSecretAssetId: null };
  if ('webhookSecretAssetId' in input) return { webhookSecretSealed: null, webhookSecretAssetId: input.webhookSecretAssetId };
  return {};
}

/** Replaces the webhook secret of the app row `oauthClientId` (a PATCH of its connection). */
export async function setAppWebhookSecret(db: Db, ring: KeyRing, oauthClientId: string, input: WebhookSecretInput): Promise<void> {
  const columns = webhookSecretColumns(ring, oauthClientId, input);
  if (Object.keys(columns).length > 0) await db.update(oauthClients).set(columns).where(eq(oauthClients.id, oauthClientId));
}

/** Which of these app rows have a webhook secret set (for the connection view, which never shows it). */
export async function appsWithWebhookSecret(db: Db, oauthClientIds: readonly string[]): Promise<Set<string>> {
  if (oauthClientIds.length === 0) return new Set();
  const rows = await db
    .select({ id: oauthClients.id })
    .from(oauthClients)
    .where(and(inArray(oauthClients.id, [...oauthClientIds]), or(isNotNull(oauthClients.webhookSecretSealed), isNotNull(oauthClients.webhookSecretAssetId))));
  return new Set(rows.map((row) => row.id));
}

/**
 * The secret tokens that may have signed a delivery: those of the app Zoom's `clientid` header
 * names (a folder's app may be registered in several folders, each with its own row), or, when
 * the header is missing, every app's. None when the header names an app Confer does not know.
 * A credential asset that does not resolve now is left out and reported, so one broken vault path
 * does not stop the other apps' events.
 */
export async function webhookSecretCandidates(context: OAuthAppContext, clientIdHeader: string | undefined):
  Promise<{ candidates: AppWebhookSecret[]; unresolved: ConferError[] }> {
  const candidates: AppWebhookSecret[] = [];
  const unresolved: ConferError[] = [];
  const conferApp = context.config.zoom;
  if (conferApp?.webhookSecretToken && (clientIdHeader === undefined || clientIdHeader === conferApp.clientId)) {
    candidates.push({ clientId: conferApp.clientId, secretToken: conferApp.webhookSecretToken });
  }
  const rows = await context.db
    .select({ id: oauthClients.id, clientId: oauthClients.clientId, sealed: oauthClients.webhookSecretSealed, reference: credentialAssets.reference })
    .from(oauthClients)
    .leftJoin(credentialAssets, eq(credentialAssets.id, oauthClients.webhookSecretAssetId))
    .where(and(
      clientIdHeader === undefined ? undefined : eq(oauthClients.clientId, clientIdHeader),
      or(isNotNull(oauthClients.webhookSecretSealed), isNotNull(oauthClients.webhookSecretAssetId)),
    ));
  for (const row of rows) {
    if (row.sealed) {
      candidates.push({ clientId: row.clientId, secretToken: unseal(context.ring, row.sealed, secretContext(row.id)) });
    } else if (row.reference) {
      try {
        candidates.push({ clientId: row.clientId, secretToken: await resolveCredentialReference(row.reference, { env: context.env, vault: context.config.vault }) });
      } catch (error) {
        if (!(error instanceof ConferError)) throw error;
        unresolved.push(error);
      }
    }
  }
  return { candidates, unresolved };
}

/** Whose secret signed a Zoom delivery: the secret (to answer URL validation) and the apps that hold it. */
export type ZoomDeliveryVerdict =
  | { ok: true; secretToken: string; clientIds: string[]; unresolved: ConferError[] }
  | { ok: false; reason: 'no_secret' | 'missing' | 'stale' | 'mismatch'; unresolved: ConferError[] };

/**
 * Checks a delivery's signature against the secret of the app its `clientid` header names, or,
 * without the header, against every known app's (each compared in constant time, all of them).
 */
export async function verifyZoomDelivery(
  context: OAuthAppContext,
  delivery: { clientIdHeader: string | undefined; timestamp: string | undefined; signature: string | undefined; rawBody: Buffer },
  nowMs: number,
): Promise<ZoomDeliveryVerdict> {
  const { candidates, unresolved } = await webhookSecretCandidates(context, delivery.clientIdHeader);
  if (candidates.length === 0) return { ok: false, reason: 'no_secret', unresolved };
  const verdict = findSigningSecret({
    secretTokens: [...new Set(candidates.map((candidate) => candidate.secretToken))],
    timestamp: delivery.timestamp,
    signature: delivery.signature,
    rawBody: delivery.rawBody,
    nowMs,
  });
  if (!verdict.ok) return { ok: false, reason: verdict.reason, unresolved };
  const clientIds = candidates.filter((candidate) => candidate.secretToken === verdict.secretToken).map((candidate) => candidate.clientId);
  return { ok: true, secretToken: verdict.secretToken, clientIds: [...new Set(clientIds)], unresolved };
}
