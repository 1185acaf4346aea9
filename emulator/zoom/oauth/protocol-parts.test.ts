import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseBasicCredentials } from './client-auth.ts';
import { ConsentTicketSigner } from './consent-ticket.ts';
import { opaqueZoomToken } from './opaque-token.ts';
import { escapeHtml, html } from './pages/html.ts';
import { parseChallengeMethod, pkceVerifierMatches } from './pkce.ts';
import { redirectUriMatches } from './redirect-uri.ts';
import { describeScope, describeScopes } from './scope-descriptions.ts';

describe('redirectUriMatches', () => {
  const registered = ['https://confer.test/cb', 'http://127.0.0.1:3000/cb', 'http://[::1]/cb'];
  it.each([
    ['https://confer.test/cb', true, true],
    ['https://confer.test/cb/more', true, false],
    ['https://confer.test/cb/more', false, true],
    ['https://confer.test:444/cb', true, false],
    ['http://confer.test/cb', true, false],
    ['http://127.0.0.1:49152/cb', true, true],
    ['http://127.0.0.1/cb', true, true],
    ['http://127.0.0.1:49152/cb?x=1', true, false],
    ['http://localhost:3000/cb', true, false],
    ['http://[::1]:8080/cb', true, true],
    ['', true, false],
    ['not a url', false, false],
  ])('%s (strict %s) → %s', (requested, strict, expected) => {
    expect(redirectUriMatches(registered, requested, strict)).toBe(expected);
  });
});

describe('parseBasicCredentials', () => {
  const encode = (raw: string) => `Basic ${Buffer.from(raw).toString('base64')}`;
  it('decodes form-url-encoded id and secret', () => {
    expect(parseBasicCredentials(encode('a%3Ab+c:s%2Fe+t%25'))).toEqual({ clientId: 'a:b c', clientSecret: 's/e t%' });
  });
  it('splits at the first colon', () => {
    expect(parseBasicCredentials(encode('id:sec:ret'))).toEqual({ clientId: 'id', clientSecret: 'sec:ret' });
  });
  it.each([undefined, '', 'Bearer x', 'Basic', encode('no-colon'), encode('bad%zz:x')])('refuses %s', (header) => {
    expect(parseBasicCredentials(header)).toBeUndefined();
  });
});

describe('PKCE', () => {
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  it('checks S256 as RFC 7636 appendix B does', () => {
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(pkceVerifierMatches('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'S256', verifier)).toBe(true);
  });
  it('refuses verifiers outside 43–128 unreserved characters', () => {
    expect(pkceVerifierMatches('short', 'plain', 'short')).toBe(false);
    expect(pkceVerifierMatches(`${'a'.repeat(42)}!`, 'plain', `${'a'.repeat(42)}!`)).toBe(false);
  });
  it('defaults to plain and knows only S256 besides', () => {
    expect(parseChallengeMethod(undefined)).toBe('plain');
    expect(parseChallengeMethod('S256')).toBe('S256');
    expect(parseChallengeMethod('s256')).toBeUndefined();
  });
});

describe('consent scope words', () => {
  it("uses Zoom's words for the classic scopes", () => {
    expect(describeScopes(['meeting:write', 'user_info:read', 'recording:read'])).toEqual([
      "View and manage current user's meetings",
      "View current user's information",
      "View and manage current user's recordings",
    ]);
  });
  it('words granular scopes and their admin variants', () => {
    expect(describeScope('meeting:write:meeting')).toBe('Create meetings for current user');
    expect(describeScope('meeting:update:meeting')).toBe("Update current user's meetings");
    expect(describeScope('meeting:delete:meeting')).toBe("Delete current user's meetings");
    expect(describeScope('meeting:read:meeting')).toBe("View current user's meetings");
    expect(describeScope('cloud_recording:read:list_recording_files')).toBe("View current user's meeting recording files");
    expect(describeScope('cloud_recording:read:list_user_recordings')).toBe("View current user's recordings");
    expect(describeScope('user:read:user')).toBe("View current user's information");
    expect(describeScope('meeting:write:meeting:admin')).toBe('Create meetings for all users');
    expect(describeScope('meeting:write:admin')).toBe("View and manage all users' meetings");
    expect(describeScope('phone:read:call_log')).toBe("View current user's call log");
  });
  it('lists a description once even when two scopes share it', () => {
    expect(describeScopes(['user_info:read', 'user:read:user'])).toEqual(["View current user's information"]);
  });
});

describe('HTML escaping', () => {
  it('escapes every interpolated string', () => {
    expect(html`<p title="${'"x"'}">${'<b>&</b>'}</p>`.safe).toBe('<p title="&quot;x&quot;">&lt;b&gt;&amp;&lt;/b&gt;</p>');
    expect(escapeHtml("it's").safe).toBe('it&#39;s');
  });
  it('does not escape nested safe fragments twice', () => {
    expect(html`<ul>${[html`<li>${'a<b'}</li>`]}</ul>`.safe).toBe('<ul><li>a&lt;b</li></ul>');
  });
});

describe('tokens and tickets', () => {
  it('makes JWT-shaped tokens whose payload is not JSON', () => {
    const token = opaqueZoomToken();
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toMatchObject({ alg: 'HS512' });
    expect(() => JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).toThrow();
    expect(signature).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(opaqueZoomToken()).not.toBe(token);
  });
  it('refuses tampered and expired consent tickets', () => {
    const signer = new ConsentTicketSigner();
    const ticket = signer.sign({ request: { clientId: 'c', redirectUri: 'https://x.test' }, userId: 'u', expiresAt: 1000 });
    expect(signer.verify(ticket, 999)?.userId).toBe('u');
    expect(signer.verify(ticket, 1000)).toBeUndefined();
    const [body, mac] = ticket.split('.');
    const forged = Buffer.from(JSON.stringify({ request: { clientId: 'c', redirectUri: 'https://x.test' }, userId: 'admin', expiresAt: 1000 })).toString('base64url');
    expect(signer.verify(`${forged}.${mac}`, 0)).toBeUndefined();
    expect(signer.verify(`${body}.${mac}.x`, 0)).toBeUndefined();
    expect(new ConsentTicketSigner().verify(ticket, 0)).toBeUndefined();
  });
});
