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
  --help                     show this help

Exit code: 0 no error-level finding, 1 at least one, 2 usage error. With --fix or --fix-dry-run, findings are
counted after fixing.`;

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
        fix: { type: 'boolean' }, 'fix-dry-run': { type: 'boolean' },
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
  return {
    paths: positionals, format, locale: values.lang ?? environmentLocale(env), help: Boolean(values.help),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(fix ? { fix } : {}),
  };
}
