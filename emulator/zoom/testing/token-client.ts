/** Calls zoom.us's token endpoint as an OAuth client would (HTTP Basic, RFC 6749 §2.3.1 encoding). */

const formEncode = (value: string): string => encodeURIComponent(value).replace(/%20/g, '+');

export function basicAuth(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`;
}

export interface TokenCall {
  clientId: string;
  clientSecret: string;
  /** Sent as a form body unless `inQuery` is set. */
  params: Record<string, string>;
  inQuery?: boolean;
  path?: '/oauth/token' | '/oauth/revoke';
}

export async function postToken(baseUrl: string, call: TokenCall): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(call.path ?? '/oauth/token', baseUrl);
  const init: RequestInit = { method: 'POST', headers: { authorization: basicAuth(call.clientId, call.clientSecret) } };
  if (call.inQuery) for (const [key, value] of Object.entries(call.params)) url.searchParams.set(key, value);
  else init.body = new URLSearchParams(call.params);
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
