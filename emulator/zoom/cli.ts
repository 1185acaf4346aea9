import { parseArgs } from 'node:util';
import { startEmulator } from './server.ts';
import type { SeedResult } from './seed.ts';

const usage = `Usage: npm run emulator -- [--port 4010] [--host 127.0.0.1] [--seed demo|none] [--persist file.json]
                        [--redirect-uri URL] [--webhook-url URL] [--client-id ID] [--client-secret SECRET]`;

/** The seeded world as a block a developer can copy credentials from. */
function describe(url: string, seed: SeedResult | undefined): string {
  const lines = [`Zoom emulator listening on ${url}`, `  OAuth:   ${url}/oauth/authorize · ${url}/oauth/token`, `  REST:    ${url}/v2`, `  Control: ${url}/_emulator`];
  if (!seed) return [...lines, '', 'No seed: create accounts, users and apps through the control API.'].join('\n');
  for (const account of seed.accounts) {
    lines.push('', `Account "${account.name}" (${account.plan}${account.requirePreApproval ? ', apps need pre-approval' : ''}) id ${account.id}`);
    for (const user of seed.users.filter((u) => u.accountId === account.id)) {
      lines.push(`  ${user.role.padEnd(6)} ${user.email.padEnd(24)} password ${user.password}`);
    }
  }
  if (seed.app) {
    lines.push('', `App "${seed.app.name}"`, `  client id      ${seed.app.clientId}`, `  client secret  ${seed.app.clientSecret}`);
    lines.push(`  redirect URIs  ${seed.app.redirectUris.join(', ')}`, `  scopes         ${seed.app.scopes.join(' ')}`);
    if (seed.app.webhook) lines.push(`  webhook        ${seed.app.webhook.url} (secret token ${seed.app.webhook.secretToken})`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: 'demo' },
      persist: { type: 'string' },
      'redirect-uri': { type: 'string', default: 'http://127.0.0.1:3000/connections/oauth/callback' },
      'webhook-url': { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}".\n${usage}`);
  if (values.seed !== 'demo' && values.seed !== 'none') throw new Error(`--seed must be demo or none, not "${values.seed}".\n${usage}`);

  const emulator = await startEmulator({
    port,
    host: values.host,
    seed: values.seed,
    ...(values.persist === undefined ? {} : { persistFile: values.persist }),
    conferApp: {
      redirectUri: values['redirect-uri'],
      ...(values['webhook-url'] === undefined ? {} : { webhookUrl: values['webhook-url'] }),
      ...(values['client-id'] === undefined ? {} : { clientId: values['client-id'] }),
      ...(values['client-secret'] === undefined ? {} : { clientSecret: values['client-secret'] }),
    },
    logger: false,
  });
  console.log(describe(emulator.url, emulator.seed));

  let closing = false;
  const stop = (signal: string): void => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: closing the Zoom emulator`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('The Zoom emulator did not close cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
