// The `{ }` pairs of a PowerShell script's code, in one pass that passes over the braces that are no block: those in
// strings, here-strings, comments and `${…}` variable names. Counting every brace paired a `'}'` or a `# }` with a
// block's `{`, so that each level of `if ($x) { '}'` closed early and no pair lay around the places inside it.
import type { Span } from '../text';
import { isDigit, isWordChar } from './psStrings';

/** The code's brace pairs, and how deep they nest. */
export interface BracePairs {
  /**
   * Each pair as the span from just after its `{` to just after its `}` (the end of the code plus one where none closes
   * it), in the order of the `{`s: a pair before those inside it.
   */
  pairs: Span[];
  depth: number;
}

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const EXCLAMATION = 0x21;
const DOUBLE_QUOTE = 0x22;
const HASH = 0x23;
const DOLLAR = 0x24;
const AMPERSAND = 0x26;
const SINGLE_QUOTE = 0x27;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
const LESS_THAN = 0x3c;
const EQUALS = 0x3d;
const GREATER_THAN = 0x3e;
const QUESTION = 0x3f;
const AT = 0x40;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const CARET = 0x5e;
const BACKTICK = 0x60;
const OPEN_BRACE = 0x7b;
const PIPE = 0x7c;
const CLOSE_BRACE = 0x7d;

/**
 * Pairs the braces of `code`, the text as `asPowerShellReads` rewrites it (typographic quotes are ASCII ones there, and
 * a lone CR a line feed), reading it as the grammar does where the script is sane:
 * - `'…'`; `"…"` with backtick escapes; here-strings from `@'` or `@"` and a line break to a line that starts with `'@`
 *   or `"@` (a doubled quote inside a string, `''` or `""`, needs no rule of its own: where it ends the string, it
 *   starts another that the rest of the string ends);
 * - a `#` comment to the end of its line and a `<# … #>` one (with backtick escapes inside), where they start a token
 *   or follow a variable, an index or a type that ends the word there (see `startsComment`);
 * - `${…}` to its first `}` (as the grammar's `braced_variable`), in code and in expandable strings.
 * A `$( … )` in a `"…"` or `@"…"@` string is code: its braces pair (they are blocks of the tree, as in
 * `"$($list | ForEach-Object { $_ })"`) and its strings and comments are passed over, up to the `)` that closes it.
 * A string or comment that does not close runs to the end (as PowerShell reads it): its braces pair with none. A brace
 * inside a bare word (`a{b`, the word's to the grammar) pairs.
 * Wrong pairs cost only time: `TreePath` uses a pair's node only where it lies around the place.
 */
export function pairBraces(code: string): BracePairs {
  return new BraceScan(code).result();
}

/** The pass of `pairBraces`, in code or in an expandable string, one character or skipped run at a time. */
class BraceScan {
  private readonly pairs: Span[] = [];
  private readonly open: Span[] = [];
  private depth = 0;
  /**
   * The expandable strings the pass is in (`"` or `@`), outermost first, and the `$( … )` it is in, one in each string
   * but the last when the pass is in a string's text, one in each when it is in code: how many `(` are open in it.
   */
  private readonly strings: number[] = [];
  private readonly parens: number[] = [];
  /**
   * The first `}` after the last `${` (`code.length` for none): one search for many `${` before it, and for any
   * number of unclosed ones after the last `}`.
   */
  private nextClose = -1;
  /** Where the last search back for a word's start (`expressionWordBefore`) began, and the start it found. */
  private wordSearched = 0;
  private wordStart = 0;
  /** The word (by its start) whose expression was last read (`expressionEndsAt`), and whether it ends before a `#`. */
  private expressionWord = -1;
  private expressionEnds = false;

  constructor(private readonly code: string) {
    for (let at = 0; at < code.length;) at = this.strings.length > this.parens.length ? this.inString(at) : this.inCode(at);
  }

  result(): BracePairs {
    return { pairs: this.pairs, depth: this.depth };
  }

  /** Reads code from `at` up to the end of the code or a change to a string's text; returns where the pass goes on. */
  private inCode(at: number): number {
    const code = this.code;
    const inSubexpression = this.parens.length > 0;
    for (let i = at; i < code.length; i++) {
      switch (code.charCodeAt(i)) {
        case OPEN_BRACE: {
          const pair = { start: i + 1, end: code.length + 1 };
          this.pairs.push(pair);
          this.open.push(pair);
          if (this.open.length > this.depth) this.depth = this.open.length;
          break;
        }
        case CLOSE_BRACE: {
          const pair = this.open.pop();
          if (pair) pair.end = i + 1;
          break;
        }
        case SINGLE_QUOTE:
          i = this.verbatimEnd(i + 1) - 1;
          break;
        case DOUBLE_QUOTE:
          this.strings.push(DOUBLE_QUOTE);
          return i + 1;
        case AT: {
          const body = this.hereStringBody(i);
          if (body < 0) break;
          if (code.charCodeAt(i + 1) === SINGLE_QUOTE) {
            i = this.verbatimHereStringEnd(body) - 1;
            break;
          }
          this.strings.push(AT);
          return body;
        }
        case HASH:
          if (this.startsComment(i)) i = lineEnd(code, i) - 1;
          break;
        case LESS_THAN:
          if (code.charCodeAt(i + 1) === HASH && this.startsComment(i)) i = this.blockCommentEnd(i + 2) - 1;
          break;
        case DOLLAR:
          i = this.variableEnd(i) - 1;
          break;
        case BACKTICK:
          i++;
          break;
        case OPEN_PAREN:
          if (inSubexpression) this.parens[this.parens.length - 1]++;
          break;
        case CLOSE_PAREN:
          if (!inSubexpression) break;
          if (this.parens[this.parens.length - 1] === 0) {
            this.parens.pop();
            return i + 1;
          }
          this.parens[this.parens.length - 1]--;
          break;
      }
    }
    return code.length;
  }

