// What the command lines of azs-lint and azs-usage share: the run's language, node's parseArgs errors in it, and the
// checks of `--lang` and of whole-number options. Anything the user gets wrong here is a UsageError (exit code 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { pick, toLocale, type Locale, type Localized } from '../core/l10n';

export class UsageError extends Error {}

/** A UsageError that says `message` in `locale`, with its `{name}` placeholders filled. */
export function usageError(message: Localized, locale: Locale, values: Record<string, string | number> = {}): UsageError {
  return new UsageError(pick(message, locale, values));
}

/** The language LC_ALL, LC_MESSAGES or LANG asks for, in that order. */
export function environmentLocale(env: NodeJS.ProcessEnv): Locale {
  return toLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** The run's language: --lang when it names one, even on a command line with mistakes; else the environment's. */
export function commandLineLocale(argv: string[], env: NodeJS.ProcessEnv): Locale {
  const { lang } = parseArgs({ args: argv, allowPositionals: true, strict: false, options: { lang: { type: 'string' } } }).values;
  return lang === 'en' || lang === 'sv' ? lang : environmentLocale(env);
}

/** node's parseArgs errors in Swedish, by kind (in English, node's own words are used). */
const parseArgsInSwedish = {
  unknownOption: "okänd flagga '{option}'",
  unknownOptionOrPath: "okänd flagga '{option}' (ett argument som börjar med '-' skrivs sist, efter '--', som i '-- \"{option}\"')",
  valueMissing: "'{option}' behöver ett värde",
  valueNotTaken: "'{option}' tar inget värde",
  valueAmbiguous: "värdet efter '{option}' ser ut som en flagga; skriv '{option}=-…' om värdet börjar med '-'",
  positional: "oväntat argument '{option}': kommandot tar bara flaggor och deras värden",
};

/**
 * node's parseArgs error in the run's language: its own English, or Swedish by its code, with the option (or the
 * argument) it names ("Option '--format <value>' argument missing").
 */
function parseArgsMessage(error: unknown, locale: Locale): string {
  const message = error instanceof Error ? error.message : String(error);
  const option = /'([^' ]*)/.exec(message)?.[1];
  if (locale === 'en' || !option) return message;
  const code = (error as NodeJS.ErrnoException).code;
  const kind = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? (/positional argument/.test(message) ? 'unknownOptionOrPath' : 'unknownOption')
    : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' ? 'positional'
      : / missing$/.test(message) ? 'valueMissing' : /does not take an argument/.test(message) ? 'valueNotTaken' : 'valueAmbiguous';
  return parseArgsInSwedish[kind].replaceAll('{option}', option);
}

/**
 * node's strict parseArgs of `argv`, its errors UsageErrors in `locale`. A negative number after an option that takes
 * a value is that value (`--markup -10`): node's parseArgs takes it for an option, and no option is named so.
 */
export function parseOptions<T extends ParseArgsConfig['options']>(argv: string[], options: T, allowPositionals: boolean, locale: Locale) {
  try {
    return parseArgs({ args: negativeValuesJoined(argv, options), allowPositionals, strict: true, options });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error, locale));
  }
}

/** `--option -10` as `--option=-10` where the option takes a value (up to a `--`, after which all is as given). */
function negativeValuesJoined(argv: readonly string[], options: ParseArgsConfig['options']): string[] {
  const args: string[] = [];
  for (let at = 0; at < argv.length; at++) {
    const [arg, next] = [argv[at], argv[at + 1]];
    if (arg === '--') return [...args, ...argv.slice(at)];
    const takesValue = arg.startsWith('--') && options?.[arg.slice(2)]?.type === 'string';
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      args.push(`${arg}=${next}`);
      at++;
    } else {
      args.push(arg);
    }
  }
  return args;
}

const messages = {
  oneOf: { en: '--{option} must be {choices}, not "{value}"', sv: '--{option} ska vara {choices}, inte "{value}"' },
  or: { en: 'or', sv: 'eller' },
  wholeNumber: { en: '--{option} must be a whole number from {min} to {max}, not "{value}"', sv: '--{option} ska vara ett heltal från {min} till {max}, inte "{value}"' },
} satisfies Record<string, Localized>;

/** The value of `--option` where it is one of `choices` (undefined where it is not given); a UsageError that names them otherwise. */
export function oneOfOption<T extends string>(option: string, value: string | undefined, choices: readonly T[], locale: Locale): T | undefined {
  if (value === undefined || choices.some((choice) => choice === value)) return value as T | undefined;
  const listed = `${choices.slice(0, -1).join(', ')} ${pick(messages.or, locale)} ${choices[choices.length - 1]}`;
  throw usageError(messages.oneOf, locale, { option, choices: listed, value });
}

/** The languages of `--lang`. */
export const languages = ['en', 'sv'] as const;

/**
 * The value of `--option`, where it is written as a plain decimal integer (digits only: no sign, blank, point, exponent
 * or `0x`, which `Number` would take) from `min` to `max`; a UsageError otherwise. undefined where it is not given.
 */
export function wholeNumberOption(option: string, value: string | undefined, min: number, max: number, locale: Locale): number | undefined {
  if (value === undefined) return undefined;
  const number = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!(number >= min && number <= max)) throw usageError(messages.wholeNumber, locale, { option, min, max, value });
  return number;
}
