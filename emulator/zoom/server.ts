import { buildEmulator } from './app.ts';
import { seedDemo, type ConferAppSeed, type SeedResult } from './seed.ts';
import type { EmulatorSettings } from './state/model.ts';
import type { EmulatorStore } from './state/store.ts';

export interface StartEmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Defaults to `demo`. */
  seed?: 'demo' | 'none';
  persistFile?: string;
  settings?: Partial<EmulatorSettings>;
  /** Confer's own OAuth app, registered by the demo seed. */
  conferApp?: ConferAppSeed;
  logger?: boolean;
}

export interface RunningEmulator {
  /** `http://host:port`, also the store's `publicUrl`. */
  url: string;
  store: EmulatorStore;
  seed?: SeedResult;
  close(): Promise<void>;
}

/** Starts the emulator on a port; the only place that listens. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  // The URL is known only once listening (port 0); it is set on the store before any request.
  const { app, store } = await buildEmulator({
    publicUrl: 'http://127.0.0.1',
    ...(options.persistFile === undefined ? {} : { persistFile: options.persistFile }),
    ...(options.settings === undefined ? {} : { settings: options.settings }),
    logger: options.logger ?? false,
  });
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  if (address === null || typeof address === 'string') {
    await app.close();
    throw new Error(`The Zoom emulator is not listening on a TCP port (address: ${String(address)}).`);
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  store.settings.publicUrl = url;

  const running: RunningEmulator = { url, store, close: () => app.close() };
  if ((options.seed ?? 'demo') === 'demo') {
    try {
      running.seed = seedDemo(store, options.conferApp);
    } catch (error) {
      // A half-seeded emulator must not keep its port; the caller gets the seed's error.
      await app.close();
      throw error;
    }
  }
  return running;
}