  /**
   * Reads the text of the innermost string from `at` up to its end or a `$(` (a change to code); returns where the pass
   * goes on. A here-string ends at a line break followed by `"@`.
   */
  private inString(at: number): number {
    const code = this.code;
    const quoted = this.strings[this.strings.length - 1] === DOUBLE_QUOTE;
    for (let i = at; i < code.length; i++) {
      switch (code.charCodeAt(i)) {
        case BACKTICK:
          i++;
          break;
        case DOUBLE_QUOTE:
          if (!quoted) break;
          this.strings.pop();
          return i + 1;
        case LINE_FEED:
          if (quoted || code.charCodeAt(i + 1) !== DOUBLE_QUOTE || code.charCodeAt(i + 2) !== AT) break;
          this.strings.pop();
          return i + 3;
        case DOLLAR:
          if (code.charCodeAt(i + 1) === OPEN_PAREN) {
            this.parens.push(0);
            return i + 2;
          }
          i = this.variableEnd(i) - 1;
          break;
      }
    }
    return code.length;
  }

  /**
   * Whether a `#` or `<#` at `at` in code starts a comment: where it starts a token (`startsToken`), or where it goes on
   * a word that is an expression, a variable or a type (`$list[0]#`, `$name#`, `[int]#`): there the tree (and
   * PowerShell, in an expression) ends the word before it. In a bare word it goes on the word (`C#`, `b]#`), and so
   * it does where a bare word follows the expression (`$a+b#`, see `expressionEndsAt`).
   */
  private startsComment(at: number): boolean {
    return startsToken(this.code, at) || this.expressionWordBefore(at);
  }

  /**
   * Whether the word that ends at `at` starts with `$` or `[` and its expression ends there. Each search back goes no
   * further than where the one before started (the word it found goes on to here when nothing between ends it), and
   * each word's expression is read once (a `#` the word goes on leaves the rest of it to the word): the pass stays linear.
   */
  private expressionWordBefore(at: number): boolean {
    const code = this.code;
    let start = at;
    while (start > this.wordSearched && !endsWord(code.charCodeAt(start - 1))) start--;
    if (start === this.wordSearched) start = this.wordStart;
    this.wordSearched = at;
    this.wordStart = start;
    const first = code.charCodeAt(start);
    if (first !== DOLLAR && first !== OPEN_BRACKET) return false;
    if (start !== this.expressionWord) {
      this.expressionWord = start;
      this.expressionEnds = expressionEndsAt(code, start, at);
    }
    return this.expressionEnds;
  }

  /** Where a `'…'` string whose text starts at `at` ends (after its closing quote). */
  private verbatimEnd(at: number): number {
    const found = this.code.indexOf("'", at);
    return found < 0 ? this.code.length : found + 1;
  }

  /**
   * Where the text of a here-string that starts at the `@` at `at` starts, after its opening line (`@'` or `@"`, then
   * blanks): -1 where none starts there. Its closing line break comes after the opening one: the grammar reads
   * `@'`, a line break and `'@` as a here-string still open (PowerShell as an empty one).
   */
  private hereStringBody(at: number): number {
    const code = this.code;
    const quote = code.charCodeAt(at + 1);
    if (quote !== SINGLE_QUOTE && quote !== DOUBLE_QUOTE) return -1;
    let i = at + 2;
    while (code.charCodeAt(i) === SPACE || code.charCodeAt(i) === TAB) i++;
    if (code.charCodeAt(i) === CARRIAGE_RETURN) i++;
    return code.charCodeAt(i) === LINE_FEED ? i + 1 : -1;
  }

  /** Where a verbatim here-string whose text starts at `body` ends: after the first `'@` at a line's start. */
  private verbatimHereStringEnd(body: number): number {
    const found = this.code.indexOf("\n'@", body);
    return found < 0 ? this.code.length : found + 3;
  }

