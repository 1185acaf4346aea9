import { useSyncExternalStore } from 'react';
import { ApiError } from '../api/client.ts';
import { accountsApi, type Me } from '../api/accounts.ts';

/** Who is signed in, as the whole app sees it: loading, signed out, or the user. */
export type MeState = { phase: 'loading' } | { phase: 'signed-out' } | { phase: 'signed-in'; me: Me } | { phase: 'failed'; error: Error };

let state: MeState = { phase: 'loading' };
const listeners = new Set<() => void>();
const publish = (next: MeState) => {
  state = next;
  for (const listener of listeners) listener();
};

/** Asks the server again (after signing in or out, or creating the workspace). */
export async function reloadMe(): Promise<void> {
  try {
    publish({ phase: 'signed-in', me: await accountsApi.me() });
  } catch (error) {
    publish(error instanceof ApiError && error.status === 401 ? { phase: 'signed-out' } : { phase: 'failed', error: error as Error });
  }
}

let started = false;

/** The signed-in user, shared by every component; the first use asks the server. */
export function useMe(): MeState {
  if (!started) {
    started = true;
    void reloadMe();
  }
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
