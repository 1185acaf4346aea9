import { useCallback, useEffect, useState } from 'react';
import { connectionsApi, type Connection } from './connections-api.ts';

/** How often a visible page re-reads its connections, so a change made in Zoom shows up by itself. */
const refreshEveryMs = 5000;

/**
 * The connections of a folder, or the viewer's own (personal) ones, kept fresh: re-read every few
 * seconds while the page is visible and at once when it becomes visible again. One request per
 * interval, and none while hidden, so a revoked connection appears without a storm of calls.
 */
export function useConnections(scope: { folderId: string } | 'personal') {
  const folderId = scope === 'personal' ? undefined : scope.folderId;
  const [connections, setConnections] = useState<Connection[] | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);

  const reload = useCallback(async () => {
    try {
      const all = await connectionsApi.list(folderId);
      setConnections(folderId ? all : all.filter((c) => c.target.kind === 'personal'));
      setError(undefined);
    } catch (failure) {
      setError(failure as Error);
    }
  }, [folderId]);

  useEffect(() => {
    void reload();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, refreshEveryMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload]);

  return { connections, error, reload };
}
