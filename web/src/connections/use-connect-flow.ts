import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { AuthorizationStart } from './connections-api.ts';
import { connectInPopup, type ConnectionResult } from './oauth-popup.ts';

export type ConnectPhase =
  | { phase: 'idle' }
  | { phase: 'waiting' }
  | { phase: 'done'; result: Extract<ConnectionResult, { ok: true }> }
  | { phase: 'failed'; result: Exclude<ConnectionResult, { ok: true }> };

/**
 * Runs Connect or Re-authorize: opens Zoom in a new tab from the click, waits for its answer, then
 * lets the page reload its connections. Errors from Confer itself (before Zoom) arrive as results too.
 */
export function useConnectFlow(onFinished: () => void) {
  const [state, setState] = useState<ConnectPhase>({ phase: 'idle' });
  const cancelRef = useRef<() => void>(() => {});
  useEffect(() => () => cancelRef.current(), []);

  const run = useCallback((start: () => Promise<AuthorizationStart>) => {
    setState({ phase: 'waiting' });
    const flow = connectInPopup(start);
    cancelRef.current = flow.cancel;
    flow.result.then(
      (result) => {
        setState(result.ok ? { phase: 'done', result } : { phase: 'failed', result });
        onFinished();
      },
      (error: unknown) => {
        const problem = error instanceof ApiError
          ? { code: error.code, title: error.title, detail: error.message }
          : { code: 'UNREACHABLE', title: 'Confer could not start connecting', detail: (error as Error).message };
        setState({ phase: 'failed', result: { ok: false, error: problem } });
      },
    );
  }, [onFinished]);

  return { state, run, cancel: () => cancelRef.current(), reset: () => setState({ phase: 'idle' }) };
}
