import { html } from './html.ts';
import { zoomPage } from './layout.ts';

export interface SignInView {
  appName: string;
  ticket: string;
  email?: string;
  error?: string;
}

/** Zoom's sign-in page: **Email address**, **Password**, **Sign In**. */
export function signInPage(view: SignInView): string {
  return zoomPage(
    'Sign In - Zoom',
    html`<h1>Sign In</h1>
<p class="muted">to continue to ${view.appName}</p>
${view.error === undefined ? undefined : html`<div class="error" role="alert">${view.error}</div>`}
<form method="post" action="/oauth/signin">
<input type="hidden" name="ticket" value="${view.ticket}">
<label for="email">Email address</label>
<input type="email" id="email" name="email" autocomplete="username" required value="${view.email ?? ''}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<div class="actions"><button type="submit" class="primary wide">Sign In</button></div>
</form>`,
  );
}
