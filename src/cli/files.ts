// Which files a run lints (files, folders, globs) and which configuration it uses.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
// A require-style import, so that the bundler takes tinyglobby's CommonJS build: its ES module build (and that of its
// fdir dependency) needs import.meta.url, which a CommonJS bundle does not have.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
import tinyglobby = require('tinyglobby');
import { configProblems, documentKindFor, type RuleSeverityConfig } from '../core/lint';
import { UsageError } from './args';

const skippedFolders = new Set(['node_modules', '.git']);

function walk(folder: string, found: string[]): void {
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && !skippedFolders.has(entry.name)) walk(path, found);
    else if (entry.isFile() && documentKindFor(entry.name)) found.push(path);
  }
}

/**
 * The files to lint, as absolute paths, in a stable order. Folders are searched for the file kinds the linter reads;
 * a file named on its own is linted whatever its extension says (the caller decides what kind it is).
 */
export async function collectFiles(patterns: string[], cwd: string): Promise<string[]> {
  const found: string[] = [];
  for (const pattern of patterns) {
    const path = resolve(cwd, pattern);
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) walk(path, found);
      else found.push(path);
      continue;
    }
    if (!/[*?[\]{}]/.test(pattern)) throw new UsageError(`${pattern}: no such file or folder`);
    const matches = await tinyglobby.glob(pattern, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'] });
    if (matches.length === 0) throw new UsageError(`${pattern}: no files match`);
    found.push(...matches.map((m) => resolve(m)).sort());
  }
  return [...new Set(found)];
}

export const configFileName = '.azs-lint.json';

/** `.azs-lint.json` in `cwd`, or else in the nearest folder at or above the first linted path. */
export function findConfig(cwd: string, patterns: string[]): string | undefined {
  const inCwd = join(cwd, configFileName);
  if (existsSync(inCwd)) return inCwd;
  const first = patterns.map((p) => resolve(cwd, p)).find((p) => existsSync(p));
  for (let folder = first && statSync(first).isDirectory() ? first : dirname(first ?? cwd); ; folder = dirname(folder)) {
    const candidate = join(folder, configFileName);
    if (existsSync(candidate)) return candidate;
    if (dirname(folder) === folder) return undefined;
  }
}

/** Reads and checks a configuration file: the same rule map as the `azureStackCsp.lint.rules` setting. */
export function readConfig(path: string): RuleSeverityConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`${path}: cannot read the configuration file`);
  }
  const errors: ParseError[] = [];
  const config: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) throw new UsageError(`${path}: not valid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset})`);
  const problems = configProblems(config);
  if (problems.length > 0) throw new UsageError(`${path}: ${problems.join('; ')}`);
  return config as RuleSeverityConfig;
}
