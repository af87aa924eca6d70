// PowerShell string literals → value segments: verbatim ('…', @'…'@) and expandable ("…", @"…"@) strings with their
// escapes, and `$name` / `${name}` / `$(…)` inside expandable strings, which the caller resolves.
import type { Segment } from '../facts';

/**
 * Resolves an interpolation starting with `$` at document offset `at`: its segments and where it ends. An object with a
 * method rather than a closure: optimized code that took in one reader's closure was thrown away at each full garbage
 * collection after that reader was gone (V8 holds such a function weakly), in every lint of a dense script.
 */
export interface Interpolate {
  interpolate(at: number): { segments: Segment[]; end: number };
}

/** PowerShell accepts typographic quotes as well as ASCII ones. */
export const singleQuotes = "'\u2018\u2019\u201A\u201B";
export const doubleQuotes = '"\u201C\u201D\u201E';

const escapes: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Collects segments, merging runs of characters copied 1:1 from the document. */
class SegmentBuilder {
  readonly segments: Segment[] = [];

  copy(text: string, at: number): void {
    const last = this.segments.at(-1);
    if (last?.at !== undefined && last.at + last.text.length === at) last.text += text;
    else this.segments.push({ text, at });
  }

  /** Segments an interpolation brings in; they keep where they come from. */
  add(segments: Segment[]): void {
    this.segments.push(...segments);
  }

  /** A character that stands for other source text (an escape): no exact position. */
  escaped(text: string): void {
    this.segments.push({ text });
  }
}

/**
 * Where the run of characters that stand for themselves in an expandable string, starting at `index`, ends: at a
 * backtick, `$`, double quote or line break (a loop rather than a pattern, which made a match object per run).
 */
function plainRun(text: string, index: number, limit: number): number {
  for (let i = index; i < limit; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x60 || char === 0x24 || char === 0x22 || char === 0x0d || char === 0x0a || (char >= 0x201c && char <= 0x201e)) return i;
  }
  return limit;
}

/**
 * Where the variable name after a `$` at `index` ends, or -1 when the `$` starts no variable. After a scope or drive
 * (`$env:`), PowerShell reads on through further colons (`$env:HOME:x` is one name); `::` is an operator.
 */
export function variableEnd(text: string, index: number): number {
  // `$name` followed by neither a word character nor a colon, the common case, without a match object.
  const plain = plainVariableEnd(text, index);
  if (plain > 0) return plain;
  // `${…}` is read from a copy of the 256 characters it may span: in place, an unclosed brace would be followed to the
  // next `}` of the text, at every `${`. Other names are matched in place (a name stops at the next `$`), and one that
  // reaches 255 characters is read from the copy, whose end can cut it short.
  if (text.charCodeAt(index + 1) !== 0x7b) {
    variableAt.lastIndex = index;
    const match = variableAt.exec(text);
    if (!match) return -1;
    if (match[0].length < 255) return index + match[0].length;
  }
  const within = variable.exec(text.slice(index, index + 256));
  return within ? index + within[0].length : -1;
}

/** Where `$name` (a letter or `_`, then word characters) at `index` ends when no word character or colon follows; else -1. */
function plainVariableEnd(text: string, index: number): number {
  let end = index + 1;
  if (!isWordChar(text.charCodeAt(end)) || isDigit(text.charCodeAt(end))) return -1;
  while (isWordChar(text.charCodeAt(end))) end++;
  return text.charCodeAt(end) === 0x3a || end - index > 254 ? -1 : end;
}

/** A letter, digit or `_` of ASCII: what a variable's plain name is made of. */
export function isWordChar(char: number): boolean {
  return (char >= 0x41 && char <= 0x5a) || (char >= 0x61 && char <= 0x7a) || isDigit(char) || char === 0x5f;
}

export function isDigit(char: number): boolean {
  return char >= 0x30 && char <= 0x39;
}

const variable = /^\$(?:\{(?:[^}`]|`.)*\}|[A-Za-z_]\w*(?::(?!:)[\w:]*)?|[$?^_])/;
const variableAt = new RegExp(variable.source.slice(1), 'y');

export interface DecodedString {
  segments: Segment[];
  /** Offset just after the closing quote. */
  end: number;
}

/**
 * Decodes the string literal that starts at `start` in `text` (document offsets), up to `limit`. Undefined when no
 * string starts there or it is not closed.
 */
