import { eq } from 'drizzle-orm';
import { users } from '../core/database/schema.ts';
import type { ConferServices } from '../core/services.ts';
import { enqueueEmail } from '../notifications/outbox.ts';
import { connectionNeedsReauthorizationEmail, connectionRevokedInZoomEmail } from '../notifications/templates/connection-emails.ts';
import type { StoredConnection } from './connection-access.ts';
import type { ConnectionNotifier } from './connections-runtime.ts';

/** Tells a connection's owner by email; each message commits with the status change it reports. */
export function createConnectionEmails(services: ConferServices): ConnectionNotifier {
  const publicUrl = services.config.publicUrl;
  const messageDomain = new URL(publicUrl).hostname;
  const pageOf = (connection: StoredConnection) =>
    connection.folderId ? `${publicUrl}/folders/${connection.folderId}?connection=${connection.id}` : `${publicUrl}/settings/video-conferencing`;
  const ownerOf = async (tx: Parameters<ConnectionNotifier['revokedInZoom']>[0], connection: StoredConnection) =>
    (await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, connection.ownerUserId)))[0];

  return {
    async needsReauthorization(tx, connection, reason) {
      const owner = await ownerOf(tx, connection);
      if (!owner) return;
      const email = connectionNeedsReauthorizationEmail({
        recipientName: owner.name, connectionName: connection.name, zoomEmail: connection.zoomEmail, reason, reauthorizeUrl: pageOf(connection),
      });
      // One email per owner each time a family falls: connections sharing the family fall together
      // (one update, one updatedAt), and re-authorizing one brings them all back.
      await enqueueEmail(tx, services.jobs.boss, {
        dedupeKey: `connection-needs-reauthorization:${connection.ownerUserId}:${connection.tokenFamilyId ?? connection.id}:${connection.updatedAt.getTime()}`,
        kind: 'connection_needs_reauthorization',
        to: { address: owner.email, name: owner.name },
        ...email,
      }, messageDomain);
    },
    async revokedInZoom(tx, connection) {
      const owner = await ownerOf(tx, connection);
      if (!owner) return;
      const email = connectionRevokedInZoomEmail({ recipientName: owner.name, connectionName: connection.name, zoomEmail: connection.zoomEmail, reconnectUrl: pageOf(connection) });
      await enqueueEmail(tx, services.jobs.boss, {
        dedupeKey: `connection-revoked:${connection.id}:${connection.updatedAt.getTime()}`,
        kind: 'connection_revoked',
        to: { address: owner.email, name: owner.name },
        ...email,
      }, messageDomain);
    },
  };
}
