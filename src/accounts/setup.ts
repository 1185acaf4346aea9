import { sql } from 'drizzle-orm';
import type { Db } from '../core/database/database.ts';
import { users, workspace } from '../core/database/schema.ts';
import { ConferError } from '../core/errors/confer-error.ts';
import { hashPassword } from './password.ts';

export interface SetupInput {
  workspaceName: string;
  name: string;
  email: string;
  password: string;
}

/**
 * First run: names the workspace and creates its owner, once. Two requests racing here serialise
 * on a transaction-scoped lock; the second finds the owner and gets SETUP_ALREADY_DONE.
 */
export async function createWorkspace(db: Db, input: SetupInput): Promise<{ userId: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('confer:setup'))`);
    const [existing] = await tx.select({ id: users.id }).from(users).limit(1);
    if (existing) throw new ConferError('SETUP_ALREADY_DONE', 'This Confer already has its workspace and owner. Sign in instead.');
    await tx.insert(workspace).values({ name: input.workspaceName.trim() }).onConflictDoUpdate({ target: workspace.id, set: { name: input.workspaceName.trim() } });
    const [owner] = await tx
      .insert(users)
      .values({ email: input.email.trim().toLowerCase(), name: input.name.trim(), role: 'owner', passwordHash })
      .returning({ id: users.id });
    return { userId: owner!.id };
  });
}
