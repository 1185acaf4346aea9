import { describe, expect, it } from 'vitest';
import { connectionNeedsReauthorizationEmail, connectionRevokedInZoomEmail } from './connection-emails.ts';

describe('connection emails', () => {
  it('say what happened and link to the page that fixes it, in text and escaped HTML', () => {
    const email = connectionNeedsReauthorizationEmail({
      recipientName: 'Ana <script>alert(1)</script>', connectionName: 'Sales & Co', zoomEmail: 'ana@example.com',
      reason: 'Invalid Token! (invalid_grant)', reauthorizeUrl: 'https://confer.example.com/settings/video-conferencing',
    });
    expect(email.subject).toBe('Your Zoom connection needs re-authorization');
    expect(email.text).toContain('Re-authorize: https://confer.example.com/settings/video-conferencing');
    expect(email.text).toContain('Zoom said: Invalid Token! (invalid_grant).');
    expect(email.html).toContain('Ana &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Sales &amp; Co');
    const revoked = connectionRevokedInZoomEmail({ recipientName: 'Ana', connectionName: 'Zoom', zoomEmail: null, reconnectUrl: 'https://c.example/x' });
    expect(revoked.subject).toBe('Your Zoom connection was removed in Zoom');
    expect(revoked.text).toContain('cannot get a Zoom meeting until you connect Zoom again');
  });
});
