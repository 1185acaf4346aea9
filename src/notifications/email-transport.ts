import nodemailer from 'nodemailer';
import type { StoredEmail } from './outbox.ts';

/** Delivers one outbox row; `mailbox` keeps it in Confer for the dev mailbox instead. */
export interface EmailTransport {
  kind: 'smtp' | 'mailbox';
  deliver(email: StoredEmail): Promise<void>;
  close(): void;
}

/** A failure the SMTP server will not change its mind about (5xx): retrying only repeats it. */
export const isPermanentSmtpFailure = (error: unknown): boolean => {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/** The reason of an SMTP failure for the outbox row, with nothing of the connection URL in it. */
export function smtpFailureReason(error: unknown): string {
  const { responseCode, response, code } = error as { responseCode?: number; response?: string; code?: string };
  if (responseCode) return `SMTP ${responseCode}: ${String(response ?? '').slice(0, 300)}`;
  return `SMTP connection failed${code ? ` (${code})` : ''}`;
}

export function createEmailTransport(options: { smtpUrl: string | undefined; from: string }): EmailTransport {
  if (!options.smtpUrl) return { kind: 'mailbox', deliver: async () => {}, close: () => {} };
  // Pooled: a connection (and its TLS handshake and greeting) serves many messages; `?pool=false`
  // in SMTP_URL turns it off for a server that objects.
  const transporter = nodemailer.createTransport({ url: options.smtpUrl, pool: true });
  return {
    kind: 'smtp',
    async deliver(email) {
      await transporter.sendMail({
        from: options.from,
        to: email.toName ? { name: email.toName, address: email.toAddress } : email.toAddress,
        subject: email.subject,
        text: email.textBody,
        html: email.htmlBody,
        messageId: email.messageId,
        // nodemailer attaches icalEvent itself; attaching the file as well would send it twice.
        ...(email.calendarContent && email.calendarMethod
          ? { icalEvent: { method: email.calendarMethod, filename: 'invite.ics', content: email.calendarContent } }
          : {}),
      });
    },
    close: () => transporter.close(),
  };
}
