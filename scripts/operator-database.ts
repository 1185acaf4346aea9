/**
 * What an operator command that works on Confer's database does first: read the configuration
 * (.env and the environment), take the data directory when the database is the embedded one (it
 * belongs to one process; a running Confer holds it, and the lock says so), open the database and
 * bring it up to date. The database closes and the lock goes when `work` ends, however it ends.
 */
import { loadConfig, readDotEnv, type Config } from '../src/core/config/config.ts';
import { acquireDataDirLock } from '../src/core/database/data-dir-lock.ts';
import { openDatabase, type Database } from '../src/core/database/database.ts';
import { migrate } from '../src/core/database/migrate.ts';
import { createLogger } from '../src/core/logging/logger.ts';

export async function withOperatorDatabase<T>(work: (context: { config: Config; database: Database; applied: string[] }) => Promise<T>): Promise<T> {
  readDotEnv();
  const config = loadConfig(process.env);
  const logger = createLogger({ level: 'warn' });
  const lock = config.databaseUrl ? undefined : acquireDataDirLock(config.dataDir);
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger, poolSize: 2 });
    try {
      const applied = await migrate(database.pool, logger);
      return await work({ config, database, applied });
    } finally {
      await database.close();
    }
  } finally {
    lock?.release();
  }
}
