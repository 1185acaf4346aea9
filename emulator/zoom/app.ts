import Fastify, { type FastifyInstance } from 'fastify';
import { registerControlRoutes } from './control/routes.ts';
import { registerOAuthRoutes } from './oauth/routes.ts';
import { installFaults, registerRestHalf } from './rest-half.ts';
import type { EmulatorSettings } from './state/model.ts';
import { defaultSettings, EmulatorStore } from './state/store.ts';

export interface EmulatorOptions {
  /** Where the emulator is reachable; used in `api_url`, `join_url`, `download_url`. */
  publicUrl: string;
  /** Keep durable state in this JSON file, and start from it when it exists. */
  persistFile?: string;
  settings?: Partial<EmulatorSettings>;
  logger?: boolean;
}

/** Zoom's token and revoke endpoints take form bodies; parsed without a dependency. */
function acceptFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}

/**
 * The whole emulator as one Fastify app playing both zoom.us (OAuth pages, token, revoke) and
 * api.zoom.us (`/v2`), plus the `/_emulator` control API. Nothing listens: see `server.ts`.
 */
export async function buildEmulator(options: EmulatorOptions): Promise<{ app: FastifyInstance; store: EmulatorStore }> {
  const store = new EmulatorStore({ ...defaultSettings(options.publicUrl), ...options.settings, publicUrl: options.publicUrl }, options.persistFile);
  const app = Fastify({ logger: options.logger ?? false });
  acceptFormBodies(app);
  // Faults first: their hooks must reach every route, the OAuth ones included.
  installFaults(app, store);
  registerOAuthRoutes(app, store);
  await registerControlRoutes(app, store);
  registerRestHalf(app, store);
  await app.ready();
  return { app, store };
}
