/** What the first page says once setup has happened on this server. */
export function WorkspaceReady({ workspaceName, version }: { workspaceName: string | undefined; version: string }) {
  return (
    <section className="card" aria-labelledby="workspace-ready-title">
      <h2 id="workspace-ready-title" className="card__title">
        {workspaceName ? (
          <>
            Workspace <span className="card__name">{workspaceName}</span> is ready.
          </>
        ) : (
          'This workspace is ready.'
        )}
      </h2>
      <p className="card__lead">Setup is complete on this server, which runs Confer {version}.</p>
    </section>
  );
}
