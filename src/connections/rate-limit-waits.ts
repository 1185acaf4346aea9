import type { ZoomCallVerdict } from './zoom-port.ts';

/**
 * Zoom's per-second limits clear within a second or two: waiting that long inside the call beats
 * failing it. Longer waits (the daily limit) go back to the caller, whose job retries later.
 */
const shortWaitMs = 2_000;
const shortWaits = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `call`, waiting out short rate limits (Retry-After of 2 s or less) up to three times. */
export async function waitingOutShortLimits<T>(classify: (error: unknown) => ZoomCallVerdict, call: () => Promise<T>): Promise<T> {
  for (let waits = 0; ; waits++) {
    try {
      return await call();
    } catch (error) {
      const verdict = classify(error);
      const short = verdict.kind === 'retry_later' && verdict.retryAfterMs !== undefined && verdict.retryAfterMs <= shortWaitMs;
      if (!short || waits >= shortWaits) throw error;
      // A little spread, so calls limited together do not come back together.
      await sleep(verdict.retryAfterMs! + Math.random() * 250);
    }
  }
}
