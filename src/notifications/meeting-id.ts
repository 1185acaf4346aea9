/**
 * A Zoom meeting ID grouped as Zoom shows it: 9 digits 3-3-3, 10 digits 3-3-4, 11 digits 3-4-4;
 * anything else is left as it is.
 */
export function groupMeetingId(id: string): string {
  const digits = id.replace(/\D/g, '');
  const groups: Record<number, number[]> = { 9: [3, 3, 3], 10: [3, 3, 4], 11: [3, 4, 4] };
  const sizes = groups[digits.length];
  if (!sizes) return id;
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(' ');
}
