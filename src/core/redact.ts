// Masks secrets before text reaches a log or the user: tokens, client secrets, passwords in every spelling they are
// written in (JSON, forms, query strings, connection strings, headers, YAML, PowerShell parameters), and any value the
// extension registered because it touched it (secret storage, the environment, a setting). Every pattern reads the
// original text, and the spans they find are masked together, so one mask never hides the key of another secret. A
// key starts only where no word character precedes it and an unclosed quote runs to the line end, so no pattern reads
// a long line again and again.

const mask = '***';

/** Key names whose value is a secret: `clientSecret`, `client_secret`, `AZURE_CLIENT_SECRET`, `Pwd`, `access_token`, `sig`, … */
const secretWords = 'secret|passw(?:or)?d|pwd|token|assertion|account[_-]?key|access[_-]?key|api[_-]?key|sig|signature|authorization';

/**
 * A value after `key:` or `key=`: a double- or single-quoted string (escapes included), a braced ODBC value, or text up
 * to the next `&`, `;`, quote or line end — spaces, commas and braces included, as connection strings allow them. An
 * unclosed quote or brace runs to the line end: masked too, and never read again from a later start.
 */
const value = String.raw`"(?:\\.|[^"\\\r\n])*"?|'(?:\\.|[^'\\\r\n])*'?|\{[^}\r\n]*\}?|[^\s&;"'][^&;\r\n"']*`;

/** `key: value`, `key=value`, `"key":"value"`; the `value` group is what is masked (inside its quotes). */
const keyedSecret = new RegExp(String.raw`(?<![\w.-])(["']?)[\w.-]*(?:${secretWords})\1\s*[:=]\s*(?<value>${value})`, 'dgi');

/** PowerShell: `-ClientSecret 'x'`, `-Password "x y"`, `-Secret x`. */
const parameterSecret = new RegExp(String.raw`(?<![\w-])-\w*(?:secret|password)\s+(?<value>"[^"\r\n]*"?|'[^'\r\n]*'?|[^\s"'][^\s]*)`, 'dgi');

const tokenPatterns: RegExp[] = [
  /\/\/[^/\s:@]+:(?<value>[^@\s/]+)@/dg, // a password in a URL: https://user:password@host
  /(?<![\w-])(?<value>eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*)/dg, // JWT access or id tokens
  /\b(?:Bearer|Basic)\s+(?<value>[\w.~+/=-]{8,})/dgi,
  /[?&]code=(?<value>[^&\s"']+)/dgi, // OAuth authorization codes in redirect URLs
];

/** Short values would mask ordinary words; real secrets are long. */
const minimumSecretLength = 6;

/** The spellings a secret takes in text: as it is, URL-encoded, in a form (`+` for spaces), JSON-escaped. */
export function secretVariants(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const url = encodeURIComponent(secret);
  const variants = new Set([secret, url, url.replace(/%20/g, '+'), json]);
  return [...variants].filter((v) => v.length >= minimumSecretLength);
}

type Range = [start: number, end: number];

const closingOf: Record<string, string> = { '"': '"', "'": "'", '{': '}' };

/** The span of a match's `value` group: inside its quotes (or braces) when it has them, closed or not. */
function valueRange(match: RegExpExecArray): Range | undefined {
  const span = match.indices?.groups?.value;
  const found = match.groups?.value;
  if (!span || !found) return undefined;
  const closing = closingOf[found[0]];
  if (!closing) return [span[0], span[1]];
  const closed = found.length >= 2 && found.endsWith(closing);
  return [span[0] + 1, span[1] - (closed ? 1 : 0)];
}

/** Where secrets are in `text`: each pattern and each known value read on the original text, so that none hides another. */
function secretRanges(text: string, knownSecrets: readonly string[]): Range[] {
  const ranges: Range[] = [];
  for (const secret of knownSecrets) {
    if (secret.length < minimumSecretLength) continue;
    for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + secret.length)) ranges.push([at, at + secret.length]);
  }
  for (const pattern of [keyedSecret, parameterSecret, ...tokenPatterns]) {
    for (const match of text.matchAll(pattern)) {
      const range = valueRange(match);
      if (range && range[1] > range[0]) ranges.push(range);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** `text` with every known secret value and every secret-shaped substring replaced by ***. */
export function redact(text: string, knownSecrets: readonly string[] = []): string {
  let result = '';
  let at = 0;
  for (const [start, end] of secretRanges(text, knownSecrets)) {
    if (end <= at) continue;
    // Overlapping spans become one mask.
    result += start > at ? `${text.slice(at, start)}${mask}` : '';
    at = end;
  }
  return result + text.slice(at);
}

/** The secrets one process knows of, in every spelling, and the redaction that uses them; the log and the UI share one. */
export class SecretMask {
  private readonly secrets: string[] = [];

  /** Registers a value that must never be shown, in each of its spellings; empty and short values are ignored. */
  add(secret: string | undefined): void {
    if (!secret) return;
    for (const variant of secretVariants(secret)) {
      // Longer first: a secret that contains another is masked whole.
      if (!this.secrets.includes(variant)) this.secrets.push(variant);
    }
    this.secrets.sort((a, b) => b.length - a.length);
  }

  clean(text: string): string {
    return redact(text, this.secrets);
  }
}

const secretName = new RegExp(String.raw`(?:${secretWords}|credential|certificate)`, 'i');
const secretKeyName = new RegExp(String.raw`(?:${secretWords})$`, 'i');

/** Values of environment variables that name a secret (AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PASSWORD, …). */
export function secretsInEnvironment(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    // PWD and OLDPWD are the shell's working folders, not passwords.
    .filter(([name, value]) => value && !/^(OLD)?PWD$/i.test(name) && secretName.test(name))
    .map(([, value]) => value!);
}

/** String values under secret-looking keys anywhere in a settings object (a `clientSecret` someone put in a stamp entry). */
export function secretsInSettings(settings: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown, key: string, depth: number): void => {
    if (depth > 8) return;
    if (typeof node === 'string') {
      if (secretKeyName.test(key)) found.push(node);
    } else if (Array.isArray(node)) {
      for (const item of node) visit(item, key, depth + 1);
    } else if (typeof node === 'object' && node !== null) {
      for (const [name, child] of Object.entries(node)) visit(child, name, depth + 1);
    }
  };
  visit(settings, '', 0);
  return found;
}
