import { eq } from 'drizzle-orm';
import type { Db } from '../core/database/database.ts';
import { users } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { recordSignInFailure, signInBlockedFor } from './sign-in-throttle.ts';

// Checked against for unknown emails, so a wrong email costs the same time as a wrong password.
const unknownUserHash = hashPassword('no user has this password');

/** Checks an email and password; the same answer for an unknown email and a wrong password. */
export async function signIn(db: Db, input: { email: string; password: string; address: string }): Promise<{ userId: string }> {
  const email = input.email.trim().toLowerCase();
  const blocked = await signInBlockedFor(db, email, input.address);
  if (blocked > 0) {
    throw new ConferError('SIGN_IN_RATE_LIMITED', `Too many failed sign-ins. Try again in ${Math.ceil(blocked / 60)} minute${blocked > 60 ? 's' : ''}.`, { retryAfterSeconds: blocked });
  }
  const [user] = await db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email));
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await unknownUserHash));
  if (!user || !valid) {
    await recordSignInFailure(db, email, input.address);
    throw new ConferError('SIGN_IN_FAILED', 'The email or the password is not right.');
  }
  return { userId: user.id };
}
