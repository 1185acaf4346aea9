import type { ConferServices } from '../core/services.ts';
import type { WebhookEventType } from '../webhooks/webhook-events.ts';
import { recordWebhookEvent } from '../webhooks/webhook-outbox.ts';
import type { StoredConnection } from './connection-access.ts';
import type { ConnectionNotifier } from './connections-runtime.ts';

/**
 * A connection as a webhook tells it. Only the opaque Zoom user id: after `app_deauthorized` the
 * Zoom user's name and email are deleted, and a webhook must not carry them out of Confer either.
 */
function connectionEventData(connection: StoredConnection, status: 'needs_reauthorization' | 'revoked', publicUrl: string) {
  return {
    id: connection.id,
    name: connection.name,
    connector: connection.connector,
    authType: connection.authType,
    status,
    folderId: connection.folderId,
    ownerUserId: connection.ownerUserId,
    zoomUserId: connection.zoomUserId,
    url: connection.folderId ? `${publicUrl}/folders/${connection.folderId}?connection=${connection.id}` : `${publicUrl}/settings/video-conferencing`,
  };
}

/**
 * Tells the owner as `notifier` does, and reports the same change as a webhook event in the same
 * transaction: a folder's connection to the folder's subscriptions, a personal one to its owner's.
 */
export function withConnectionWebhooks(services: ConferServices, notifier: ConnectionNotifier): ConnectionNotifier {
  const publish = (tx: Parameters<ConnectionNotifier['revokedInZoom']>[0], type: Extract<WebhookEventType, `connection.${string}`>, connection: StoredConnection, data: Record<string, unknown>) =>
    recordWebhookEvent(tx, services.jobs.boss, {
      type,
      audience: connection.folderId ? { folderId: connection.folderId } : { userId: connection.ownerUserId },
      data,
      dedupeKey: `${type}:${connection.id}:${connection.updatedAt.getTime()}`,
    });
  return {
    async needsReauthorization(tx, connection, reason) {
      await notifier.needsReauthorization(tx, connection, reason);
      await publish(tx, 'connection.needs_reauthorization', connection, { connection: connectionEventData(connection, 'needs_reauthorization', services.config.publicUrl), reason });
    },
    async revokedInZoom(tx, connection) {
      await notifier.revokedInZoom(tx, connection);
      await publish(tx, 'connection.revoked', connection, { connection: connectionEventData(connection, 'revoked', services.config.publicUrl), reason: 'The Zoom user removed Confer’s app in Zoom.' });
    },
  };
}
