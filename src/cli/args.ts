// Command-line arguments of azs-lint. Anything the user gets wrong here is a UsageError (exit code 2).
import { parseArgs } from 'node:util';
import { toLocale, type Locale } from '../core/l10n';

export type Format = 'text' | 'json' | 'sarif';

export interface CliOptions {
  paths: string[];
  format: Format;
  config?: string;
  locale: Locale;
  help: boolean;
  /** `--fix` writes the safe fixes to the files; `--fix-dry-run` prints them as a unified diff. */
  fix?: 'write' | 'dry-run';
  /** Threads to read and check files in (`--threads`); by default as many as the machine has cores, up to 4. */
  threads?: number;
  /** `--fail-on-skipped`: a file or folder the run could not lint fails it (exit code 4). */
  failOnSkipped: boolean;
}

export class UsageError extends Error {}

export const usage = `Usage: azs-lint [options] <file | folder | glob>...

Checks PowerShell scripts, ARM templates and parameter files, REST Client files (.http, .rest) and shell scripts
(.sh, .azcli) for the mistakes behind Azure Stack Hub registration and tenant errors. Nothing is ever run.

Options:
  --format text|json|sarif   output format (default: text)
  --config <file>            rule severities, e.g. {"AZS402": "off", "AZS4*": "warning"}
                             (default: .azs-lint.json in the current folder or above the linted paths)
  --lang en|sv               message language (default: from LANG)
  --fix                      apply the fixes that need no choice to the files, until none is left (at most
                             10 rounds), then report what remains
  --fix-dry-run              print those fixes as a unified diff instead of writing them
  --threads <n>              read and check files in n threads (default: one per core, at most 4, for runs of
                             40 files or more; the output is the same); 1 uses none besides the main one
  --fail-on-skipped          fail the run (exit code 4) when a file or folder is skipped: unreadable, binary,
                             larger than 5 MB, not a regular file (a FIFO or a device is never opened), a link loop
  --help                     show this help

Skipped files and folders are named on stderr with their size, kind and encoding. Text is read as UTF-8, or as
UTF-8, UTF-16 LE or UTF-16 BE when a byte order mark says so.

Exit code: 0 no error-level finding, 1 at least one, 2 usage error, 3 internal error, 4 a file or folder was skipped
and --fail-on-skipped was given (4 wins over 1). With --fix or --fix-dry-run, findings are counted after fixing.`;

/** The language LC_ALL, LC_MESSAGES or LANG asks for, in that order. */
export function environmentLocale(env: NodeJS.ProcessEnv): Locale {
  return toLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' }, config: { type: 'string' }, lang: { type: 'string' }, help: { type: 'boolean' },
        fix: { type: 'boolean' }, 'fix-dry-run': { type: 'boolean' }, threads: { type: 'string' }, 'fail-on-skipped': { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'sv') throw new UsageError(`--lang must be en or sv, not "${values.lang}"`);
  if (!values.help && positionals.length === 0) throw new UsageError('name at least one file, folder or glob to lint');
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run exclude each other');
  if (values['fix-dry-run'] && values.format !== undefined) throw new UsageError('--fix-dry-run prints a diff; leave out --format');
  const fix = values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : undefined;
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) throw new UsageError(`--threads must be a whole number from 1 to 64, not "${values.threads}"`);
  return {
    paths: positionals, format, locale: values.lang ?? environmentLocale(env), help: Boolean(values.help),
    failOnSkipped: Boolean(values['fail-on-skipped']),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(fix ? { fix } : {}),
    ...(threads !== undefined ? { threads } : {}),
  };
}
