import { html, type SafeHtml } from './html.ts';
import { zoomPage } from './layout.ts';

/**
 * Where the user stands with the account's pre-approval rule: not required; required and given;
 * required and missing, for a member (who can only ask) or an owner/admin (who can approve).
 */
export type PreApprovalView = 'not_required' | 'approved' | 'member_must_request' | 'admin_may_approve';

export interface ConsentView {
  appName: string;
  userEmail: string;
  ticket: string;
  permissions: string[];
  preApproval: PreApprovalView;
  /** Right after an admin pressed **Pre-approve**. */
  justPreApproved?: boolean;
}

const button = (action: string, label: string, kind: 'primary' | 'secondary'): SafeHtml =>
  html`<button type="submit" name="action" value="${action}" class="${kind}">${label}</button>`;

/** Zoom's consent page, with its pre-approval variants (seed wording). */
export function consentPage(view: ConsentView): string {
  const mayAuthorize = view.preApproval === 'not_required' || view.preApproval === 'approved';
  const primary =
    view.preApproval === 'member_must_request'
      ? button('request_preapproval', 'Request pre-approval', 'primary')
      : view.preApproval === 'admin_may_approve'
        ? button('preapprove', 'Pre-approve', 'primary')
        : button('authorize', 'Authorize', 'primary');
  return zoomPage(
    `${view.appName} - Zoom`,
    html`${view.justPreApproved ? html`<div class="success" role="status">✓ The app has been pre-approved successfully</div>` : undefined}
<h1>${view.appName} is requesting access to your Zoom account</h1>
<p class="muted">Signed in as ${view.userEmail}</p>
${requirement(view)}
<ul class="permissions">${view.permissions.map((p) => html`<li>${p}</li>`)}</ul>
${mayAuthorize ? sensitiveInfo(view.appName) : undefined}
<form method="post" action="/oauth/consent">
<input type="hidden" name="ticket" value="${view.ticket}">
<div class="actions">${primary}${button('decline', 'Decline', 'secondary')}</div>
</form>`,
  );
}

function requirement(view: ConsentView): SafeHtml | undefined {
  switch (view.preApproval) {
    case 'not_required':
      return undefined;
    case 'approved':
      return html`<p>This app requires your pre-approval <span class="badge">✓ Pre-approved</span></p>`;
    case 'admin_may_approve':
      return html`<p>This app requires your pre-approval</p>
<p class="notice">As an admin of your account, you can pre-approve ${view.appName} for everyone on the account.</p>`;
    case 'member_must_request':
      return html`<p>This app requires your pre-approval</p>
<p class="notice">Your account admin must pre-approve ${view.appName} before you can connect it. Request pre-approval to notify your admin.</p>`;
  }
}

const sensitiveInfo = (appName: string): SafeHtml =>
  html`<p class="fine">You may be sharing sensitive info with this site or app. By clicking Authorize, you authorize this app to use your information in accordance with their <a href="#">Privacy Policy</a>. At any time you can revoke access for ${appName} or any other app by visiting your <a href="#">Installed Apps</a> page.</p>`;
