/**
 * The one way tests wait: polls `check` every 100 ms until it returns something truthy, and
 * fails naming `what` (and the last value seen) when it never does within `seconds`.
 */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | null | false> | T | undefined | null | false, seconds = 20): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  for (;;) {
    last = await check();
    if (last) return last as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s waiting for ${what} (last saw ${describe(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
