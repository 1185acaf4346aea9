/**
 * `npm run keys -- rotate`: re-encrypts every stored secret under the newest key of
 * CONFER_ENCRYPTION_KEYS. `npm run keys -- status`: how many secrets each key encrypts.
 * Uses the configuration Confer runs with (.env and the environment).
 */
import { keyUsage, rotateKeys } from '../src/core/crypto/rotate-keys.ts';
import { loadKeyRing } from '../src/core/crypto/key-ring.ts';
import { isConferError } from '../src/core/errors/confer-error.ts';
import { withOperatorDatabase } from './operator-database.ts';

const command = process.argv[2];
if (command !== 'rotate' && command !== 'status') {
  console.error('Usage: npm run keys -- rotate | status');
  process.exit(2);
}

async function main(): Promise<number> {
  // With the embedded database Confer must be stopped first (the data-directory lock says so); an
  // external database is shared, and rotation is safe while Confer runs.
  return withOperatorDatabase(async ({ config, database }) => {
    if (command === 'status') {
      for (const column of await keyUsage(database.pool)) {
        const counts = Object.entries(column.byKey).map(([key, n]) => `${key}: ${n}`).join(', ') || 'no values';
        console.log(`${column.table}.${column.column}  ${counts}`);
      }
      return 0;
    }
    const { ring } = loadKeyRing(config.encryptionKeys, config.dataDir);
    console.log(`Re-encrypting stored secrets under key "${ring.primaryId}"…`);
    let failures = 0;
    for (const column of await rotateKeys(database.pool, ring)) {
      console.log(`${column.table}.${column.column}  re-encrypted ${column.resealed}, already current ${column.current}${column.failed.length ? `, FAILED ${column.failed.length}` : ''}`);
      for (const rowId of column.failed) console.log(`  cannot decrypt ${column.table} row ${rowId}, column ${column.column}: altered, copied from another row, or its key is no longer in CONFER_ENCRYPTION_KEYS`);
      failures += column.failed.length;
    }
    if (failures > 0) {
      console.error(`\n${failures} value(s) could not be re-encrypted; keep the old keys in CONFER_ENCRYPTION_KEYS until they are dealt with.`);
      return 1;
    }
    console.log('\nDone. Once every Confer process runs with the new key first, older keys can be removed.');
    return 0;
  });
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(isConferError(error) ? `\n${error.message}\n` : error);
  process.exit(1);
});
