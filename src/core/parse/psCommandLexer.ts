// A known cmdlet's arguments read from the text instead of the tree. Reading a command's elements from
// web-tree-sitter costs a JavaScript object and calls into the wasm module per element (`namedChildren`, each
// element's type and end); a dense script has thousands of such commands. Where a command's text holds only tokens
// whose reading in command mode is plain (blanks, `-Name` and `-Name:`, simple bare words, variables, splats,
// quoted strings without escapes, `@{ … }` without nesting), a scan of it finds the elements the grammar makes of
// it. Anything else — or any doubt — is refused, and the caller asks the tree as before.
import type { Span } from '../text';

/**
 * An element of a command's arguments, as the grammar reads it: a `command_parameter` (without a colon that ends it),
 * the separator that is that colon, a bare word (`generic_token`), or a value of another kind (a string, a variable,
 * a splat, a hashtable: an `array_literal_expression`). Blank separators are left out.
 */
export interface LexedElement extends Span {
  kind: 'parameter' | 'colon' | 'word' | 'value';
}

/** Operators PowerShell reads after a dash in expression mode: as parameter names the grammar may read them otherwise. */
export const operatorNames =
  '(?:[ci]?(?:eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split|join)|and|or|xor|not|band|bor|bxor|bnot|is|isnot|as|f|shl|shr)';
const operator = new RegExp(`^${operatorNames}$`, 'i');
/** An operator's name at `lastIndex` that no letter goes on after (sticky: no copy of each parameter's name). */
const operatorAt = new RegExp(`${operatorNames}(?![A-Za-z])`, 'iy');

const SPACE = 0x20;
const COLON = 0x3a;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const DOLLAR = 0x24;
const AT = 0x40;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const DASH = 0x2d;

/**
 * The elements of the command whose name ends at `from` and whose text ends at `to` (without trailing blanks), read
 * from `code` (the text as the tree was parsed), or undefined when the text holds anything this reading does not
 * cover. The caller uses it only for a command without syntax errors.
 */
export function lexCommandElements(code: string, from: number, to: number): LexedElement[] | undefined {
  const elements: LexedElement[] = [];
  let at = from;
  // A token needs a blank before it, except a value after a parameter's colon.
  let blankNeeded = true;
  while (at < to) {
    const char = code.charCodeAt(at);
    if (char === SPACE) {
      at++;
      blankNeeded = false;
      continue;
    }
    if (blankNeeded) return undefined;
    const end = tokenEnd(code, at, to, char);
    if (end < 0) return undefined;
    if (char === DASH && code.charCodeAt(end) === COLON) {
      elements.push({ start: at, end, kind: 'parameter' }, { start: end, end: end + 1, kind: 'colon' });
      // `-Name:-x` and `-Name::x` read otherwise
      const next = code.charCodeAt(end + 1);
      if (next === DASH || next === COLON) return undefined;
      at = end + 1;
      blankNeeded = false;
      continue;
    }
    if (end < to && code.charCodeAt(end) !== SPACE) return undefined;
    elements.push({ start: at, end, kind: char === DASH ? 'parameter' : isWordStart(char) || isDigit(char) ? 'word' : 'value' });
    at = end;
    blankNeeded = true;
  }
  return elements;
}

/** Where the token that starts with `char` at `at` ends, or -1 when it is not one this reading covers. */
function tokenEnd(code: string, at: number, to: number, char: number): number {
  if (char === DASH) return parameterEnd(code, at, to);
  if (char === DOLLAR) return nameEnd(code, at + 1, to);
  if (char === AT) return code.charCodeAt(at + 1) === OPEN_BRACE ? hashtableEnd(code, at + 2, to) : nameEnd(code, at + 1, to);
  if (char === SINGLE_QUOTE) return singleQuotedEnd(code, at + 1, to);
  if (char === DOUBLE_QUOTE) return doubleQuotedEnd(code, at + 1, to);
  // A `<` with a blank after it redirects input (`< file`); `<name>` is a word.
  if (char === 0x3c && (at + 1 >= to || code.charCodeAt(at + 1) === SPACE)) return -1;
  if (isWordStart(char)) return wordEnd(code, at, to);
  // A word that starts with digits is a number to the grammar unless a dash follows them (`2017-06-01`).
  if (isDigit(char)) return isDatedWord(code, at, Math.min(at + 24, to)) ? wordEnd(code, at, to) : -1;
  return -1;
}

