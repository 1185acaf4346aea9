import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { createWorkspace, type SetupRequest } from '../api/setup.ts';
import { PasswordField } from '../components/password-field.tsx';
import { TextField } from '../components/text-field.tsx';
import { minimumPasswordLength, setupFields, toSetupRequest, validateSetup, type SetupErrors, type SetupField } from './setup-validation.ts';

const empty: SetupRequest = { workspaceName: '', name: '', email: '', password: '' };

/**
 * First-run setup: the workspace and its first user. Validates before sending, so an incomplete
 * form never reaches the server; a refusal from the server is shown without losing what was typed.
 */
export function CreateWorkspaceForm({ onCreated }: { onCreated: (workspaceName: string) => void }) {
  const [values, setValues] = useState<SetupRequest>(empty);
  const [errors, setErrors] = useState<SetupErrors>({});
  const [attempted, setAttempted] = useState(false);
  const [pending, setPending] = useState(false);
  // An object, so the same refusal twice is still a new failure that takes the focus.
  const [failure, setFailure] = useState<{ message: string }>();
  const inputs = useRef<Partial<Record<SetupField, HTMLInputElement | null>>>({});
  const alertRef = useRef<HTMLDivElement>(null);

  // Keyboard and screen-reader users land on the explanation rather than on a re-enabled button.
  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  const change = (field: SetupField) => (value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    // Once the person has tried to submit, messages follow their corrections as they type.
    if (attempted) setErrors(validateSetup(next));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setAttempted(true);
    const found = validateSetup(values);
    setErrors(found);
    const firstInvalid = setupFields.find((field) => found[field]);
    if (firstInvalid) {
      inputs.current[firstInvalid]?.focus();
      return;
    }
    setPending(true);
    setFailure(undefined);
    const request = toSetupRequest(values);
    try {
      await createWorkspace(request);
      onCreated(request.workspaceName);
    } catch (error) {
      setFailure({ message: error instanceof Error ? error.message : String(error) });
      if (error instanceof ApiError) setErrors(fieldErrorsFrom(error));
      setPending(false);
    }
  };

  const bind = (field: SetupField) => ({
    id: `setup-${field}`,
    value: values[field],
    onValueChange: change(field),
    error: errors[field],
    ref: (element: HTMLInputElement | null) => {
      inputs.current[field] = element;
    },
  });

  return (
    <form className="card" aria-labelledby="create-workspace-title" noValidate onSubmit={submit}>
      <h2 id="create-workspace-title" className="card__title">
        Create your workspace
      </h2>
      <p className="card__lead">You will be its first user and can invite your team afterwards.</p>
      {failure && (
        <div ref={alertRef} role="alert" tabIndex={-1} className="notice notice--error">
          {failure.message}
        </div>
      )}
      <TextField {...bind('workspaceName')} label="Workspace name" autoComplete="organization" />
      <TextField {...bind('name')} label="Your name" autoComplete="name" />
      <TextField {...bind('email')} label="Email" type="email" autoComplete="email" spellCheck={false} />
      <PasswordField
        {...bind('password')}
        label="Password"
        hint={`At least ${minimumPasswordLength} characters.`}
        autoComplete="new-password"
      />
      <button type="submit" className="button button--primary button--block" disabled={pending}>
        {pending ? 'Creating…' : 'Create workspace'}
      </button>
    </form>
  );
}

/** The server's field-level problems, placed next to the fields they name. */
function fieldErrorsFrom(error: ApiError): SetupErrors {
  const placed: SetupErrors = {};
  for (const { field, message } of error.errors) {
    if ((setupFields as readonly string[]).includes(field)) placed[field as SetupField] ??= message;
  }
  return placed;
}
