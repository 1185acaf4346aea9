import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../../src/core/database/embedded.ts';
import { createLogger } from '../../src/core/logging/logger.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server URL where test files may create their own databases. */
    postgresServerUrl: string;
    postgresKind: 'embedded' | 'external';
  }
}

/**
 * One PostgreSQL server for the whole run: the one `DATABASE_URL` names, or an embedded one in a
 * temporary directory. Each test file then creates a database of its own on it (test/support/database.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.DATABASE_URL;
  if (external) {
    project.provide('postgresServerUrl', external);
    project.provide('postgresKind', 'external');
    return async () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'confer-test-pg-'));
  const embedded = await startEmbeddedDatabase(dir, createLogger({ level: 'warn' }));
  project.provide('postgresServerUrl', embedded.url);
  project.provide('postgresKind', 'embedded');
  return async () => {
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
