import type { EmulatorStore } from '../state/store.ts';

/**
 * Coalesces the REST half's durable writes: `store.persist()` rewrites the whole snapshot, so
 * calling it per request would make a busy emulator disk-bound. Writes happen at most every
 * `delayMs`, `flush()` (on close) writes whatever is pending, and `now()` writes before an announcement.
 */
export class PersistSoon {
  readonly #store: EmulatorStore;
  readonly #delayMs: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(store: EmulatorStore, delayMs = 100) {
    this.#store = store;
    this.#delayMs = delayMs;
  }

  request(): void {
    this.#timer ??= setTimeout(() => this.flush(), this.#delayMs);
  }

  /**
   * Writes at once, with whatever is pending: for facts the emulator is about to announce (an
   * answer, an event), which Zoom never forgets once told.
   */
  now(): void {
    this.request();
    this.flush();
  }

  flush(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#store.persist();
  }
}
