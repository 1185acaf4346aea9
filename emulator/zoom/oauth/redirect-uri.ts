/** Hosts whose port is ignored when matching (RFC 8252 §7.3: native apps pick a free port). */
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

const parse = (value: string): URL | undefined => (URL.canParse(value) ? new URL(value) : undefined);

/**
 * Whether `requested` may be used as a redirect for an app registered with `registered`.
 * Strict: the same string, except that a loopback URI may differ in port. Not strict (Zoom's
 * allow-list without strict mode): any URI that starts with a registered one also matches.
 */
export function redirectUriMatches(registered: readonly string[], requested: string, strict: boolean): boolean {
  const url = parse(requested);
  if (!url || requested === '') return false;
  return registered.some((candidate) => {
    if (candidate === requested) return true;
    if (!strict && requested.startsWith(candidate)) return true;
    return sameExceptLoopbackPort(candidate, url);
  });
}

function sameExceptLoopbackPort(candidate: string, requested: URL): boolean {
  const registered = parse(candidate);
  if (!registered || !loopbackHosts.has(requested.hostname)) return false;
  return (
    registered.protocol === requested.protocol &&
    registered.hostname === requested.hostname &&
    registered.username === requested.username &&
    registered.password === requested.password &&
    registered.pathname === requested.pathname &&
    registered.search === requested.search &&
    registered.hash === requested.hash
  );
}
