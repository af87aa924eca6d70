// `azs-lint --fix` and `--fix-dry-run`: the fixes that need no choice, applied as `eslint --fix` applies its own:
// round after round until a round changes nothing, since one fix can uncover the next. Files are written back in the
// encoding, byte order mark and line breaks they were read with (fixes replace words within lines).
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
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
  /** Findings of other files fixed by editing this one (the parameter file that gives a template's value). */
  fixedFor?: Finding[];
  /** The files those findings are in. */
  fixedForFiles?: Set<string>;
  /** Why `text` could not be written (`--fix`): the file still holds `original`, and is linted as that. */
  notWritten?: string;
}

/** Rounds of fixes at most: each round fixes what the one before uncovered, and real files settle in two or three. */
export const maxFixRounds = 10;

/**
 * Applies the safe fixes of every source, round after round, until a round changes nothing. A fix may edit another
 * source of the run (the parameter file that gives a template's value): each edited source is read again before the
 * next source's fixes are worked out, so that theirs are placed in its text as it is then.
 */
export async function fixSources(workspace: LintWorkspace, sources: readonly Source[]): Promise<void> {
  const byUri = new Map(sources.map((source) => [source.uri, source]));
  // Each source's findings as last worked out: an edit of a parameter file that another template of the run also
  // takes its value from fixes that template's findings too, which are then gone when it is read again.
  const seen = new Map(sources.map((source) => [source.uri, workspace.findings(source.uri)]));
  for (let round = 0; round < maxFixRounds; round++) {
    let changed = false;
    for (const source of sources) {
      const document = { uri: source.uri, text: source.text, kind: source.kind, syntaxErrors: workspace.hasSyntaxErrors(source.uri) };
      const findings = workspace.findings(source.uri);
      const { edits, fixed, fixedElsewhere } = fixAll(document, findings, byUri);
      if (edits.length === 0) continue;
      source.fixed.push(...fixed);
      // The files these edits touch (this one, a parameter file), not every file of the run.
      for (const uri of new Set(edits.map((e) => e.uri))) {
        const target = byUri.get(uri);
        if (!target) continue;
        target.text = applyEdits(target.text, edits.filter((e) => e.uri === uri));
        const forOthers = fixedElsewhere.get(uri);
        if (forOthers) fixedFor(target, source, forOthers);
        await workspace.update(target.uri, target.text, target.kind, undefined, encodingId(target.encoding));
        seen.set(uri, workspace.findings(uri));
        for (const other of workspace.dependents(uri)) {
          const otherSource = byUri.get(other);
          if (!otherSource || otherSource === source || otherSource === target) continue;
          const before = seen.get(other) ?? [];
          const after = workspace.findings(other);
          seen.set(other, after);
          const still = new Set(after.map(findingKey));
          const gone = before.filter((f) => !still.has(findingKey(f)));
          if (gone.length === 0) continue;
          otherSource.fixed.push(...gone);
          fixedFor(target, otherSource, gone);
        }
      }
      seen.set(source.uri, workspace.findings(source.uri));
      changed = true;
    }
    if (!changed) return;
  }
}

/** A finding as the same in a text that did not change: its rule and place (a key, so that comparing is linear). */
const findingKey = (finding: Finding) => `${finding.code} ${finding.start} ${finding.end}`;

/** Notes that editing `target` fixed these findings of `source`. */
function fixedFor(target: Source, source: Source, findings: readonly Finding[]): void {
  (target.fixedFor ??= []).push(...findings);
  (target.fixedForFiles ??= new Set()).add(source.uri);
}

/**
 * `--fix`: fixes the sources and writes each fixed one back. A file that could not be written is linted again as it
 * still is, so that the findings the run lists, and its exit code, are those of the files on disk.
 */
export async function fixAndWrite(workspace: LintWorkspace, sources: readonly Source[], locale: Locale): Promise<void> {
  await fixSources(workspace, sources);
  const stop = stopBetweenWrites();
  try {
    await writeSources(workspace, sources, locale);
  } finally {
    // A stop asked for while the last file was written is taken now: the loop turns once more before it is let go.
    await setImmediate();
    stop.dispose();
  }
}

/** Writes each fixed source back; one that cannot be written is linted again as it is. */
async function writeSources(workspace: LintWorkspace, sources: readonly Source[], locale: Locale): Promise<void> {
  for (const source of sources) {
    if (source.text === source.original) continue;
    // A stop asked for meanwhile (Ctrl+C) is taken here, between two files, each whole.
    await setImmediate();
    source.notWritten = writeSource(source, locale);
    if (!source.notWritten) continue;
    await workspace.update(source.uri, source.original, source.kind, undefined, encodingId(source.encoding));
    // The other files' findings its edits fixed are not fixed after all.
    const unfixed = new Set(source.fixedFor);
    for (const other of sources) if (other !== source) other.fixed = other.fixed.filter((finding) => !unfixed.has(finding));
  }
}