export function decodeString(text: string, start: number, limit: number, interpolate: Interpolate): DecodedString | undefined {
  const first = text[start];
  if (first === '@' && singleQuotes.includes(text[start + 1])) return hereString(text, start, limit, false, interpolate);
  if (first === '@' && doubleQuotes.includes(text[start + 1])) return hereString(text, start, limit, true, interpolate);
  if (singleQuotes.includes(first)) return verbatim(text, start, limit);
  if (doubleQuotes.includes(first)) {
    return expandable(text, start + 1, limit, (i) => doubleQuotes.includes(text[i]) && !doubleQuotes.includes(text[i + 1]), interpolate, true);
  }
  return undefined;
}

function verbatim(text: string, start: number, limit: number): DecodedString | undefined {
  const out = new SegmentBuilder();
  // Each run of characters up to a quote is copied at once, where a copy per character made a string per character.
  for (let i = start + 1; i < limit; i++) {
    const quote = singleQuoteFrom(text, i, limit);
    if (quote > i) out.copy(text.slice(i, quote), i);
    if (quote >= limit) return undefined;
    if (!singleQuotes.includes(text[quote + 1])) return { segments: out.segments, end: quote + 1 };
    out.escaped(text[quote]);
    i = quote + 1;
  }
  return undefined;
}

/** Where the first single quote (any of `singleQuotes`) at or after `from` is, or `limit`. */
function singleQuoteFrom(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x27 || (char >= 0x2018 && char <= 0x201b)) return i;
  }
  return limit;
}

/**
 * A bare word's value (a command argument such as `/subscriptions/$sub/x`): PowerShell expands it as it expands a
 * string, without quotes. `end` is where the word ends.
 */
export function decodeBareWord(text: string, start: number, end: number, interpolate: Interpolate): Segment[] {
  return expandable(text, start, end, undefined, interpolate, false)?.segments ?? [];
}

/**
 * Decodes expandable text from `from` until `closes(i)` says the closing quote is at i, or (without `closes`) up to
 * `limit`; `""` is an escape outside here-strings.
 */
function expandable(
  text: string, from: number, limit: number, closes: ((i: number) => boolean) | undefined, interpolate: Interpolate, doubledQuotes: boolean,
): DecodedString | undefined {
  const out = new SegmentBuilder();
  for (let i = from; i < limit; i++) {
    const plain = plainRun(text, i, limit);
    if (plain > i) {
      out.copy(text.slice(i, plain), i);
      i = plain - 1;
      continue;
    }
    const char = text[i];
    if (closes?.(i)) return { segments: out.segments, end: i + 1 };
    if (char === '`' && i + 1 < limit) {
      out.escaped(escapes[text[i + 1]] ?? text[i + 1]);
      i++;
    } else if (doubledQuotes && doubleQuotes.includes(char) && doubleQuotes.includes(text[i + 1])) {
      out.escaped(char);
      i++;
    } else if (char === '$' && (text[i + 1] === '(' || variableEnd(text, i) > 0)) {
      const part = interpolate.interpolate(i);
      out.add(part.segments);
      i = part.end - 1;
    } else {
      out.copy(char, i);
    }
  }
  return closes ? undefined : { segments: out.segments, end: limit };
}

function hereString(text: string, start: number, limit: number, expand: boolean, interpolate: Interpolate): DecodedString | undefined {
  const opening = /^@["'\u2018-\u201E][ \t]*(?:\r\n?|\n)/.exec(text.slice(start, start + 64));
  if (!opening) return undefined;
  const quotes = expand ? doubleQuotes : singleQuotes;
  const bodyStart = start + opening[0].length;
  const closing = new RegExp(`(?:\\r\\n?|\\n)[${quotes}]@`, 'g');
  closing.lastIndex = bodyStart - 1;
  const match = closing.exec(text);
  if (!match || match.index + match[0].length > limit) return undefined;
  const bodyEnd = Math.max(match.index, bodyStart);
  const end = match.index + match[0].length;
  if (!expand) return { segments: bodyEnd > bodyStart ? [{ text: text.slice(bodyStart, bodyEnd), at: bodyStart }] : [], end };
  const decoded = expandable(text, bodyStart, bodyEnd + 1, (i) => i === bodyEnd, interpolate, false);
  return decoded && { segments: decoded.segments, end };
}
