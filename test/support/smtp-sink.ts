import { SMTPServer } from 'smtp-server';

/** One message the sink accepted: envelope and raw text (headers and MIME parts). */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** When the sink accepted it (answered 250 to its data): what "delivered" means to the sender. */
  acceptedAt: Date;
}

/**
 * A real SMTP server on loopback that keeps what it receives, for mail tests. It can refuse the
 * next messages with a temporary (4xx) or permanent (5xx) answer, as real servers do, or leave
 * them unanswered.
 */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  const refusals: Array<{ code: number; message: string }> = [];
  const holds: Array<{ to: string | undefined }> = [];
  /** Messages taken in whole and never answered (their sender waits until it gives up or dies). */
  const held: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        const hold = holds.findIndex((h) => h.to === undefined || recipients.includes(h.to));
        if (hold >= 0) {
          holds.splice(hold, 1);
          held.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8'), acceptedAt: new Date() });
          return;
        }
        const refusal = refusals.shift();
        if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          acceptedAt: new Date(),
        });
        callback();
      });
    },
  });
  // A sender that vanishes mid-connection (a worker killed on purpose, its pooled SMTP connection
  // reset) is an event for the sink to note, not a crash: without a listener, smtp-server's 'error'
  // would be thrown as an uncaught exception in the test process.
  const connectionErrors: Error[] = [];
  server.on('error', (error: Error) => connectionErrors.push(error));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Connections that failed (reset by a sender that died): noted, never thrown. */
    connectionErrors,
    /** The next `count` messages are answered with `code`. */
    refuseNext(count: number, code: number, message = code >= 500 ? 'Mailbox unavailable' : 'Try again later') {
      for (let i = 0; i < count; i++) refusals.push({ code, message });
    },
    held,
    /** The next `count` messages (to `to`, when given) get no answer at all, as from a server that hangs mid-transaction. */
    holdNext(count: number, to?: string) {
      for (let i = 0; i < count; i++) holds.push({ to });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
