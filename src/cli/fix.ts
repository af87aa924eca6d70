// `azs-lint --fix` and `--fix-dry-run`: the fixes that need no choice, applied as `eslint --fix` applies its own:
// round after round until a round changes nothing, since one fix can uncover the next. Files are written back in the
// encoding, byte order mark and line breaks they were read with (fixes replace words within lines).
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyEdits, fixedCounts } from '../core/fixes';
import { plural, type Locale } from '../core/l10n';
import { fixAll } from '../core/quickFixes';
import type { DocumentKind, Finding, LintWorkspace } from '../core/lint';
import { decode, encode, encodingId, type Encoding } from '../core/encoding';
import { systemDetail } from './skipped';

/** A linted file as read, and as the fixes leave it. */
export interface Source {
  path: string;
  uri: string;
  kind: DocumentKind;
  /** The text as read. */
  original: string;
  /** The text after fixing (the original when nothing was fixed). */
  text: string;
  encoding: Encoding;
  fixed: Finding[];
  /** Why `text` could not be written (`--fix`): the file still holds `original`, and is linted as that. */
  notWritten?: string;
}

/** Rounds of fixes at most: each round fixes what the one before uncovered, and real files settle in two or three. */
export const maxFixRounds = 10;

/** Applies the safe fixes of every source, round after round, until a round changes nothing. */
export async function fixSources(workspace: LintWorkspace, sources: readonly Source[]): Promise<void> {
  for (let round = 0; round < maxFixRounds; round++) {
    let changed = false;
    for (const source of sources) {
      const document = { uri: source.uri, text: source.text, kind: source.kind, syntaxErrors: workspace.hasSyntaxErrors(source.uri) };
      const { edits, fixed } = fixAll(document, workspace.findings(source.uri));
      if (edits.length === 0) continue;
      source.text = applyEdits(source.text, edits);
      source.fixed.push(...fixed);
      await workspace.update(source.uri, source.text, source.kind, undefined, encodingId(source.encoding));
      changed = true;
    }
    if (!changed) return;
  }
}

/**
 * `--fix`: fixes the sources and writes each fixed one back. A file that could not be written is linted again as it
 * still is, so that the findings the run lists, and its exit code, are those of the files on disk.
 */
export async function fixAndWrite(workspace: LintWorkspace, sources: readonly Source[], locale: Locale): Promise<void> {
  await fixSources(workspace, sources);
  for (const source of sources) {
    if (source.text === source.original) continue;
    source.notWritten = writeSource(source, locale);
    if (source.notWritten) await workspace.update(source.uri, source.original, source.kind, undefined, encodingId(source.encoding));
  }
}

const words = {
  en: {
    fixed: { one: 'fixed 1 problem', other: 'fixed {n} problems' }, wouldFix: { one: 'would fix 1 problem', other: 'would fix {n} problems' },
    changed: 'not written: the file changed while azs-lint ran', failed: 'not written',
    stay: { one: '1 problem stays', other: '{n} problems stay' },
  },
  sv: {
    fixed: { one: 'åtgärdade 1 problem', other: 'åtgärdade {n} problem' }, wouldFix: { one: 'skulle åtgärda 1 problem', other: 'skulle åtgärda {n} problem' },
    changed: 'skrevs inte: filen ändrades medan azs-lint körde', failed: 'skrevs inte',
    stay: { one: '1 problem finns kvar', other: '{n} problem finns kvar' },
  },
};

/** "fixed 5 problems: 3 × AZS402, 2 × AZS401", in the run's language. */
export function fixSummary(source: Source, locale: Locale, dryRun: boolean): string {
  const forms = words[locale][dryRun ? 'wouldFix' : 'fixed'];
  return `${plural(forms, source.fixed.length, locale)}: ${fixedCounts(source.fixed)}`;
}

/** "not written: EPERM: …; 2 problems stay: 2 × AZS401": what a file that was not written still holds. */
export function unwrittenSummary(source: Source, reason: string, locale: Locale): string {
  return `${reason}; ${plural(words[locale].stay, source.fixed.length, locale)}: ${fixedCounts(source.fixed)}`;
}

/**
 * Writes a fixed source back, unless the file no longer holds the text it was read with or cannot be read or written
 * (then the reason, and the run goes on with the other files: a read-only file is no internal error).
 */
export function writeSource(source: Source, locale: Locale): string | undefined {
  try {
    if (decode(readFileSync(source.path)).text !== source.original) return words[locale].changed;
    replaceFile(source.path, encode(source.text, source.encoding));
    return undefined;
  } catch (error) {
    return `${words[locale].failed}: ${systemDetail(error)}`;
  }
}

/**
 * Puts `bytes` in the file at `path` with no moment when it holds less: they are written to a new file beside it,
 * which then takes its name (a rename is all or nothing), so a full disk or an I/O error leaves the file as it was and
 * the new file is removed. The new file gets the old one's mode (and owner, when run as root). A symbolic link stays
 * and the file it points to is replaced; other hard links to the file keep the old text. A file that may not be
 * written is not replaced, although its folder would allow it.
 */
function replaceFile(path: string, bytes: Uint8Array): void {
  const target = realpathSync.native(path);
  accessSync(target, constants.W_OK);
  const { mode, uid, gid } = statSync(target);
  // Not named after the file: a name near the 255-byte limit would leave no room for the additions.
  const temporary = join(dirname(target), `.azs-lint-${randomBytes(6).toString('hex')}.tmp`);
  const descriptor = openSync(temporary, 'wx', 0o600);
  try {
    try {
      writeFileSync(descriptor, bytes);
      // Writing and changing the owner clear set-user-ID and set-group-ID, so the mode comes last.
      if (process.getuid?.() === 0) fchownSync(descriptor, uid, gid);
      fchmodSync(descriptor, mode & 0o7777);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
