// Which files a run lints (files, folders, globs) and which configuration it uses.
import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
// A require-style import, so that the bundler takes tinyglobby's CommonJS build: its ES module build (and that of its
// fdir dependency) needs import.meta.url, which a CommonJS bundle does not have.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
import tinyglobby = require('tinyglobby');
import { decode } from '../core/encoding';
import { pick, type Locale } from '../core/l10n';
import { configProblems, documentKindFor, type DocumentKind, type RuleSeverityConfig } from '../core/lint';
import { UsageError } from './commandLine';
import { readNamedFile } from './namedFile';
import { fileTypeOf, systemDetail, type Skip } from './skipped';

const skippedFolders = new Set(['node_modules', '.git']);

/** A path the run lints, or one it names (with why it skips it). */
export type Collected = { path: string; kind: DocumentKind; skip?: undefined } | { path: string; skip: Skip };

/**
 * Finds the files to lint without opening any: a path is told by its `stat`, so a FIFO or a device is never read
 * (reading one waits forever). Symbolic links are followed; a file reached twice is linted once, and a folder link
 * back into its own ancestors is named as a loop.
 */
class Collector {
  readonly found: Collected[] = [];
  /** Real paths of the files taken and the folders walked. */
  private readonly files = new Set<string>();
  private readonly folders = new Set<string>();

  /** A path named on the command line or matched by a glob; `ancestors`: real paths of the folders it was found in. */
  visit(path: string, ancestors: readonly string[] = []): void {
    const inFolder = ancestors.length > 0;
    const stats = this.stat(path, inFolder);
    if (!stats) return;
    if (stats.isDirectory()) {
      if (!inFolder || !skippedFolders.has(basename(path))) this.walk(path, ancestors);
      return;
    }
    // In a folder, files of no kind the linter reads are not the run's business; named ones are.
    const kind = documentKindFor(path);
    if (inFolder && !kind) return;
    if (!stats.isFile()) return this.skip(path, { reason: 'notRegular', type: fileTypeOf(stats) });
    if (!kind) return this.skip(path, { reason: 'kind', size: stats.size, type: 'file' });
    const real = realpathSync.native(path);
    if (this.files.has(real)) return;
    this.files.add(real);
    this.found.push({ path, kind });
  }

  private stat(path: string, inFolder: boolean): Stats | undefined {
    try {
      return statSync(path);
    } catch (error) {
      if (inFolder && !documentKindFor(path)) return undefined; // an editor's lock link and the like
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') this.skip(path, { reason: 'linkLoop' });
      else if (code === 'ENOENT' && lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) this.skip(path, { reason: 'brokenLink' });
      else this.skip(path, { reason: 'unreadable', detail: systemDetail(error) });
      return undefined;
    }
  }

  private walk(folder: string, ancestors: readonly string[]): void {
    const real = realpathSync.native(folder);
    if (ancestors.includes(real)) return this.skip(folder, { reason: 'linkLoop' });
    if (this.folders.has(real)) return; // reached again through a link: walked once
    this.folders.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      return this.skip(folder, { reason: 'unreadableFolder', detail: systemDetail(error) });
    }
    // Links last, so that a file is named by its own path rather than a link's.
    const ordered = [...entries.filter((e) => !e.isSymbolicLink()), ...entries.filter((e) => e.isSymbolicLink())];
    for (const entry of ordered) this.visit(join(folder, entry.name), [...ancestors, real]);
  }

  private skip(path: string, skip: Skip): void {
    this.found.push({ path, skip });
  }
}

/**
 * The files to lint, as absolute paths in a stable order, and the paths named or found that are skipped. Folders are
 * searched for the file kinds the linter reads; a file named on its own that no language reads is skipped with a word.
 */
export async function collectFiles(patterns: string[], cwd: string, locale: Locale): Promise<Collected[]> {
  const collector = new Collector();
  for (const pattern of patterns) {
    const path = resolve(cwd, pattern);
    if (lstatSync(path, { throwIfNoEntry: false })) {
      collector.visit(path);
      continue;
    }
    if (!/[*?[\]{}]/.test(pattern)) throw new UsageError(`${pattern}: ${pick(messages.noSuchPath, locale)}`);
    const matches = await tinyglobby.glob(pattern, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'] });
    if (matches.length === 0) throw new UsageError(`${pattern}: ${pick(messages.noMatch, locale)}`);
    for (const match of matches.map((m) => resolve(m)).sort()) collector.visit(match);
  }
  return collector.found;
}

const messages = {
  noSuchPath: { en: 'no such file or folder', sv: 'ingen sådan fil eller mapp' },
  noMatch: { en: 'no files match', sv: 'inga filer matchar' },
  configUnreadable: { en: 'cannot read the configuration file: {reason}', sv: 'konfigurationsfilen kan inte läsas: {reason}' },
  configNotJson: { en: 'not valid JSON ({code} at offset {offset})', sv: 'inte giltig JSON ({code} vid position {offset})' },
};

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
export function readConfig(path: string, locale: Locale): RuleSeverityConfig {
  const text = decode(readNamedFile(path, locale, messages.configUnreadable)).text;
  const errors: ParseError[] = [];
  const config: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) throw new UsageError(`${path}: ${pick(messages.configNotJson, locale, { code: printParseErrorCode(errors[0].error), offset: errors[0].offset })}`);
  const problems = configProblems(config, locale);
  if (problems.length > 0) throw new UsageError(`${path}: ${problems.join('; ')}`);
  return config as RuleSeverityConfig;
}
