/**
 * Fault path patterns: literal segments, `*` for exactly one segment, `**` for any number of
 * segments (including none). So `/v2/meetings/*` matches `/v2/meetings/85746065432` and
 * `/v2/**` matches everything under `/v2`.
 */
export function pathMatches(pattern: string, path: string): boolean {
  return matchSegments(pattern.split('/'), 0, path.split('/'), 0);
}

function matchSegments(pattern: string[], p: number, path: string[], s: number): boolean {
  if (p === pattern.length) return s === path.length;
  const segment = pattern[p]!;
  if (segment === '**') {
    for (let rest = s; rest <= path.length; rest++) if (matchSegments(pattern, p + 1, path, rest)) return true;
    return false;
  }
  if (s === path.length) return false;
  if (segment !== '*' && segment !== path[s]) return false;
  return matchSegments(pattern, p + 1, path, s + 1);
}

export function methodMatches(pattern: string, method: string): boolean {
  return pattern === '*' || pattern.toUpperCase() === method.toUpperCase();
}
