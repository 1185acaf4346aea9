import type { FastifyInstance } from 'fastify';
import type { EmulatorStore } from './state/store.ts';

/**
 * The api.zoom.us half of the emulator. `buildEmulator` calls `installFaults` on the root instance
 * before any route (so injected faults reach every route, the OAuth ones included), then
 * `registerRestHalf` to add `/v2/*`, the recording downloads, the REST half's control routes and
 * the webhook dispatcher.
 */
export function installFaults(_app: FastifyInstance, _store: EmulatorStore): void {
  // Filled in by the faults feature.
}

/** Adds the REST v2 routes, the REST half's `/_emulator` routes and starts the webhook dispatcher. */
export function registerRestHalf(_app: FastifyInstance, _store: EmulatorStore): void {
  // Filled in by the REST feature.
}
