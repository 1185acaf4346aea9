import type { FastifyInstance } from 'fastify';
import { registerDeauthorizeRoute } from './control-api/deauthorize-route.ts';
import { registerMeetingControlRoutes } from './control-api/meeting-control-routes.ts';
import { registerObservationRoutes } from './control-api/observation-routes.ts';
import { registerFaultRoutes } from './faults/fault-routes.ts';
import { installFaultHooks } from './faults/install-faults.ts';
import type { RestDeps } from './rest/define-operation.ts';
import { registerJoinPages } from './rest/meetings/join-pages.ts';
import { MeetingLifecycle } from './rest/meetings/meeting-lifecycle.ts';
import { registerMeetingRoutes } from './rest/meetings/meeting-routes.ts';
import { PersistSoon } from './rest/persist-soon.ts';
import { RateLimiter } from './rest/rate-limiter.ts';
import { registerDownloadRoutes } from './rest/recordings/download-routes.ts';
import { registerRecordingRoutes } from './rest/recordings/recording-routes.ts';
import { registerUserRoutes } from './rest/users/user-routes.ts';
import type { EmulatorStore } from './state/store.ts';
import { WebhookDispatcher } from './webhooks/dispatcher.ts';
import { ZoomEvents } from './webhooks/zoom-events.ts';

/**
 * The api.zoom.us half of the emulator. `buildEmulator` calls `installFaults` on the root instance
 * before any route (so injected faults reach every route, the OAuth ones included), then
 * `registerRestHalf` to add `/v2/*`, the recording downloads, the REST half's control routes and
 * the webhook dispatcher.
 */
export function installFaults(app: FastifyInstance, store: EmulatorStore): void {
  installFaultHooks(app, store);
  registerFaultRoutes(app, store);
}

/** Adds the REST v2 routes, the REST half's `/_emulator` routes and starts the webhook dispatcher. */
export function registerRestHalf(app: FastifyInstance, store: EmulatorStore): void {
  const dispatcher = new WebhookDispatcher(store);
  const events = new ZoomEvents(store, dispatcher);
  const persist = new PersistSoon(store);
  const lifecycle = new MeetingLifecycle(store, events, persist);
  const deps: RestDeps = { store, limiter: new RateLimiter(store) };

  registerUserRoutes(app, deps);
  registerMeetingRoutes(app, deps, lifecycle);
  registerRecordingRoutes(app, deps);
  registerDownloadRoutes(app, store);
  registerJoinPages(app, store);

  registerMeetingControlRoutes(app, store, lifecycle);
  registerDeauthorizeRoute(app, store, events);
  registerObservationRoutes(app, store);

  dispatcher.start();
  app.addHook('onClose', async () => {
    await dispatcher.stop();
    persist.flush();
  });
}