/** `-Name`: letters only (a digit, `.` or `_` in it reads otherwise), and no operator's name. */
function parameterEnd(code: string, at: number, to: number): number {
  let end = at + 1;
  while (end < to && isLetter(code.charCodeAt(end))) end++;
  const next = end < to ? code.charCodeAt(end) : SPACE;
  if (end === at + 1 || (next !== SPACE && next !== COLON) || isOperatorName(code, at + 1, end)) return -1;
  return end;
}

/** Whether the letters from `start` to `end` are an operator's name. */
function isOperatorName(code: string, start: number, end: number): boolean {
  // Where no letter follows them, a match at `start` that no letter goes on after ends at `end`.
  if (end < code.length && isLetter(code.charCodeAt(end))) return operator.test(code.slice(start, end));
  operatorAt.lastIndex = start;
  return operatorAt.test(code);
}

/** Digits at `at`, a dash and a digit, all before `limit` (`2017-06-01`). */
function isDatedWord(code: string, at: number, limit: number): boolean {
  let end = at;
  while (end < limit && isDigit(code.charCodeAt(end))) end++;
  return end > at && end + 1 < limit && code.charCodeAt(end) === DASH && isDigit(code.charCodeAt(end + 1));
}

/** A variable's or splat's name after its `$` or `@`: a letter, then letters, digits and underscores. */
function nameEnd(code: string, at: number, to: number): number {
  if (at >= to || !isLetter(code.charCodeAt(at))) return -1;
  let end = at + 1;
  while (end < to && isNameChar(code.charCodeAt(end))) end++;
  return end;
}

function singleQuotedEnd(code: string, at: number, to: number): number {
  for (let i = at; i < to; i++) {
    const char = code.charCodeAt(i);
    if (char === SINGLE_QUOTE) return i + 1;
    if (char === 0x0a || char === 0x0d) return -1;
  }
  return -1;
}

/**
 * A double-quoted string without escapes, line breaks or sub-expressions, whose variables are `$name`s the grammar
 * ends where `stringVariableEnd` does.
 */
function doubleQuotedEnd(code: string, at: number, to: number): number {
  for (let i = at; i < to; i++) {
    const char = code.charCodeAt(i);
    if (char === DOUBLE_QUOTE) return i + 1;
    if (char === 0x60 || char === 0x0a || char === 0x0d) return -1;
    if (char === DOLLAR) {
      const end = stringVariableEnd(code, i, to);
      if (end < 0) return -1;
      i = end - 1;
    }
  }
  return -1;
}

/** Where the `$name` at `at` in a double-quoted string ends, or -1 where the grammar's reading of it is not plain. */
function stringVariableEnd(code: string, at: number, to: number): number {
  const end = nameEnd(code, at + 1, to);
  // `$scope:name`, `$name?`, `${…}`, `$name[…]`, `$(…)`: left to the tree
  return end < 0 || ':?{[('.includes(code[end]) ? -1 : end;
}

/**
 * The variables of the double-quoted string at `string`, one that `lexCommandElements` read, in order (each is a node of
 * its own in the tree; the rest of the string is the string's).
 */
export function stringVariables(code: string, string: Span): Span[] {
  const variables: Span[] = [];
  for (let i = code.indexOf('$', string.start); i >= 0 && i < string.end; i = code.indexOf('$', i + 1)) {
    const end = stringVariableEnd(code, i, string.end);
    if (end < 0) continue; // no `$` of a string the lexer read; text, as to PowerShell
    variables.push({ start: i, end });
    i = end - 1;
  }
  return variables;
}

/** `@{ … }` with no nested braces, parentheses, comments, escapes or line breaks; its strings as in arguments. */
function hashtableEnd(code: string, at: number, to: number): number {
  for (let i = at; i < to; i++) {
    const char = code.charCodeAt(i);
    if (char === CLOSE_BRACE) return i + 1;
    if (char === SINGLE_QUOTE || char === DOUBLE_QUOTE) {
      const end = char === SINGLE_QUOTE ? singleQuotedEnd(code, i + 1, to) : doubleQuotedEnd(code, i + 1, to);
      if (end < 0) return -1;
      i = end - 1;
    } else if (char === OPEN_BRACE || char === 0x28 || char === 0x60 || char === 0x23 || char === AT || char === 0x0a || char === 0x0d) {
      return -1;
    }
  }
  return -1;
}

