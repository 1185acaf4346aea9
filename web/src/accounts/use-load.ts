import { useCallback, useEffect, useState } from 'react';

/** Loads something from the API for a page, with a reload for after changes. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const reload = useCallback(() => load().then((v) => { setValue(v); setError(undefined); }, (e: unknown) => setError(e as Error)), deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { value, error, reload };
}
