/**
 * `npm run confer -- users create`: adds a user from the shell, for operators who automate setup.
 * On a Confer with no users yet it creates the workspace and its owner, as the first page does.
 * The password comes on standard input (`--password-stdin`), or one is generated and printed once.
 */
import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createWorkspace } from '../src/accounts/setup.ts';
import type { Viewer } from '../src/accounts/sessions.ts';
import { createUser } from '../src/accounts/users.ts';
import { users } from '../src/core/database/schema.ts';
import { ConferError } from '../src/core/errors/confer-error.ts';
import { withOperatorDatabase } from './operator-database.ts';

export const usersHelp = `Usage: npm run confer -- users create --email EMAIL --name NAME [--role member|admin|owner]
                                   [--workspace NAME] [--password-stdin]

Adds a user. With no users yet, creates the workspace (--workspace names it) and makes the user its
owner. The password is read from standard input with --password-stdin (at least 12 characters);
otherwise one is generated and printed once.`;

const input = z.object({
  email: z.email('must be an email address'),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  role: z.enum(['member', 'admin', 'owner'], { error: 'must be member, admin or owner' }),
  workspace: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  password: z.string().min(12, 'must be at least 12 characters').max(200),
});

function usageError(message: string): never {
  throw new ConferError('VALIDATION_FAILED', `${message}\n\n${usersHelp}`);
}

export async function usersCommand(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action !== 'create') usageError(action ? `Unknown users command "${action}".` : 'Say what to do: users create.');
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'member' },
      workspace: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false },
    },
  });
  const generated = values['password-stdin'] ? undefined : randomBytes(12).toString('base64url');
  const password = generated ?? (await text(process.stdin)).replace(/\r?\n$/, '');
  const parsed = input.safeParse({ ...values, password });
  if (!parsed.success) usageError(parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n'));
  const person = parsed.data;

  await withOperatorDatabase(async ({ database }) => {
    const [anyone] = await database.db.select({ id: users.id }).from(users).limit(1);
    if (anyone) {
      // Whoever runs this holds the server and its database: they act with an owner's authority.
      const operator: Viewer = { userId: '', role: 'owner', email: '', name: 'operator', sessionTokenHash: '' };
      const user = await createUser(database.db, operator, person);
      console.log(`Created ${user.role} ${user.name} <${user.email}>.`);
    } else {
      if (person.role === 'admin') usageError('The first user is the workspace owner: leave out --role or say --role owner.');
      await createWorkspace(database.db, { workspaceName: person.workspace ?? 'Confer', name: person.name, email: person.email, password: person.password });
      console.log(`Created the workspace "${person.workspace ?? 'Confer'}" and its owner ${person.name} <${person.email.toLowerCase()}>.`);
    }
  });
  if (generated) console.log(`Password (shown once): ${generated}`);
}
