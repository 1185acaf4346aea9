import type { FastifyInstance } from 'fastify';
import type { EmulatorSettings } from '../state/model.ts';
import type { EmulatorStore } from '../state/store.ts';
import { ControlError } from './control-error.ts';
import { parseBody } from './parse-body.ts';
import { clockBody, settingsBody } from './schemas.ts';

const clockView = (store: EmulatorStore) => ({
  now: new Date(store.now()).toISOString(),
  nowMs: store.now(),
  offsetSeconds: store.clock.offsetMs / 1000,
});

/**
 * Settings the REST half may have added to EmulatorSettings are accepted too, when the value has
 * the type of the current one; anything else not in the schema is refused.
 */
function checkExtraSettings(store: EmulatorStore, body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ControlError('INVALID_BODY', 'Expected a JSON object of settings.');
  const known = new Set(Object.keys(settingsBody.shape));
  const extras: Record<string, unknown> = {};
  const current = store.settings as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (known.has(key)) continue;
    if (key === 'publicUrl') throw new ControlError('INVALID_BODY', 'publicUrl cannot be changed: it is the address the emulator listens on.');
    if (!(key in current)) throw new ControlError('INVALID_BODY', `Unrecognized setting: ${key}`);
    if (typeof value !== typeof current[key]) throw new ControlError('INVALID_BODY', `Setting ${key} must be a ${typeof current[key]}.`);
    extras[key] = value;
  }
  return extras;
}

/** `/_emulator/clock` and `/_emulator/settings`. */
export function registerClockAndSettingsRoutes(app: FastifyInstance, store: EmulatorStore): void {
  app.get('/clock', async () => clockView(store));

  app.post('/clock', async (req) => {
    const { advanceSeconds } = parseBody(clockBody, req.body);
    await store.advanceClock(advanceSeconds);
    return clockView(store);
  });

  app.get('/settings', async () => store.settings);

  app.put('/settings', async (req) => {
    const extras = checkExtraSettings(store, req.body);
    const known = Object.fromEntries(Object.entries(req.body as Record<string, unknown>).filter(([key]) => key in settingsBody.shape));
    const changes = parseBody(settingsBody, known);
    store.settings = { ...store.settings, ...extras, ...changes } as EmulatorSettings;
    store.persist();
    return store.settings;
  });
}
