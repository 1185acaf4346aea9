/** A string already safe to place in HTML. Only `html` and `escapeHtml` make one. */
export interface SafeHtml {
  readonly safe: string;
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element body or a quoted attribute. */
export function escapeHtml(text: string): SafeHtml {
  return { safe: text.replace(/[&<>"']/g, (c) => entities[c] ?? c) };
}

type Interpolated = SafeHtml | string | number | undefined | false | readonly SafeHtml[];

const render = (value: Interpolated): string => {
  if (value === undefined || value === false) return '';
  if (typeof value === 'string' || typeof value === 'number') return escapeHtml(String(value)).safe;
  if (Array.isArray(value)) return value.map((v: SafeHtml) => v.safe).join('');
  return (value as SafeHtml).safe;
};

/** Tagged template that escapes every interpolated string, so no page can forget to. */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return { safe: out };
}
