import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The repository must work from a fresh clone with nothing beside it: no file may reach into the
// folder next to the project where its authors keep their own notes. The pattern is assembled so
// that this file does not match itself.
const parent = '..';
const outsideFolder = [parent, 'shared'].join('/');
const outsidePattern = new RegExp(`${outsideFolder.replace(/[./]/g, (c) => `\\${c}`)}\\b|['"]\\.\\.['"]\\s*,\\s*['"]shared['"]`);

const root = resolve(import.meta.dirname, '../..');
const skipped = new Set(['node_modules', '.git', 'data', 'dist', 'screenshots', 'results']);
const textFile = /\.(ts|tsx|js|mjs|cjs|json|md|sh|yml|yaml|css|html|sql)$|^(run|node24|\.npmrc|\.gitignore)$/;

function filesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (skipped.has(entry) || entry.startsWith('.build-')) continue;
    const path = join(dir, entry);
    const stat = statSync(path);
    if (stat.isDirectory()) found.push(...filesUnder(path));
    else if (textFile.test(entry) && stat.size < 1_000_000) found.push(path);
  }
  return found;
}

describe('the repository stands on its own', () => {
  it('no file reads the folder beside the project', () => {
    const files = filesUnder(root);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((file) => outsidePattern.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('the pattern catches a reference to that folder', () => {
    expect(outsidePattern.test(`resolve(dir, '${outsideFolder}/zoom/spec.json')`)).toBe(true);
    const segments = [parent, 'shared'].map((part) => `'${part}'`).join(', ');
    expect(outsidePattern.test(`join(root, ${segments}, 'zoom')`)).toBe(true);
    expect(outsidePattern.test('the shared connection')).toBe(false);
  });
});
