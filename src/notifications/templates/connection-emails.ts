import { renderEmail } from './layout.ts';

interface ConnectionEmailInput {
  recipientName: string;
  connectionName: string;
  zoomEmail: string | null;
}

const which = (input: ConnectionEmailInput) => `“${input.connectionName}”${input.zoomEmail ? ` (Zoom account ${input.zoomEmail})` : ''}`;

/** To a connection's owner: Zoom stopped accepting it; Re-authorize brings it back. */
export function connectionNeedsReauthorizationEmail(input: ConnectionEmailInput & { reason: string; reauthorizeUrl: string }) {
  return renderEmail({
    subject: 'Your Zoom connection needs re-authorization',
    greeting: `Hello ${input.recipientName},`,
    blocks: [
      { text: `Zoom no longer accepts Confer’s access for your connection ${which(input)}. Zoom said: ${input.reason}.` },
      { text: 'Until you re-authorize it, Confer cannot create Zoom meetings through this connection. Bookings are kept; their meetings are created once the connection works again.' },
      { action: 'Re-authorize', url: input.reauthorizeUrl },
    ],
  });
}

/** To a connection's owner: the Zoom user removed Confer in Zoom; the connection is revoked. */
export function connectionRevokedInZoomEmail(input: ConnectionEmailInput & { reconnectUrl: string }) {
  return renderEmail({
    subject: 'Your Zoom connection was removed in Zoom',
    greeting: `Hello ${input.recipientName},`,
    blocks: [
      { text: `Confer was removed from the Zoom account of your connection ${which(input)}, so the connection is revoked and Confer deleted the Zoom data it held for it.` },
      { text: 'New bookings through this connection cannot get a Zoom meeting until you connect Zoom again. Meetings that already exist in Zoom stay there.' },
      { action: 'Connect Zoom again', url: input.reconnectUrl },
    ],
  });
}
