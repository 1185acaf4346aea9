import type { FastifyInstance } from 'fastify';
import type { EmulatorStore } from '../state/store.ts';
import { controlErrorHandler } from './control-errors.ts';

/**
 * `GET /_emulator/stats` (counters since the last reset) and `GET /_emulator/webhooks/deliveries`
 * (every webhook delivery with its attempts; filter with `event`, `clientId`, `status`).
 * `webhookDeliveries` counts attempts sent, `webhookFailures` the attempts that failed,
 * `downloadsDropped` the recording downloads whose connection closed before their last byte.
 */
export function registerObservationRoutes(app: FastifyInstance, store: EmulatorStore): void {
  const options = { errorHandler: controlErrorHandler };

  app.get('/_emulator/stats', options, async () => store.stats);

  app.get('/_emulator/webhooks/deliveries', options, async (request) => {
    const { event, clientId, status } = request.query as Record<string, string | undefined>;
    const deliveries = store.deliveries.filter(
      (d) => (event === undefined || d.event === event) && (clientId === undefined || d.clientId === clientId) && (status === undefined || d.status === status),
    );
    return { deliveries };
  });
}
