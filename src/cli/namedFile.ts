// A file an option names (azs-usage's --prices, --resale, --meters and --out, azs-lint's configuration): read or
// written, or a usage error (exit code 2) that names it and says why not in the run's language, where node would say
// "EACCES: permission denied, open …" in English.
import { lstatSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pick, type Locale, type Localized } from '../core/l10n';
import { UsageError } from './commandLine';

const reasons = {
  notFound: { en: 'no such file', sv: 'ingen sådan fil' },
  brokenLink: { en: 'a symbolic link to nothing', sv: 'en symbolisk länk till ingenting' },
  linkLoop: { en: 'a symbolic link loop', sv: 'en slinga av symboliska länkar' },
  folder: { en: 'a folder, not a file', sv: 'en mapp, ingen fil' },
  notFolder: { en: 'not a folder', sv: 'ingen mapp' },
  noFolder: { en: 'its folder does not exist', sv: 'dess mapp finns inte' },
  notWritten: { en: 'cannot be written: {reason}', sv: 'kan inte skrivas: {reason}' },
  notRegular: { en: 'not a regular file (not opened)', sv: 'inte en vanlig fil (öppnades inte)' },
  denied: { en: 'permission denied', sv: 'åtkomst nekad' },
  other: { en: 'cannot be read ({code})', sv: 'kan inte läsas ({code})' },
} satisfies Record<string, Localized>;

/** Why reading the file at `path` failed with `error`, in `locale`. */
function reasonFor(path: string, error: unknown, locale: Locale): string {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return pick(lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ? reasons.brokenLink : reasons.notFound, locale);
  }
  if (code === 'ELOOP') return pick(reasons.linkLoop, locale);
  if (code === 'EISDIR') return pick(reasons.folder, locale);
  if (code === 'EACCES' || code === 'EPERM') return pick(reasons.denied, locale);
  return pick(reasons.other, locale, { code });
}

/**
 * The bytes of the file at `path`, or a UsageError "`path`: why not", its reason put in `said` where given
 * (`{reason}` in it). Only a regular file is opened: a FIFO or a device would be waited on for ever.
 */
export function readNamedFile(path: string, locale: Locale, said?: Localized): Uint8Array {
  let reason: string;
  try {
    const stats = statSync(path);
    if (stats.isFile()) return readFileSync(path);
    reason = pick(stats.isDirectory() ? reasons.folder : reasons.notRegular, locale);
  } catch (error) {
    reason = reasonFor(path, error, locale);
  }
  throw new UsageError(`${path}: ${said ? pick(said, locale, { reason }) : reason}`);
}

/**
 * A UsageError where `--out` cannot take what is written, before anything is read: a file in a folder that exists
 * and is no folder itself, or a folder (`folder`) that is none of the files it may hold.
 */
export function checkOutput(path: string, folder: boolean, locale: Locale): void {
  const stats = statSync(path, { throwIfNoEntry: false });
  let reason: Localized | undefined;
  if (folder) reason = stats && !stats.isDirectory() ? reasons.notFolder : undefined;
  else if (stats) reason = stats.isDirectory() ? reasons.folder : undefined;
  else reason = statSync(dirname(path), { throwIfNoEntry: false })?.isDirectory() ? undefined : reasons.noFolder;
  if (reason) throw new UsageError(`--out ${path}: ${pick(reason, locale)}`);
}

/** Writes `text` to the file at `path`, or a UsageError "`path`: cannot be written: why". */
export function writeNamedFile(path: string, text: string, locale: Locale): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`${path}: ${pick(reasons.notWritten, locale, { reason: reasonFor(path, error, locale) })}`);
  }
}
