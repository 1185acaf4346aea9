import type { ConferStatus } from '../api/status.ts';
import { CreateWorkspaceForm } from '../setup/create-workspace-form.tsx';
import { WorkspaceReady } from './workspace-ready.tsx';

/**
 * `/setup` (and `/` on a fresh Confer): first-run setup while it is needed. Setup signs the new
 * owner in, so the page reloads into the signed-in app.
 */
export function SetupPage({ status }: { status: ConferStatus }) {
  if (!status.setupRequired) return <WorkspaceReady workspaceName={status.workspaceName} version={status.version} />;
  return <CreateWorkspaceForm onCreated={() => window.location.assign('/')} />;
}
