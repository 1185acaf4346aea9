import type { Logger } from 'pino';
import { z } from 'zod';
import { revokeZoomUser } from './connection-health.ts';
import type { ConnectionsRuntime } from './connections-runtime.ts';
import type { QueuedZoomEvent } from './zoom-webhook-intake.ts';

/** Handles one kind of Zoom event; other domains (bookings) add theirs to the map. */
export type ZoomEventHandler = (runtime: ConnectionsRuntime, event: QueuedZoomEvent) => Promise<void>;

const deauthorizationPayload = z.object({
  account_id: z.string(),
  user_id: z.string(),
  client_id: z.string(),
  deauthorization_time: z.string().optional(),
});

/** `app_deauthorized`: the Zoom user removed the app; their connections through it are revoked. */
const onAppDeauthorized: ZoomEventHandler = async (runtime, event) => {
  const payload = deauthorizationPayload.parse(event.payload);
  const at = payload.deauthorization_time ? new Date(payload.deauthorization_time) : new Date();
  const revoked = await runtime.services.database.db.transaction((tx) =>
    revokeZoomUser(tx, runtime.notifier, payload.client_id, payload.user_id, Number.isNaN(at.getTime()) ? new Date() : at),
  );
  runtime.services.logger.info({ zoomUserId: payload.user_id, connections: revoked.length }, 'Zoom app deauthorized: connections revoked');
};

export const connectionEventHandlers: Record<string, ZoomEventHandler> = {
  app_deauthorized: onAppDeauthorized,
};

/** Runs the handler for a queued event; events nobody handles are acknowledged and noted. */
export async function processZoomEvent(runtime: ConnectionsRuntime, handlers: Record<string, ZoomEventHandler>, event: QueuedZoomEvent, logger: Logger): Promise<void> {
  const handler = handlers[event.event];
  if (!handler) {
    logger.debug({ event: event.event }, 'Zoom event without a handler acknowledged');
    return;
  }
  await handler(runtime, event);
}