const words = {
  en: {
    fixed: { one: 'fixed 1 problem', other: 'fixed {n} problems' }, wouldFix: { one: 'would fix 1 problem', other: 'would fix {n} problems' },
    fixedFor: { one: 'changed to fix 1 problem of another file', other: 'changed to fix {n} problems of another file' },
    wouldFixFor: { one: 'would be changed to fix 1 problem of another file', other: 'would be changed to fix {n} problems of another file' },
    fixedForFiles: { one: '', other: 'changed to fix {n} problems of other files' },
    wouldFixForFiles: { one: '', other: 'would be changed to fix {n} problems of other files' },
    changed: 'not written: the file changed while azs-lint ran', failed: 'not written',
    stay: { one: '1 problem stays', other: '{n} problems stay' },
  },
  sv: {
    fixed: { one: 'åtgärdade 1 problem', other: 'åtgärdade {n} problem' }, wouldFix: { one: 'skulle åtgärda 1 problem', other: 'skulle åtgärda {n} problem' },
    fixedFor: { one: 'ändrades för att åtgärda 1 problem i en annan fil', other: 'ändrades för att åtgärda {n} problem i en annan fil' },
    wouldFixFor: { one: 'skulle ändras för att åtgärda 1 problem i en annan fil', other: 'skulle ändras för att åtgärda {n} problem i en annan fil' },
    fixedForFiles: { one: '', other: 'ändrades för att åtgärda {n} problem i andra filer' },
    wouldFixForFiles: { one: '', other: 'skulle ändras för att åtgärda {n} problem i andra filer' },
    changed: 'skrevs inte: filen ändrades medan azs-lint körde', failed: 'skrevs inte',
    stay: { one: '1 problem finns kvar', other: '{n} problem finns kvar' },
  },
};

/**
 * "fixed 5 problems: 3 × AZS402, 2 × AZS401", in the run's language, and what it was changed for in other files
 * ("changed to fix 1 problem of another file: 1 × AZS401"); either is left out when there is none.
 */
export function fixSummary(source: Source, locale: Locale, dryRun: boolean): string {
  const said = (forms: { one: string; other: string }, fixed: readonly Finding[]) => `${plural(forms, fixed.length, locale)}: ${fixedCounts(fixed)}`;
  const forOthers = source.fixedFor ?? [];
  // Problems of one other file, or of several (a parameter file that two templates share).
  const forms = (source.fixedForFiles?.size ?? 0) > 1 ? (dryRun ? 'wouldFixForFiles' : 'fixedForFiles') : dryRun ? 'wouldFixFor' : 'fixedFor';
  return [
    ...(source.fixed.length > 0 || forOthers.length === 0 ? [said(words[locale][dryRun ? 'wouldFix' : 'fixed'], source.fixed)] : []),
    ...(forOthers.length > 0 ? [said(words[locale][forms], forOthers)] : []),
  ].join('; ');
}

/** "not written: EPERM: …; 2 problems stay: 2 × AZS401": what a file that was not written still holds. */
export function unwrittenSummary(source: Source, reason: string, locale: Locale): string {
  const stay = [...source.fixed, ...source.fixedFor ?? []];
  return `${reason}; ${plural(words[locale].stay, stay.length, locale)}: ${fixedCounts(stay)}`;
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

/** The new files `replaceFile` is writing, which a stop removes. */
const temporaries = new Set<string>();

/**
 * While files are written: SIGINT, SIGTERM or SIGHUP removes any new file not yet renamed and then ends the run by the
 * same signal. Without it the signal ended the run at once, in the middle of a write, leaving a `.azs-lint-*.tmp`
 * beside the file. Its handler runs when the writing yields between two files (`replaceFile` is synchronous), so
 * each file is either as it was or fixed.
 */
function stopBetweenWrites(): { dispose(): void } {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const dispose = () => {
    for (const signal of signals) process.removeListener(signal, stop);
  };
  const stop = (signal: NodeJS.Signals) => {
    for (const temporary of temporaries) rmSync(temporary, { force: true });
    dispose();
    process.kill(process.pid, signal);
  };
  for (const signal of signals) process.on(signal, stop);
  return { dispose };
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
  temporaries.add(temporary);
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
  } finally {
    temporaries.delete(temporary);
  }
}