/** A bare word of letters, digits and `_-./\:<>=` (no `$`, quote, bracket, comma or `#`). */
function wordEnd(code: string, at: number, to: number): number {
  let end = at + 1;
  while (end < to && isWordChar(code.charCodeAt(end))) end++;
  return end;
}

/** Letters, `_`, `/`, `\` and `<` start a bare word (`<ERCS VM>` is two); a `.`, `>` or digit may start something else. */
function isWordStart(char: number): boolean {
  return isLetter(char) || char === 0x5f || char === 0x2f || char === 0x5c || char === 0x3c;
}

function isWordChar(char: number): boolean {
  return isNameChar(char) || char === DASH || char === 0x2e || char === 0x2f || char === 0x5c || char === COLON || char === 0x3c || char === 0x3e || char === 0x3d;
}

function isNameChar(char: number): boolean {
  return isLetter(char) || isDigit(char) || char === 0x5f;
}

function isLetter(char: number): boolean {
  return (char >= 0x41 && char <= 0x5a) || (char >= 0x61 && char <= 0x7a);
}

function isDigit(char: number): boolean {
  return char >= 0x30 && char <= 0x39;
}

/** An entry of a hashtable read by `lexHashtableEntries`: its key and its value, as the tree's nodes span them. */
export interface LexedEntry {
  key: Span;
  value: Span;
}

/**
 * The entries of a hashtable that `lexCommandElements` read as an element at `hashtable` (`@{` to `}`), when each is
 * `name = value` with a value of one quoted string, `$name` or `$name.Member`, separated by `;`; undefined for anything
 * else.
 */
export function lexHashtableEntries(code: string, hashtable: Span): LexedEntry[] | undefined {
  const entries: LexedEntry[] = [];
  const to = hashtable.end - 1;
  let at = skipBlanks(code, hashtable.start + 2, to);
  while (at < to) {
    const keyEnd = nameEnd(code, at, to);
    if (keyEnd < 0) return undefined;
    const equals = skipBlanks(code, keyEnd, to);
    if (code[equals] !== '=') return undefined;
    const valueStart = skipBlanks(code, equals + 1, to);
    const valueEnd = entryValueEnd(code, valueStart, to);
    if (valueEnd < 0) return undefined;
    entries.push({ key: { start: at, end: keyEnd }, value: { start: valueStart, end: valueEnd } });
    at = skipBlanks(code, valueEnd, to);
    if (at < to && code[at] !== ';') return undefined;
    at = skipBlanks(code, at + 1, to);
  }
  return entries;
}

function entryValueEnd(code: string, at: number, to: number): number {
  const char = code.charCodeAt(at);
  if (char === SINGLE_QUOTE) return singleQuotedEnd(code, at + 1, to);
  if (char === DOUBLE_QUOTE) return doubleQuotedEnd(code, at + 1, to);
  if (char !== DOLLAR) return -1;
  // `$name` or `$name.Member.Member`
  let end = nameEnd(code, at + 1, to);
  while (end > 0 && code.charCodeAt(end) === 0x2e) end = nameEnd(code, end + 1, to);
  return end;
}

function skipBlanks(code: string, at: number, to: number): number {
  while (at < to && code.charCodeAt(at) === SPACE) at++;
  return at;
}

/** A command read from a line of its own: where its name is, where it ends (without trailing blanks), its elements. */
export interface LexedCommand {
  name: Span;
  end: number;
  elements: LexedElement[];
}

/** `$name = value` read from a line of its own, the value one quoted string or `$name`. */
export interface LexedAssignment {
  variable: Span;
  /** Where its `=` is. */
  operator: number;
  rhs: Span;
}

/**
 * The statements of a script's first lines, read from `code` (the text as the tree was parsed) up to the first line
 * that holds anything else than blanks, a comment, a `Verb-Noun` command that `lexCommandElements` reads whole, or
 * `$name = value` (value as in `lexHashtableEntries`, without members). Each such line is one statement of the script
 * itself, outside any block: the one before it ended at its line break. A pasted sample is often all such lines, and
 * each command or assignment read here costs the tree a descent and a dozen more calls into the wasm module. For a
 * tree without syntax errors only. Lines are read as far as asked (`readTo`), so that what is read is soon used.
 */
