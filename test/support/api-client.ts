/** Calls to Confer's API over real HTTP: a signed-in browser's (session cookie and Confer's Origin), or an automation's (an API key). */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** One request; the body comes back parsed when it is JSON, as text otherwise (an HTML page, a recording). */
async function send<T>(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<ApiResponse<T>> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: the text itself is the body.
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export function apiAs(baseUrl: string, cookie: string) {
  const call = <T>(method: string, path: string, body?: unknown) => send<T>(baseUrl, method, path, { cookie, origin: new URL(baseUrl).origin }, body);
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
    patch: <T = any>(path: string, body: unknown) => call<T>('PATCH', path, body),
    delete: <T = any>(path: string) => call<T>('DELETE', path),
  };
}

/** An automation's call: the API key in `Authorization: Bearer`, no cookie, no browser Origin. */
export function callWithKey<T = any>(baseUrl: string, secret: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
  return send<T>(baseUrl, method, path, { authorization: `Bearer ${secret}`, ...headers }, body);
}
