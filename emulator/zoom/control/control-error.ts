/** The control API's errors, by code: the code is what tests branch on, the status what HTTP says. */
export const controlErrorCatalog = {
  INVALID_BODY: 400,
  ACCOUNT_NOT_FOUND: 404,
  APP_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  CLIENT_ID_TAKEN: 409,
  ACCOUNT_ID_TAKEN: 409,
  USER_ID_TAKEN: 409,
} as const;

export type ControlErrorCode = keyof typeof controlErrorCatalog;

/** A control API request the emulator refuses; answered as `{error: code, message}`. */
export class ControlError extends Error {
  readonly code: ControlErrorCode;
  readonly status: number;

  constructor(code: ControlErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ControlError';
    this.code = code;
    this.status = controlErrorCatalog[code];
  }
}
