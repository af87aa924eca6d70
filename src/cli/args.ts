// Command-line arguments of azs-lint. Anything the user gets wrong here is a UsageError (exit code 2).
import { pick, type Locale, type Localized } from '../core/l10n';
import { languages, oneOfOption, parseOptions, usageError, wholeNumberOption } from './commandLine';

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

const usageText: Record<Locale, string> = {
  en: `Usage: azs-lint [options] <file | folder | glob>...

Checks PowerShell scripts, ARM templates and parameter files, REST Client files (.http, .rest) and shell scripts
(.sh, .azcli) for the mistakes behind Azure Stack Hub registration and tenant errors. Nothing is ever run.

Options:
  --format text|json|sarif   output format (default: text)
  --config <file>            rule severities, e.g. {"AZS402": "off", "AZS4*": "warning"}
                             (default: .azs-lint.json in the current folder or above the linted paths)
  --lang en|sv               message language (default: from LC_ALL, LC_MESSAGES or LANG, the first one set)
  --fix                      apply the fixes that need no choice to the files, until none is left (at most
                             10 rounds), then report what remains
  --fix-dry-run              print those fixes as a unified diff instead of writing them
  --threads <n>              read and check files in n threads (default: one per core, at most 4, for runs of
                             40 files or more; the output is the same); 1 uses none besides the main one;
                             --fix and --fix-dry-run use one
  --fail-on-skipped          fail the run (exit code 4) when a file or folder is skipped: unreadable, binary,
                             larger than 5 MB, not a regular file (a FIFO or a device is never opened), a link loop
  --help                     show this help

Skipped files and folders are named on stderr with their size, kind and encoding. Text is read as UTF-8, or as
UTF-8, UTF-16 LE or UTF-16 BE when a byte order mark says so.

Exit code: 0 no error-level finding (or no file to lint), 1 at least one, 2 usage error, 3 internal error, 4 a file
or folder was skipped and --fail-on-skipped was given (4 wins over 1). With --fix or --fix-dry-run, findings are
counted after fixing.`,
  sv: `Användning: azs-lint [flaggor] <fil | mapp | glob>...

Söker i PowerShell-skript, ARM-mallar och parameterfiler, REST Client-filer (.http, .rest) och skalskript (.sh,
.azcli) efter misstagen bakom fel vid registrering och klienter i Azure Stack Hub. Inget körs någonsin.

Flaggor:
  --format text|json|sarif   utdataformat (standard: text)
  --config <fil>             regelnivåer, t.ex. {"AZS402": "off", "AZS4*": "warning"}
                             (standard: .azs-lint.json i aktuell mapp eller ovanför de kontrollerade sökvägarna)
  --lang en|sv               meddelandespråk (standard: från LC_ALL, LC_MESSAGES eller LANG, den första som är satt)
  --fix                      gör de åtgärder som inte kräver något val i filerna, tills ingen återstår (högst
                             10 varv), och rapportera sedan det som finns kvar
  --fix-dry-run              skriv ut åtgärderna som en unified diff i stället för att skriva dem
  --threads <n>              läs och kontrollera filer i n trådar (standard: en per kärna, högst 4, för körningar
                             med 40 filer eller fler; utdata blir desamma); 1 använder inga utöver huvudtråden;
                             --fix och --fix-dry-run använder en
  --fail-on-skipped          låt körningen misslyckas (slutkod 4) när en fil eller mapp hoppas över: oläslig,
                             binär, större än 5 MB, inte en vanlig fil (en FIFO eller enhet öppnas aldrig), en
                             länkslinga
  --help                     visa den här hjälpen

Filer och mappar som hoppas över namnges på stderr med storlek, typ och kodning. Text läses som UTF-8, eller som
UTF-8, UTF-16 LE eller UTF-16 BE när ett byte order mark säger det.

Slutkod: 0 inget fynd på felnivå (eller ingen fil att kontrollera), 1 minst ett, 2 användningsfel, 3 internt fel,
4 en fil eller mapp hoppades över och --fail-on-skipped angavs (4 går före 1). Med --fix eller --fix-dry-run räknas
fynden efter åtgärderna.`,
};

/** The help, in the run's language. */
export function usage(locale: Locale): string {
  return usageText[locale];
}

const messages = {
  noPaths: { en: 'name at least one file, folder or glob to lint', sv: 'ange minst en fil, mapp eller glob att kontrollera' },
  fixTwice: { en: '--fix and --fix-dry-run exclude each other', sv: '--fix och --fix-dry-run utesluter varandra' },
  dryRunFormat: { en: '--fix-dry-run prints a diff; leave out --format', sv: '--fix-dry-run skriver ut en diff; utelämna --format' },
  threadsWithFix: {
    en: '--threads is not used with --fix or --fix-dry-run: the fixes go round after round over all the files, in one thread',
    sv: '--threads används inte med --fix eller --fix-dry-run: åtgärderna går varv efter varv över alla filer, i en tråd',
  },
} satisfies Record<string, Localized>;

/** The note for --threads with --fix or --fix-dry-run, which use one thread whatever it says; undefined when it says 1 or nothing. */
export function threadsNote(options: CliOptions): string | undefined {
  return options.fix && (options.threads ?? 1) > 1 ? pick(messages.threadsWithFix, options.locale) : undefined;
}

/** The options of a command line, or a UsageError in `locale` (commandLineLocale). */
export function parseCommandLine(argv: string[], locale: Locale): CliOptions {
  const { values, positionals } = parseOptions(argv, {
    format: { type: 'string' }, config: { type: 'string' }, lang: { type: 'string' }, help: { type: 'boolean' },
    fix: { type: 'boolean' }, 'fix-dry-run': { type: 'boolean' }, threads: { type: 'string' }, 'fail-on-skipped': { type: 'boolean' },
  }, true, locale);
  const format = oneOfOption('format', values.format, ['text', 'json', 'sarif'], locale) ?? 'text';
  const fail = (message: Localized, value = '') => usageError(message, locale, { value });
  oneOfOption('lang', values.lang, languages, locale);
  if (!values.help && positionals.length === 0) throw fail(messages.noPaths);
  if (values.fix && values['fix-dry-run']) throw fail(messages.fixTwice);
  if (values['fix-dry-run'] && values.format !== undefined) throw fail(messages.dryRunFormat);
  const fix = values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : undefined;
  const threads = wholeNumberOption('threads', values.threads, 1, 64, locale);
  return {
    paths: positionals, format, locale, help: Boolean(values.help),
    failOnSkipped: Boolean(values['fail-on-skipped']),
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(fix ? { fix } : {}),
    ...(threads !== undefined ? { threads } : {}),
  };
}
