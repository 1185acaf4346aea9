import type { FastifyError, FastifyInstance } from 'fastify';
import type { EmulatorStore } from '../state/store.ts';
import { registerAppRoutes } from './app-routes.ts';
import { registerClockAndSettingsRoutes } from './clock-settings-routes.ts';
import { ControlError } from './control-error.ts';
import { registerWorldRoutes } from './world-routes.ts';

/**
 * The zoom.us half's control API under `/_emulator`, as an encapsulated plugin so its error handler
 * (`{error, message}` JSON) applies to these routes only.
 */
export async function registerControlRoutes(app: FastifyInstance, store: EmulatorStore): Promise<void> {
  await app.register(
    async (control) => {
      control.setErrorHandler((error: FastifyError | ControlError, req, reply) => {
        if (error instanceof ControlError) return reply.code(error.status).send({ error: error.code, message: error.message });
        const status = error.statusCode ?? 500;
        // Fastify's own 4xx (malformed JSON, unsupported media type) keep their status and words.
        if (status >= 400 && status < 500) return reply.code(status).send({ error: error.code ?? 'BAD_REQUEST', message: error.message });
        req.log.error({ err: error }, 'control API request failed');
        return reply.code(500).send({ error: 'INTERNAL', message: error.message });
      });
      registerWorldRoutes(control, store);
      registerAppRoutes(control, store);
      registerClockAndSettingsRoutes(control, store);
    },
    { prefix: '/_emulator' },
  );
}
