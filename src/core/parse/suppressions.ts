// Suppression comments, the same in every language: `azs-disable-next-line AZS102` for the next line,
// `azs-disable AZS402` for the whole file; several codes separated by commas or spaces; no code means every rule.
import type { Suppression } from '../facts';

const directive = /\bazs-disable(-next-line)?\b([^\r\n]*)/i;

/** Reads a suppression from a comment's text; `endLine` is the 0-based line on which the comment ends. */
export function suppressionIn(comment: string, endLine: number): Suppression | undefined {
  const match = directive.exec(comment);
  if (!match) return undefined;
  const codes = [...match[2].matchAll(/\bAZS\d{3}\b/gi)].map((m) => m[0].toUpperCase());
  return match[1] ? { codes, scope: 'nextLine', line: endLine + 1 } : { codes, scope: 'file', line: endLine };
}
