import type { AuthorizePageError } from '../errors.ts';
import { html } from './html.ts';
import { zoomPage } from './layout.ts';

/** Zoom's error page for the authorize step: the message and Zoom's error number, no redirect. */
export function errorPage(error: AuthorizePageError): string {
  return zoomPage(
    'Error - Zoom',
    html`<h1>Oops! We ran into an error</h1>
<p class="error" role="alert">${error.message}</p>
<p class="code">Error code: ${error.zoomCode}</p>`,
  );
}

/** What a Decline shows when the emulator is set not to redirect. */
export function declinedPage(appName: string): string {
  return zoomPage(
    'Access declined - Zoom',
    html`<h1>Access declined</h1>
<p>You declined to give ${appName} access to your Zoom account. You can close this window.</p>`,
  );
}

/** After a member pressed **Request pre-approval**: the admins were asked; nothing goes back to the app. */
export function preApprovalRequestedPage(appName: string): string {
  return zoomPage(
    'Pre-approval requested - Zoom',
    html`<h1>Request sent</h1>
<p class="success" role="status">Your request to pre-approve ${appName} has been sent to your account admin.</p>
<p>You will not be able to connect ${appName} until your admin pre-approves it. You can close this window.</p>`,
  );
}

/** A member who is not allowed to pre-approve tried to. */
export function notAllowedPage(appName: string): string {
  return zoomPage(
    'Not allowed - Zoom',
    html`<h1>Only an admin can pre-approve apps</h1>
<p>Ask your account admin to pre-approve ${appName}.</p>`,
  );
}
