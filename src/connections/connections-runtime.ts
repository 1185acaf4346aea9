import type { ConferServices } from '../core/services.ts';
import type { StoredConnection } from './connection-access.ts';
import type { TokenRefresher } from './token-refresh.ts';
import type { Transaction } from '../core/database/database.ts';
import type { ZoomAuthorizationPort } from './zoom-port.ts';

/** Tells a connection's owner what happened to it; the message commits with the change. */
export interface ConnectionNotifier {
  needsReauthorization(tx: Transaction, connection: StoredConnection, reason: string): Promise<void>;
  revokedInZoom(tx: Transaction, connection: StoredConnection): Promise<void>;
}

/** Everything the connections domain works with in one process, built once at start. */
export interface ConnectionsRuntime {
  services: ConferServices;
  zoom: ZoomAuthorizationPort;
  refresher: TokenRefresher;
  notifier: ConnectionNotifier;
  /** Where `env:` credential assets are read from. */
  env: Record<string, string | undefined>;
  /**
   * Told, after commit, which connections work again after an authorization (the one authorized and
   * those sharing its token family), so work waiting on them (bookings' meetings) resumes at once.
   */
  afterAuthorization: Array<(connectionIds: string[]) => Promise<unknown>>;
}