export class LeadingLines {
  /** Commands read and not handed out yet, in the order of the text, from `firstWaiting` on. */
  readonly commands: (LexedCommand | undefined)[] = [];
  private firstWaiting = 0;
  /** Assignments by where their `=` is. */
  readonly assignments = new Map<number, LexedAssignment>();
  /** Where the next line to read starts; past the text's end once a line is not read. */
  private next = 0;

  constructor(private readonly code: string) {}

  /**
   * The command read whose name starts at `start`, handed out once (then let go: it is garbage once used). Asked in
   * the order of the text, so the commands before `start` are never asked for: they are let go too. (A list, where a
   * map's deletions made it allocate smaller tables again and again.)
   */
  takeCommand(start: number): LexedCommand | undefined {
    this.readTo(start);
    const { commands } = this;
    while (this.firstWaiting < commands.length && (commands[this.firstWaiting]?.name.start ?? start) < start) commands[this.firstWaiting++] = undefined;
    const command = commands[this.firstWaiting];
    if (command?.name.start !== start) return undefined;
    commands[this.firstWaiting++] = undefined;
    return command;
  }

  /** The assignment read whose `=` is at `operator`. */
  assignment(operator: number): LexedAssignment | undefined {
    this.readTo(operator);
    return this.assignments.get(operator);
  }

  /** Reads the lines that start at or before `offset`, unless a line before them was not read. */
  readTo(offset: number): void {
    const { code } = this;
    while (this.next <= offset && this.next < code.length) {
      const at = this.next;
      const lineBreak = code.indexOf('\n', at);
      let end = lineBreak < 0 ? code.length : lineBreak;
      if (code.charCodeAt(end - 1) === 0x0d) end--;
      end = trimBlanksBefore(code, at, end);
      const start = skipBlanks(code, at, end);
      const char = code.charCodeAt(start);
      const read = start === end || (char === 0x23 ? isOneLine(code, start, end) : char === DOLLAR ? lexAssignment(code, start, end, this) : lexCommandLine(code, start, end, this));
      this.next = read && lineBreak >= 0 ? lineBreak + 1 : code.length;
    }
  }
}

function lexAssignment(code: string, start: number, end: number, lines: LeadingLines): boolean {
  const variableEnd = nameEnd(code, start + 1, end);
  if (variableEnd < 0) return false;
  const operator = skipBlanks(code, variableEnd, end);
  if (code.charCodeAt(operator) !== 0x3d || code.charCodeAt(operator + 1) === 0x3d) return false;
  const rhsStart = skipBlanks(code, operator + 1, end);
  const char = code.charCodeAt(rhsStart);
  const rhsEnd = char === DOLLAR ? nameEnd(code, rhsStart + 1, end) : char === SINGLE_QUOTE || char === DOUBLE_QUOTE ? entryValueEnd(code, rhsStart, end) : -1;
  if (rhsEnd !== end) return false;
  lines.assignments.set(operator, { variable: { start, end: variableEnd }, operator, rhs: { start: rhsStart, end } });
  return true;
}

/** A `Verb-Noun` name (no keyword has a dash), then what `lexCommandElements` reads to the line's end. */
function lexCommandLine(code: string, start: number, end: number, lines: LeadingLines): boolean {
  if (!isLetter(code.charCodeAt(start))) return false;
  let nameEnd = start + 1;
  let dash = false;
  for (let char = code.charCodeAt(nameEnd); nameEnd < end && (isNameChar(char) || char === DASH); char = code.charCodeAt(++nameEnd)) dash ||= char === DASH;
  if (!dash || (nameEnd < end && code.charCodeAt(nameEnd) !== SPACE)) return false;
  const elements = lexCommandElements(code, nameEnd, end);
  if (!elements) return false;
  lines.commands.push({ name: { start, end: nameEnd }, end, elements });
  return true;
}

/** A comment to the line's end, without a line or paragraph separator in it (which a reader might take as a line break). */
function isOneLine(code: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (code.charCodeAt(i) === 0x2028 || code.charCodeAt(i) === 0x2029) return false;
  return true;
}

function trimBlanksBefore(code: string, start: number, end: number): number {
  while (end > start && code.charCodeAt(end - 1) === SPACE) end--;
  return end;
}
