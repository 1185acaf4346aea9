import type { SetupRequest } from '../api/setup.ts';

export type SetupField = keyof SetupRequest;
export type SetupErrors = Partial<Record<SetupField, string>>;

/** Confer's minimum password length; the server enforces the same. */
export const minimumPasswordLength = 12;

// The HTML standard's definition of a valid email address: what <input type=email> accepts.
const emailPattern =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** Checks the form before anything is sent; each message says how to fix the field. */
export function validateSetup(values: SetupRequest): SetupErrors {
  const errors: SetupErrors = {};
  if (!values.workspaceName.trim()) errors.workspaceName = 'Enter a name for your workspace.';
  if (!values.name.trim()) errors.name = 'Enter your name.';
  const email = values.email.trim();
  if (!email) errors.email = 'Enter your email address.';
  else if (!emailPattern.test(email)) errors.email = 'Enter an email address like name@example.com.';
  // Counted in characters a person sees typing, not UTF-16 units.
  const length = [...values.password].length;
  if (length === 0) errors.password = `Enter a password of at least ${minimumPasswordLength} characters.`;
  else if (length < minimumPasswordLength)
    errors.password = `Use at least ${minimumPasswordLength} characters for your password; this one has ${length}.`;
  return errors;
}

/** The request as sent: names and email trimmed, the password exactly as typed. */
export function toSetupRequest(values: SetupRequest): SetupRequest {
  return { workspaceName: values.workspaceName.trim(), name: values.name.trim(), email: values.email.trim(), password: values.password };
}

export const setupFields: readonly SetupField[] = ['workspaceName', 'name', 'email', 'password'];
