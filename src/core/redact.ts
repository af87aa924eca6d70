// Masks secrets before text reaches a log: tokens, client secrets, passwords, and any value the caller names.

const mask = '***';

const secretPatterns: [RegExp, string][] = [
  [/\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g, mask], // JWT access or id tokens
  [/\b(Bearer|Basic)\s+[\w.~+/=-]{8,}/gi, `$1 ${mask}`],
  [/((?:client_secret|access_token|refresh_token|id_token|password|assertion|client_assertion)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi, `$1${mask}`],
  [/([?&](?:sig|code|token)=)[^&\s"']+/gi, `$1${mask}`],
];

/** `text` with every known secret value and every token-shaped substring replaced by ***. */
export function redact(text: string, knownSecrets: readonly string[] = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    // Short values would mask ordinary words; real secrets are long.
    if (secret.length >= 6) result = result.split(secret).join(mask);
  }
  for (const [pattern, replacement] of secretPatterns) result = result.replace(pattern, replacement);
  return result;
}
