import { useState } from 'react';
import type { ConferStatus } from '../api/status.ts';
import { CreateWorkspaceForm } from '../setup/create-workspace-form.tsx';
import { WorkspaceCreated } from '../setup/workspace-created.tsx';
import { WorkspaceReady } from './workspace-ready.tsx';

/** `/` and `/setup`: first-run setup while it is needed, the workspace's state after. */
export function SetupPage({ status }: { status: ConferStatus }) {
  const [created, setCreated] = useState<string>();
  if (created !== undefined) return <WorkspaceCreated workspaceName={created} />;
  if (!status.setupRequired) return <WorkspaceReady workspaceName={status.workspaceName} version={status.version} />;
  return <CreateWorkspaceForm onCreated={setCreated} />;
}
