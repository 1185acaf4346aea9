import { z } from 'zod';

/** The control API's request bodies. Strict objects: a misspelt field is a 400, not silently ignored. */

const isTimeZone = (value: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
};

const httpUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), { error: 'must be an http(s) URL' });

const scope = z.string().regex(/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*$/, { error: 'must be a Zoom scope such as meeting:write' });

export const accountBody = z.strictObject({
  id: z.string().min(1).optional(),
  name: z.string().trim().min(1).max(200),
  plan: z.enum(['free', 'pro', 'business']).default('pro'),
  requirePreApproval: z.boolean().default(false),
});

const meetingSettings = z
  .strictObject({
    waitingRoom: z.boolean(),
    requirePasscode: z.boolean(),
    joinBeforeHost: z.boolean(),
    autoRecording: z.enum(['local', 'cloud', 'none']),
    muteUponEntry: z.boolean(),
    hostVideo: z.boolean(),
    participantVideo: z.boolean(),
  })
  .partial();

export const userBody = z.strictObject({
  id: z.string().min(1).optional(),
  accountId: z.string().min(1),
  email: z.email(),
  password: z.string().min(1),
  firstName: z.string().max(64).default(''),
  lastName: z.string().max(64).default(''),
  role: z.enum(['owner', 'admin', 'member']).default('member'),
  timezone: z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as America/New_York' }).default('UTC'),
  pmi: z.number().int().min(1_000_000_000).max(9_999_999_999).optional(),
  settings: meetingSettings.optional(),
});

const webhookBody = z.strictObject({
  url: httpUrl,
  secretToken: z.string().min(1).optional(),
  events: z.array(z.string().min(1)).min(1),
});

export const appBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  redirectUris: z.array(httpUrl).default([]),
  scopes: z.array(scope).min(1),
  webhook: webhookBody.optional(),
  tokenTolerance: z.number().int().min(1).max(100).optional(),
  clientId: z.string().min(1).max(200).optional(),
  clientSecret: z.string().min(1).max(200).optional(),
});

export const appPatchBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  redirectUris: z.array(httpUrl).optional(),
  scopes: z.array(scope).min(1).optional(),
  webhook: webhookBody.nullable().optional(),
  tokenTolerance: z.number().int().min(1).max(100).optional(),
  disabled: z.boolean().optional(),
});

export const approvalBody = z.strictObject({
  accountId: z.string().min(1),
  userIds: z.array(z.string().min(1)).min(1).optional(),
});

export const approvalWithdrawalBody = z.strictObject({ accountId: z.string().min(1) });

export const clockBody = z.strictObject({
  // Forward only: running the clock backwards would resurrect expired codes and tokens.
  advanceSeconds: z.number().min(0).max(20 * 365 * 24 * 3600),
});

/** The settings the control API may change; `publicUrl` is where the emulator listens, so it is not one. */
export const settingsBody = z.strictObject({
  declineBehavior: z.enum(['no_redirect', 'redirect']).optional(),
  refreshTokenTtlSeconds: z.number().int().min(1).optional(),
  accessTokenTtlSeconds: z.number().int().min(1).optional(),
  strictRedirect: z.boolean().optional(),
  rateLimits: z.boolean().optional(),
  classicWriteImpliesRead: z.boolean().optional(),
  missingScopeCode: z.union([z.literal(4711), z.literal(4700), z.literal(104)]).optional(),
  webhookRetries: z.enum(['non_2xx', '5xx_and_timeouts']).optional(),
});
