import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('../web/', import.meta.url));
const outDir = join(webDir, 'dist');
const builtIndex = join(outDir, 'index.html');
/** What the build reads; a change to any of it makes web/dist stale. */
const sources = [join(webDir, 'src'), join(webDir, 'index.html'), join(webDir, 'vite.config.ts')];

/** Options for ensureWebBuilt. */
export interface EnsureWebBuiltOptions {
  /** Build even when web/dist looks current. */
  force?: boolean;
  /** Let Vite print its usual build report (the command line does; servers and tests do not). */
  verbose?: boolean;
}

let inFlight: Promise<{ built: boolean; outDir: string }> | undefined;

/**
 * Builds the web app into web/dist unless it is already newer than every source file.
 * Concurrent calls in one process share one build.
 */
export function ensureWebBuilt(options: EnsureWebBuiltOptions = {}): Promise<{ built: boolean; outDir: string }> {
  inFlight ??= buildIfStale(options).finally(() => {
    inFlight = undefined;
  });
  return inFlight;
}

async function buildIfStale(options: EnsureWebBuiltOptions): Promise<{ built: boolean; outDir: string }> {
  if (!options.force && !isStale()) return { built: false, outDir };
  await buildInto(outDir, options.verbose ?? false);
  return { built: true, outDir };
}

/** True when web/dist/index.html is missing or older than any source. */
function isStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const builtAt = statSync(builtIndex).mtimeMs;
  return sources.some((source) => newestModification(source) > builtAt);
}

function newestModification(path: string): number {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  // A directory's own mtime changes when a file is added, removed or renamed in it.
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestModification(join(path, entry)));
  return newest;
}

/**
 * Builds into a scratch folder beside web/dist and swaps it in, so a failed build leaves the
 * previous one intact and a server (or another process building at the same time) never sees a
 * half-written web/dist.
 */
async function buildInto(target: string, verbose: boolean): Promise<void> {
  const { build } = await import('vite');
  const scratch = join(webDir, `.build-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await build({
      root: webDir,
      configFile: join(webDir, 'vite.config.ts'),
      logLevel: verbose ? 'info' : 'warn',
      build: { outDir: scratch, emptyOutDir: true },
    });
    const retired = `${scratch}-old`;
    await rename(target, retired).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(scratch, target).catch((error: NodeJS.ErrnoException) => {
      // Another process swapped in its own build between our two renames; it is as fresh as ours.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
    await rm(retired, { recursive: true, force: true });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const force = process.argv.includes('--force');
  const started = performance.now();
  const result = await ensureWebBuilt({ force, verbose: true });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(result.built ? `Built the web app into ${result.outDir} in ${seconds}s.` : `The web app in ${result.outDir} is up to date.`);
}