  /** Where a `<# … #>` comment whose text starts at `at` ends (a backtick escapes the character after it). */
  private blockCommentEnd(at: number): number {
    const code = this.code;
    for (let i = at; i < code.length; i++) {
      const char = code.charCodeAt(i);
      if (char === BACKTICK) i++;
      else if (char === HASH && code.charCodeAt(i + 1) === GREATER_THAN) return i + 2;
    }
    return code.length;
  }

  /** Where the `$` at `at` and the `{…}` of a braced variable name after it end (after the `$` alone for other names). */
  private variableEnd(at: number): number {
    const code = this.code;
    if (code.charCodeAt(at + 1) !== OPEN_BRACE || code.charCodeAt(at + 2) === CLOSE_BRACE) return at + 1;
    if (this.nextClose < at + 2) {
      const found = code.indexOf('}', at + 2);
      this.nextClose = found < 0 ? code.length : found;
    }
    return this.nextClose < code.length ? this.nextClose + 1 : at + 1;
  }
}

/**
 * Whether the expression that starts the word at `start` (`$` or `[`) goes on to `at`, as the tree reads it in a
 * command's arguments: a variable or a type, then members and indexes (`$a.b[0]`, `[int]::Max`). Where a bare word
 * follows it first, the tree reads that as an argument of its own, to the word's end (PowerShell reads the whole word
 * as one argument): after a `+` or `!` that no operand follows (`$a+b`, `$a!b`; `$a+$b` and `$a+1` are sums), or after
 * a `:` that follows a member, index or type (`$a.b:c`; in `$env:c` the `:` is the variable's).
 */
function expressionEndsAt(code: string, start: number, at: number): boolean {
  let i = code.charCodeAt(start) === DOLLAR ? variableNameEnd(code, start + 1) : bracketsEnd(code, start, at);
  let accessed = code.charCodeAt(start) === OPEN_BRACKET;
  for (;;) {
    if (i >= at) return true;
    const char = code.charCodeAt(i);
    if (char === DOT) i = nameEnd(code, i + 1);
    else if (char === COLON && code.charCodeAt(i + 1) === COLON) i = nameEnd(code, i + 2);
    else if (char === OPEN_BRACKET) i = bracketsEnd(code, i, at);
    else break;
    accessed = true;
  }
  const char = code.charCodeAt(i);
  if (char === PLUS || char === EXCLAMATION) return i + 1 < at && startsOperand(code.charCodeAt(i + 1));
  return !(char === COLON && accessed && i + 1 < at);
}

/** Where a variable's name that starts at `at` (after its `$`) ends: `$?`, `$$`, `$^`, or letters, digits and `_`, with a `scope:` before them. */
function variableNameEnd(code: string, at: number): number {
  const first = code.charCodeAt(at);
  if (first === QUESTION || first === DOLLAR || first === CARET) return at + 1;
  const end = nameEnd(code, at);
  return code.charCodeAt(end) === COLON && isWordChar(code.charCodeAt(end + 1)) ? nameEnd(code, end + 1) : end;
}

/** Where a run of letters, digits and `_` that starts at `at` ends. */
function nameEnd(code: string, at: number): number {
  let i = at;
  while (isWordChar(code.charCodeAt(i))) i++;
  return i;
}


/** Where the `[…]` that starts at `at` ends, after the `]` that closes it (`at` nests); `limit` where none does before it. */
function bracketsEnd(code: string, at: number, limit: number): number {
  let depth = 0;
  for (let i = at; i < limit; i++) {
    const char = code.charCodeAt(i);
    if (char === OPEN_BRACKET) depth++;
    else if (char === CLOSE_BRACKET && --depth === 0) return i + 1;
  }
  return limit;
}

/** Whether an operand of an expression can start with the character: a variable, number, string, array, group, cast or unary operator. */
function startsOperand(char: number): boolean {
  return char === DOLLAR || isDigit(char) || char === SINGLE_QUOTE || char === DOUBLE_QUOTE || char === AT ||
    char === OPEN_PAREN || char === OPEN_BRACKET || char === DOT || char === MINUS || char === PLUS || char === EXCLAMATION || char === COMMA;
}

/** Where the line of the character at `at` ends (at its line break, or the end of the code). */
function lineEnd(code: string, at: number): number {
  const found = code.indexOf('\n', at);
  return found < 0 ? code.length : found;
}

/** A blank, a quote or one of `;,=|&(){}`: a character a word does not go on through. */
function endsWord(char: number): boolean {
  return char <= SPACE || char === SEMICOLON || char === COMMA || char === EQUALS || char === PIPE || char === AMPERSAND ||
    char === OPEN_PAREN || char === CLOSE_PAREN || char === OPEN_BRACE || char === CLOSE_BRACE || char === SINGLE_QUOTE || char === DOUBLE_QUOTE;
}

/**
 * Whether the character at `at` starts a token: it follows nothing, a blank, one of `;,=|&({`, or the end of a string
 * or a bracket (`)}`); after other characters, `]` among them, it goes on a word.
 */
function startsToken(code: string, at: number): boolean {
  return at === 0 || endsWord(code.charCodeAt(at - 1));
}
