/**
 * `npm run confer -- <command>`: Confer's operator commands, each with `--help`. `start` is what
 * `npm start` runs; `web` and `worker` are the two halves of it, for running many processes
 * against one PostgreSQL (docs/operations.md).
 */
import { fileURLToPath } from 'node:url';
import { loadConfig, readDotEnv } from '../src/core/config/config.ts';
import { ConferError, isConferError } from '../src/core/errors/confer-error.ts';
import { exitWithStartError, runConfer, stopOnSignals } from '../src/server.ts';
import { usersCommand, usersHelp } from './confer-users.ts';
import { withOperatorDatabase } from './operator-database.ts';

interface Command {
  summary: string;
  help: string;
  run(args: string[]): Promise<void>;
}

/** Runs another script of this project as if it had been started with `args`. */
async function delegate(script: string, args: string[]): Promise<void> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  process.argv = [process.argv[0]!, path, ...args];
  await import(path);
}

/** One half of Confer. Both halves share a PostgreSQL and a key ring, or they could not share work. */
function half(roles: { http: boolean; jobs: boolean }): () => Promise<void> {
  return async () => {
    readDotEnv();
    const config = loadConfig(process.env);
    const missing = [config.databaseUrl ? '' : 'DATABASE_URL', config.encryptionKeys ? '' : 'CONFER_ENCRYPTION_KEYS'].filter(Boolean);
    if (missing.length > 0) {
      exitWithStartError(new ConferError('CONFIG_INVALID', `Web and worker processes share one PostgreSQL and one key ring; set ${missing.join(' and ')}. For one process with everything in it, run: npm start`));
    }
    await runConfer({ env: process.env, roles }).then(stopOnSignals, exitWithStartError);
  };
}

const commands: Record<string, Command> = {
  start: {
    summary: 'everything in one process: web, jobs, embedded database, sandbox Zoom (as npm start)',
    help: 'Usage: npm run confer -- start\n\nBuilds the web app if needed, starts the sandbox Zoom emulator when no Zoom app is configured, and runs\nConfer with the embedded PostgreSQL unless DATABASE_URL is set. Configuration: README.md.',
    run: (args) => delegate('./start.ts', args),
  },
  web: {
    summary: 'serve HTTP only (needs DATABASE_URL and CONFER_ENCRYPTION_KEYS)',
    help: 'Usage: npm run confer -- web\n\nServes the web app and the API and queues jobs, but works none: worker processes on the same\nPostgreSQL do. Needs DATABASE_URL and CONFER_ENCRYPTION_KEYS, the same for every process.',
    run: half({ http: true, jobs: false }),
  },
  worker: {
    summary: 'work jobs only (needs DATABASE_URL and CONFER_ENCRYPTION_KEYS)',
    help: 'Usage: npm run confer -- worker\n\nWorks the job queue (Zoom meetings, emails, Zoom events, token keep-alive) and serves no HTTP. Needs\nDATABASE_URL and CONFER_ENCRYPTION_KEYS, the same for every process.',
    run: half({ http: false, jobs: true }),
  },
  migrate: {
    summary: 'apply the database migrations, then exit',
    help: 'Usage: npm run confer -- migrate\n\nApplies the migrations Confer has not applied yet (every process also does this as it starts, one at\na time under a lock), then exits.',
    async run() {
      await withOperatorDatabase(async ({ applied }) => {
        console.log(applied.length ? `Applied ${applied.join(', ')}.` : 'The database is up to date.');
      });
    },
  },
  users: {
    summary: 'create: add a user (on a new Confer, the workspace and its owner)',
    help: usersHelp,
    run: usersCommand,
  },
  keys: {
    summary: 'rotate | status: re-encrypt stored secrets under the newest key, or count them per key',
    help: 'Usage: npm run confer -- keys rotate | status\n\nSee "Rotating the encryption key" in README.md.',
    run: (args) => delegate('./keys.ts', args),
  },
  emulator: {
    summary: 'the Zoom emulator alone (as npm run emulator)',
    help: 'Usage: npm run confer -- emulator [--port 4010] [--seed demo|none] …\n\nStarts the bundled Zoom emulator and prints its accounts, users and app credentials.',
    run: (args) => delegate('../emulator/zoom/cli.ts', args),
  },
};

const usage = ['Usage: npm run confer -- <command> [--help]', '', 'Commands:', ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)].join('\n');

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h' || name === 'help') {
  console.log(usage);
} else if (!commands[name]) {
  console.error(`Unknown command "${name}".\n\n${usage}`);
  process.exit(2);
} else if (args.includes('--help') || args.includes('-h')) {
  console.log(commands[name].help);
} else {
  await commands[name].run(args).catch((error: unknown) => {
    if (name === 'start' || name === 'web' || name === 'worker') exitWithStartError(error);
    // Other commands did their one thing or failed at it: say which, and how to act on it.
    const conferError = isConferError(error) ? error : undefined;
    process.stderr.write(`confer ${name}: ${conferError ? conferError.message : ((error as Error).stack ?? String(error))}\n`);
    process.exit(conferError?.code === 'VALIDATION_FAILED' ? 2 : 1);
  });
}
