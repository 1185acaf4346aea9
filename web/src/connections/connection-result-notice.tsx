import type { ConnectionResult } from './oauth-popup.ts';

/** What went wrong with connecting, in the words the person needs, with the admin steps where they apply. */
export function ConnectionFailureNotice({ result, approvalSteps, onDismiss }: { result: Exclude<ConnectionResult, { ok: true }>; approvalSteps: string[]; onDismiss: () => void }) {
  const closed = 'closed' in result;
  const steps = closed ? approvalSteps : (result.error.steps ?? []);
  return (
    <div className="notice notice--error connection-failure" role="alert">
      <p className="connection-failure__title">{closed ? 'Zoom did not finish connecting' : result.error.title}</p>
      <p>
        {closed
          ? 'The Zoom tab was closed before Confer heard back. If Zoom said “This app requires your pre-approval”, you cannot connect until a Zoom admin pre-approves Confer. Ask your Zoom admin to:'
          : result.error.detail}
      </p>
      {steps.length > 0 && (
        <ol className="connection-failure__steps">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      )}
      <button type="button" className="button button--secondary" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
