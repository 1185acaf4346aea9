import { useEffect, useRef } from 'react';

/**
 * Shown once setup succeeds. Signing the new user in and opening the dashboard come next; they
 * belong here, in place of this confirmation, when the session API exists.
 */
export function WorkspaceCreated({ workspaceName }: { workspaceName: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The form and its focused button are gone; put keyboard and screen-reader focus on the outcome.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="card" aria-labelledby="workspace-created-title">
      <div className="card__icon" aria-hidden="true">
        ✓
      </div>
      <h2 id="workspace-created-title" ref={headingRef} tabIndex={-1} className="card__title">
        Workspace created
      </h2>
      <p className="card__lead">
        <strong className="card__name">{workspaceName}</strong> is set up, with you as its first user.
      </p>
    </section>
  );
}
