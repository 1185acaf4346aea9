import { useCallback, useEffect, useState } from 'react';
import { fetchStatus, type ConferStatus } from './api/status.ts';

export type StatusState =
  | { phase: 'loading' }
  | { phase: 'loaded'; status: ConferStatus }
  | { phase: 'failed'; error: Error; retrying: boolean };

/** Loads `GET /api/v1/status` once, and again on `reload()` (the Retry button). */
export function useStatus(): { state: StatusState; reload: () => void } {
  const [state, setState] = useState<StatusState>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchStatus(controller.signal).then(
      (status) => setState({ phase: 'loaded', status }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ phase: 'failed', error: error instanceof Error ? error : new Error(String(error)), retrying: false });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const reload = useCallback(() => {
    // Keep the failure on screen while retrying, so the page does not flash to "Loading".
    setState((current) => (current.phase === 'failed' ? { ...current, retrying: true } : { phase: 'loading' }));
    setAttempt((count) => count + 1);
  }, []);

  return { state, reload };
}
