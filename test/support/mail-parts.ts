import type { ReceivedMail } from './smtp-sink.ts';

/** A decoded MIME part of a received message. */
export interface MailPart {
  contentType: string;
  body: string;
}

function decode(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/**
 * The leaf parts of a message (text, html, calendar), decoded: enough MIME for tests to read what a
 * mail client would show, without a mail-parsing dependency.
 */
export function mailParts(mail: ReceivedMail): MailPart[] {
  const parts: MailPart[] = [];
  const walk = (entity: string) => {
    const split = entity.search(/\r?\n\r?\n/);
    const headerText = entity.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
    const body = entity.slice(split).replace(/^\r?\n\r?\n/, '');
    const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headerText)?.[1]?.trim() ?? '';
    const contentType = header('Content-Type') || 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (contentType.toLowerCase().startsWith('multipart/') && boundary) {
      const sections = body.split(`--${boundary}`).slice(1);
      for (const section of sections) {
        if (section.startsWith('--')) break;
        walk(section.replace(/^\r?\n/, ''));
      }
      return;
    }
    parts.push({ contentType: contentType.toLowerCase(), body: decode(body, header('Content-Transfer-Encoding').toLowerCase()) });
  };
  walk(mail.raw);
  return parts;
}

export const mailText = (mail: ReceivedMail) => mailParts(mail).find((p) => p.contentType.startsWith('text/plain'))?.body ?? '';
export const mailCalendar = (mail: ReceivedMail) => mailParts(mail).filter((p) => p.contentType.startsWith('text/calendar'));
export const mailSubject = (mail: ReceivedMail) => {
  const raw = /^Subject:\s*(.*(?:\r?\n[ \t].*)*)/im.exec(mail.raw)?.[1] ?? '';
  // RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), as nodemailer writes non-ASCII subjects.
  return raw.replace(/\r?\n[ \t]+/g, ' ').replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, kind: string, text: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decode(text.replace(/_/g, ' '), 'quoted-printable'));
};
