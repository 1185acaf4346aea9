/** Text made safe for HTML. Every value put into an email's HTML goes through this. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A paragraph of plain text, or a call to action with its link. */
export type EmailBlock =
  | { text: string }
  | { action: string; url: string }
  | { list: string[] }
  | { details: Array<{ label: string; value: string; url?: string }> }
  | { links: Array<{ label: string; url: string }> };

function blockText(block: EmailBlock): string {
  if ('text' in block) return block.text;
  if ('action' in block) return `${block.action}: ${block.url}`;
  if ('list' in block) return block.list.map((item) => `- ${item}`).join('\n');
  if ('details' in block) return block.details.map((d) => `${d.label}: ${d.value}${d.url && d.url !== d.value ? ` (${d.url})` : ''}`).join('\n');
  return block.links.map((l) => `${l.label}: ${l.url}`).join('\n');
}

function blockHtml(block: EmailBlock): string {
  if ('text' in block) return `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(block.text)}</p>`;
  if ('list' in block) return `<ul style="margin:0 0 16px;padding-left:20px;line-height:1.5">${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  if ('details' in block) {
    const rows = block.details.map((d) => `<tr><td style="padding:4px 16px 4px 0;color:#5b6477;vertical-align:top;white-space:nowrap">${escapeHtml(d.label)}</td><td style="padding:4px 0">${
      d.url ? `<a href="${escapeHtml(d.url)}" style="color:#2354e6">${escapeHtml(d.value)}</a>` : escapeHtml(d.value)}</td></tr>`).join('');
    return `<table style="margin:0 0 16px;border-collapse:collapse;line-height:1.5">${rows}</table>`;
  }
  if ('links' in block) {
    return `<p style="margin:0 0 16px">${block.links.map((l) => `<a href="${escapeHtml(l.url)}" style="color:#2354e6;margin-right:16px">${escapeHtml(l.label)}</a>`).join('')}</p>`;
  }
  return `<p style="margin:0 0 16px"><a href="${escapeHtml(block.url)}" style="display:inline-block;background:#2354e6;color:#fff;padding:10px 18px;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(block.action)}</a></p>`;
}

/** The email in both forms: plain text, and a small HTML layout built from the same blocks. */
export function renderEmail(input: { subject: string; greeting: string; blocks: EmailBlock[] }): { subject: string; text: string; html: string } {
  const text = [input.greeting, ...input.blocks.map(blockText), '— Confer'].join('\n\n');
  const body = input.blocks.map(blockHtml).join('\n');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(input.subject)}</title></head>
<body style="margin:0;background:#f5f7fb;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#0f172a">
<div style="max-width:560px;margin:0 auto;padding:24px">
<div style="background:#fff;border:1px solid #dfe3ec;border-radius:14px;padding:28px">
<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(input.greeting)}</p>
${body}
<p style="margin:24px 0 0;color:#5b6477;font-size:13px">Confer</p>
</div></div></body></html>`;
  return { subject: input.subject, text, html };
}
