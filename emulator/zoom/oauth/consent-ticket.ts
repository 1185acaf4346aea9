import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthorizationRequest } from './authorization-request.ts';

/**
 * The sign-in "session": the validated authorization request (and, after sign-in, the user) carried
 * through the forms as a signed hidden field instead of a cookie, so a real browser and a plain
 * HTTP client drive the pages the same way. Signed with a key that lives as long as the process:
 * a page left open across a restart must start over, as an expired Zoom session would.
 */
export interface ConsentTicket {
  request: AuthorizationRequest;
  userId?: string;
  /** Emulator-clock milliseconds after which the ticket is refused. */
  expiresAt: number;
}

/** How long a sign-in or consent page stays usable. */
export const ticketLifetimeMs = 30 * 60 * 1000;

export class ConsentTicketSigner {
  readonly #key = randomBytes(32);

  sign(ticket: ConsentTicket): string {
    const body = Buffer.from(JSON.stringify(ticket)).toString('base64url');
    return `${body}.${this.#mac(body)}`;
  }

  /** The ticket, or undefined when it is forged, damaged or expired at `now`. */
  verify(value: string | undefined, now: number): ConsentTicket | undefined {
    if (!value) return undefined;
    const [body, mac, extra] = value.split('.');
    if (!body || !mac || extra !== undefined) return undefined;
    const expected = Buffer.from(this.#mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const ticket = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as ConsentTicket;
    return ticket.expiresAt > now ? ticket : undefined;
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest('base64url');
  }
}
