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

const NUL = 0x00;
const TAB = 0x09;
const LINE_FEED = 0x0a;
const VERTICAL_TAB = 0x0b;
const FORM_FEED = 0x0c;
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
const PERCENT = 0x25;
const ASTERISK = 0x2a;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const SLASH = 0x2f;
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

/** The characters `inCode` has a case for: the others (letters, digits …) it passes at once. */
const inCodeCases = new Uint8Array(CLOSE_BRACE + 1);
for (const char of [SPACE, TAB, CARRIAGE_RETURN, VERTICAL_TAB, FORM_FEED, NUL, COMMA, LINE_FEED, SEMICOLON, PIPE, AMPERSAND, EQUALS, OPEN_BRACE,
  CLOSE_BRACE, SINGLE_QUOTE, DOUBLE_QUOTE, AT, HASH, LESS_THAN, DOLLAR, BACKTICK, OPEN_PAREN, CLOSE_PAREN, OPEN_BRACKET, CLOSE_BRACKET]) inCodeCases[char] = 1;

/**
 * How PowerShell's tokenizer reads the next token, as its parser sets it (its `TokenizerMode`). A `#` that goes on a
 * token is the token's only in a bare word or a parameter, which only argument mode reads (and a command's name):
 * - `STATEMENT`: a pipeline's first token (after a new line, `;`, `|`, `=`, an opening `(` or `{`): one that starts an
 *   expression (`$x`, `'s'`, `(`, `[int]`, `-$x`, `!$x`, `1`) starts expression mode, any other a command's name (a bare
 *   word) and argument mode after it;
 * - `EXPRESSION`: operators and operands, each token ending where its kind does (`$a+$b#c` is a sum, then a comment);
 * - `ARGUMENTS`: a command's arguments, where a token that is not a string, a variable followed by members, a
 *   parameter, a redirection or a bracket is a bare word to the next blank or one of `&(),;{|}`, through any `#`;
 * - `CLAUSE`: a statement's start after a keyword (`if`, `param` …).
 * `HASHTABLE` marks the mode in a `@{ }`, where a new line or `;` starts a key, an expression.
 * In a command's arguments, `--%` (stop-parsing) makes the rest of the line up to a `|` or `&&` outside `"…"` one
 * verbatim token, and an index with blanks in it (`$a[$i + 1]#c`) is read in expression mode up to its `]`.
 * A loop's label is a name, or a value read as an expression up to the end of its members, after which a statement
 * starts (`break $a b#c`). Not read as PowerShell does: a member whose name starts with a digit after a block
 * (`@{a=1}.5's'#c`), and scripts PowerShell rejects (`$x = [int]!b#c`); the oracle test
 * (test/oracles/braces.test.ts) leaves them out.
 */
const STATEMENT = 0;
const EXPRESSION = 1;
const ARGUMENTS = 2;
/** A statement's start right after a keyword: its `(` or `{` is the keyword's (`param($p)`), not an expression's start. */
const CLAUSE = 3;
const MODE = 3;
const HASHTABLE = 4;
/** Kept with the mode around a `$( … )` in a bare word (`a$(1)#c`, `a"$(1)"#c`): the word goes on after it. */
const IN_WORD = 8;
/** A `switch` statement up to its block, whose clauses' conditions are read as commands' arguments. */
const SWITCH = 16;
/** In a `switch` statement's block: a statement's start is a clause's condition, read as an argument (`1#c { … }`). */
const CLAUSES = 32;
/**
 * After `break` or `continue`: a name is the loop's label, a token of its own (`break outer#c` ends before the `#`);
 * with `ARGUMENTS`, the mode of a label that is a value, up to its end.
 */
const LABEL = 64;
/** `wordTo` in a bare word, whose end the pass meets at the next blank: past any code's end, and a small integer (not Infinity, a double V8 reads slower). */
const TO_BLANK = 2 ** 30 - 1;

/**
 * The keywords PowerShell reads at a statement's start, after which the next token is read as at a statement's start
 * (`return $a#c` is a variable and a comment, and so is `$a#c` after `param($p)` or `else { }`). Others (`type`,
 * `command`, `public` …) are read as a command's name there.
 */
const statementKeywords = new Set(['if', 'elseif', 'else', 'switch', 'foreach', 'for', 'while', 'do', 'until', 'try', 'catch', 'finally', 'trap',
  'data', 'return', 'continue', 'break', 'exit', 'throw', 'begin', 'process', 'end', 'dynamicparam', 'clean', 'param', 'default', 'function',
  'filter', 'workflow', 'configuration', 'class', 'enum', 'using', 'from', 'define', 'var', 'parallel', 'sequence']);
/** The operators that start an expression at a statement's start (`-not $a`); other dashed words are commands' names. */
const unaryOperators = new Set(['not', 'bnot', 'split', 'join', 'isplit', 'csplit', 'ijoin', 'cjoin']);
/** A number, as PowerShell reads one (with a type suffix and a multiplier), sticky: where one starts, where it ends. */
const numberAt = /(?:0x[0-9a-f]+|0b[01]+|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(?:ul|lu|us|uy|un|u|l|y|s|n|d)?(?:kb|mb|gb|tb|pb)?/iy;

/**
 * Pairs the braces of `code`, the text as `asPowerShellReads` rewrites it (typographic quotes are ASCII ones there, and
 * a lone CR a line feed), reading it as PowerShell's tokenizer does where the script is sane:
 * - `'…'`; `"…"` with backtick escapes; here-strings from `@'` or `@"` and a line break to a line that starts with `'@`
 *   or `"@` (a doubled quote inside a string, `''` or `""`, needs no rule of its own: where it ends the string, it
 *   starts another that the rest of the string ends);
 * - a `#` comment to the end of its line and a `<# … #>` one (with backtick escapes inside), where they start a token:
 *   in a bare word or a parameter, which argument mode reads (`Write-Host $a+$b#c`, `-x#c`), the `#` goes on the word
 *   (see the modes at `STATEMENT`);
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
  /** The mode (`STATEMENT` …, with `HASHTABLE`, `SWITCH` or `CLAUSES`) the next token is read in, and the modes around each open `(` and `{`. */
  private mode = STATEMENT;
  private readonly modes = new IntStack();
  /**
   * Where the next token starts with no blank before it: after a string, a variable and its members, a parameter's `:`
   * or a redirection (-1 for none). After a blank or one of `&(),;{|}` the next character starts one.
   */
  private tokenAt = 0;
  /** Where the bare word or parameter the pass is in ends, as far as it knows (`TO_BLANK`: at its next blank); -1 outside one. */
  private wordTo = -1;
  /** The `[` of an argument's index that `membersEnd` could not read at once (one with a blank in it): read in expression mode. */
  private indexAt = -1;
  /** Where a member that is a string or a variable starts, after a value's `.` or `::` (`.'b'`): -1 for none. */
  private memberAt = -1;
  /** The indexes the pass is in, each as how many `(` and `{` were open around it and how many `[` are open in it. */
  private readonly indexesAround = new IntStack();
  private readonly indexBrackets = new IntStack();

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
      if (i === this.tokenAt) i = this.startToken(i);
      const char = code.charCodeAt(i);
      if (char > CLOSE_BRACE || !inCodeCases[char]) continue;
      switch (char) {
        case SPACE:
        case TAB:
          // A run of blanks (an indentation) at once.
          while (code.charCodeAt(i + 1) === SPACE || code.charCodeAt(i + 1) === TAB) i++;
          this.endToken(i);
          break;
        case CARRIAGE_RETURN:
        case VERTICAL_TAB:
        case FORM_FEED:
        case NUL:
        case COMMA:
          this.endToken(i);
          break;
        case LINE_FEED:
        case SEMICOLON:
          this.endToken(i);
          // In a hashtable a key follows, an expression. A switch's block may start on a later line (`switch ($a)`, a
          // new line, `{`).
          if (char === LINE_FEED && this.mode & SWITCH) break;
          this.mode = this.mode & HASHTABLE ? EXPRESSION | HASHTABLE : STATEMENT | (this.mode & CLAUSES);
          break;
        case PIPE:
          if (code.charCodeAt(i + 1) === PIPE) i++;
          this.endToken(i);
          this.mode = STATEMENT | (this.mode & HASHTABLE);
          break;
        case AMPERSAND:
          // `& name` calls a command: its name is read as an argument. `&&` (and a background job's `&`) ends a pipeline.
          if (code.charCodeAt(i + 1) === AMPERSAND) i++;
          else if ((this.mode & MODE) === STATEMENT || (this.mode & MODE) === CLAUSE) {
            this.endToken(i);
            this.mode = ARGUMENTS | (this.mode & HASHTABLE);
            break;
          }
          this.endToken(i);
          this.mode = STATEMENT | (this.mode & HASHTABLE);
          break;
        case EQUALS:
          // An assignment's value is a statement (`$x = Write-Host …` calls a command).
          if ((this.mode & MODE) === EXPRESSION && i >= this.wordTo) {
            this.mode = STATEMENT | (this.mode & HASHTABLE);
            this.tokenAt = i + 1;
          }
          break;
        case OPEN_BRACE: {
          const pair = { start: i + 1, end: code.length + 1 };
          this.pairs.push(pair);
          this.open.push(pair);
          if (this.open.length > this.depth) this.depth = this.open.length;
          // `@{` opens a hashtable where the `@` starts a token (in a bare word, `a@{` is a block). A switch's block ends
          // the switch: after it, a new line starts a statement again.
          if (code.charCodeAt(i - 1) === AT && i - 1 >= this.wordTo) this.enter(i, EXPRESSION | HASHTABLE);
          else if (this.mode & SWITCH) {
            this.mode &= ~SWITCH;
            this.enter(i, STATEMENT | CLAUSES);
          } else this.enter(i, STATEMENT);
          break;
        }
        case CLOSE_BRACE: {
          const pair = this.open.pop();
          if (pair) pair.end = i + 1;
          this.leave(i);
          break;
        }
        case SINGLE_QUOTE:
          i = this.verbatimEnd(i + 1) - 1;
          this.afterString(i);
          break;
        case DOUBLE_QUOTE:
          this.strings.push(DOUBLE_QUOTE);
          return i + 1;
        case AT: {
          const body = this.hereStringBody(i);
          if (body < 0) break;
          if (code.charCodeAt(i + 1) === SINGLE_QUOTE) {
            i = this.verbatimHereStringEnd(body) - 1;
            this.afterString(i);
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
          // In a parameter's name a `$` is a character of it (`-x${a}`: the `{a}` is a block).
          if (i < this.wordTo && this.wordTo !== TO_BLANK) break;
          i = this.variableEnd(i) - 1;
          break;
        case BACKTICK: {
          // Outside a word, a backtick before a blank or a line break joins the lines: the next token starts after it.
          const joins = i >= this.wordTo && isBlank(code.charCodeAt(i + 1));
          i++;
          if (code.charCodeAt(i) === CARRIAGE_RETURN && code.charCodeAt(i + 1) === LINE_FEED) i++;
          if (joins) this.endToken(i);
          break;
        }
        case OPEN_PAREN:
          if (inSubexpression) this.parens[this.parens.length - 1]++;
          this.enter(i, STATEMENT, code.charCodeAt(i - 1) === DOLLAR && i < this.wordTo);
          break;
        case CLOSE_PAREN:
          this.leave(i);
          if (!inSubexpression) break;
          if (this.parens[this.parens.length - 1] === 0) {
            this.parens.pop();
            return i + 1;
          }
          this.parens[this.parens.length - 1]--;
          break;
        case OPEN_BRACKET:
          if (this.inIndex()) this.indexBrackets.add(1);
          break;
        case CLOSE_BRACKET:
          if (this.inIndex() && this.indexBrackets.add(-1) === 0) {
            this.popIndex();
            this.leave(i);
          }
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
          this.afterString(i);
          return i + 1;
        case LINE_FEED:
          if (quoted || code.charCodeAt(i + 1) !== DOUBLE_QUOTE || code.charCodeAt(i + 2) !== AT) break;
          this.strings.pop();
          this.afterString(i + 2);
          return i + 3;
        case DOLLAR:
          if (code.charCodeAt(i + 1) === OPEN_PAREN) {
            this.parens.push(0);
            this.enter(i + 1, STATEMENT, i < this.wordTo);
            return i + 2;
          }
          i = this.variableEnd(i) - 1;
          break;
      }
    }
    return code.length;
  }

  /** A blank or one of `&(),;` at `at`: the token before it ends, and the next starts after it. */
  private endToken(at: number): void {
    this.wordTo = -1;
    this.tokenAt = at + 1;
  }

  /** The `(` or `{` at `at` opens `mode` (its inside starts a statement, or a hashtable's key), `inWord` a bare word's `$(`. */
  private enter(at: number, mode: number, inWord = false): void {
    this.endToken(at);
    // At a statement's start, a group or block is the start of an expression (`{1}::x`, `(1) + 2`); after a keyword
    // the keyword's, and the statement may go on after it (`if (…) { … } else { … }`, `param(…) Write-Host`).
    // A group in a label's place is the label (`break (1) b#c`): what follows it is a statement of its own. One in a
    // label's value (`break @(1) b#c`) leaves the value's end to come.
    const outer = this.mode & MODE;
    const around = outer === STATEMENT ? EXPRESSION | (this.mode & HASHTABLE) : outer === CLAUSE ? this.mode & ~LABEL : this.mode;
    this.modes.push(inWord ? around | IN_WORD : around);
    this.mode = mode;
  }

  /**
   * The `)` or `}` at `at` closes what the last `enter` opened: the mode around it comes back, and a bare word around
   * it goes on. In argument mode a group or block is an argument's expression, and members may follow it (`(1).x`).
   */
  private leave(at: number): void {
    this.endToken(at);
    // A `)` or `}` that closes what was open around an index closes the index too (in a script PowerShell rejects).
    if (this.inIndex()) this.popIndex();
    const around = this.modes.length > 0 ? this.modes.pop() : STATEMENT;
    this.mode = around & ~IN_WORD;
    if (around & IN_WORD) this.wordTo = TO_BLANK;
    else if ((this.mode & MODE) === ARGUMENTS) this.membersAfter(at + 1);
  }

  /** Whether the innermost `(`, `{` or `[` open is an argument's index. */
  private inIndex(): boolean {
    return this.indexesAround.length > 0 && this.indexesAround.top() === this.modes.length;
  }

  /** Leaves the innermost index. */
  private popIndex(): void {
    this.indexesAround.pop();
    this.indexBrackets.pop();
  }

  /**
   * In argument mode, the members and indexes that may follow an expression from `at` (`.b`, `[0]`): the next token
   * starts after them. An index with a blank in it is read in expression mode from its `[`.
   */
  private membersAfter(at: number): void {
    const code = this.code;
    const end = membersEnd(code, at);
    if (code.charCodeAt(end) === OPEN_BRACKET) this.indexAt = end;
    // A member that is a string or a variable (`.'b'`, `$a::'b'.c`) is a token of its own after the `.` or `::`, with
    // its own members.
    const operator = code.charCodeAt(end) === DOT ? 1 : code.charCodeAt(end) === COLON && code.charCodeAt(end + 1) === COLON ? 2 : 0;
    const member = code.charCodeAt(end + operator);
    this.memberAt = operator > 0 && (member === SINGLE_QUOTE || member === DOUBLE_QUOTE || member === DOLLAR) ? end + operator : -1;
    this.tokenAt = this.memberAt < 0 ? end : this.memberAt;
  }

  /**
   * A string whose last character is at `at` ends: the next token starts after it, or, where the string is an argument
   * of its own (not in a bare word), after the members that follow it (`'a'.b#c`, `$a.'b'.c#d` end before the `#`).
   */
  private afterString(at: number): void {
    if ((this.mode & MODE) === ARGUMENTS && at >= this.wordTo) this.membersAfter(at + 1);
    else this.tokenAt = at + 1;
  }

  /** Whether a `#` or `<#` at `at` in code starts a comment: where it is no bare word's or parameter's. */
  private startsComment(at: number): boolean {
    return at >= this.wordTo;
  }

  /**
   * Reads the kind of the token that starts at `at`, where the mode tells (a bare word's `wordTo`, the next mode);
   * returns where the pass goes on: at `at`, or after a verbatim run (`--%`).
   */
  private startToken(at: number): number {
    if (at < this.wordTo) return at;
    const mode = this.mode & MODE;
    if (mode === STATEMENT || mode === CLAUSE) this.startStatement(at);
    else if (mode === ARGUMENTS && this.mode & LABEL && at !== this.indexAt && at !== this.memberAt) {
      // The token after a label's value starts a statement of its own (`break $a b#c`: `b#c` a command's name).
      this.mode = STATEMENT | (this.mode & HASHTABLE);
      this.startStatement(at);
    } else if (mode === ARGUMENTS) return this.startArgument(at);
    // In an expression, `!` before a name is a bare word (`!a#c`); other tokens end before a `#`. A `foreach`'s `in`
    // starts a pipeline (`foreach ($a in Get-Item#c)`); a hashtable's key `in` is a key.
    else if (this.code.charCodeAt(at) === EXCLAMATION && startsName(this.code.charCodeAt(at + 1))) this.wordTo = TO_BLANK;
    else if (!(this.mode & HASHTABLE) && isIn(this.code, at)) this.mode = STATEMENT;
    return at;
  }

  /**
   * A statement's first token at `at`: an expression's start makes the statement an expression, a statement keyword
   * leaves the next token a statement's start, and anything else is a command's name, a bare word, with its arguments
   * after it.
   */
  private startStatement(at: number): void {
    const code = this.code;
    const char = code.charCodeAt(at);
    const next = code.charCodeAt(at + 1);
    if (isBlank(char) || endsToken(char) || char === HASH || (char === LESS_THAN && next === HASH) || (char === BACKTICK && isBlank(next))) return;
    if (this.mode & CLAUSES) {
      this.mode = ARGUMENTS | CLAUSES;
      this.startArgument(at);
      return;
    }
    if (this.mode & LABEL && (char === DOLLAR || char === SINGLE_QUOTE || char === DOUBLE_QUOTE || char === AT || isDigit(char) || (char === DOT && isDigit(next)))) {
      this.startLabel(at);
      return;
    }
    let command: boolean;
    if (startsName(char)) {
      const end = nameEnd(code, at);
      // A label is a name and no more; PowerShell reads what follows it on its line as a statement of its own
      // (`break outer $a#c` ends before the `#`, `break outer -x#c` does not).
      if (this.mode & LABEL) {
        this.mode = STATEMENT | (this.mode & HASHTABLE);
        this.tokenAt = end;
        return;
      }
      if (end - at <= 13 && isTokenEnd(code, end) && statementKeywords.has(code.slice(at, end).toLowerCase())) {
        const keyword = code.slice(at, end).toLowerCase();
        this.mode = CLAUSE | (this.mode & HASHTABLE) | (keyword === 'switch' ? SWITCH : keyword === 'break' || keyword === 'continue' ? LABEL : 0);
        return;
      }
      command = true;
    } else if (char === MINUS) {
      // `-not $a` is an expression; a dashed word (`-a#c`) a command's name, read as a parameter, and so is `-=`.
      const end = nameEnd(code, at + 1);
      command = next === EQUALS || (startsName(next) && !(end - at <= 7 && unaryOperators.has(code.slice(at + 1, end).toLowerCase())));
    } else if (char === EXCLAMATION) command = startsName(next);
    else if (isDigit(char) || (char === DOT && isDigit(next))) {
      // A number is an expression where an operator or the token's end follows it; else a bare word (`1a#c`, `1:#c`).
      numberAt.lastIndex = at;
      command = !numberAt.test(code) || !(isTokenEnd(code, numberAt.lastIndex) || endsNumber(code.charCodeAt(numberAt.lastIndex)));
    } else command = !(char === DOLLAR || char === SINGLE_QUOTE || char === DOUBLE_QUOTE || char === AT || char === OPEN_BRACKET || (char === PLUS && next !== EQUALS) || char === COMMA);
    // A switch's options (`switch -regex ($a)`) leave its block a switch's.
    this.mode = (command ? ARGUMENTS : EXPRESSION) | (this.mode & (HASHTABLE | SWITCH));
    // A command's name is read as its arguments are (`-x:`, `]` and a redirection are tokens of their own there too).
    if (command) this.startArgument(at);
  }

  /**
   * A label that is a value at `at` (`break $a`, `break 'a'.b`, `break @(1)`, `break 1`): a token read as in an
   * expression, with its members and indexes as after an argument's (a string's and a group's as they end), up to
   * where a statement of its own starts (`break $a b#c`: `b#c` a command's name; `break $a#c`: a comment).
   */
  private startLabel(at: number): void {
    const code = this.code;
    const char = code.charCodeAt(at);
    this.mode = ARGUMENTS | LABEL | (this.mode & HASHTABLE);
    if (char === DOLLAR && code.charCodeAt(at + 1) !== OPEN_PAREN) {
      this.membersAfter(code.charCodeAt(at + 1) === OPEN_BRACE ? this.variableEnd(at) : variableNameEnd(code, at + 1));
    } else if (char !== DOLLAR && char !== SINGLE_QUOTE && char !== DOUBLE_QUOTE && char !== AT) {
      // A number, where an operator or the token's end follows it; else a name (`break 1a#c`), to its blank.
      numberAt.lastIndex = at;
      if (numberAt.test(code) && (isTokenEnd(code, numberAt.lastIndex) || endsNumber(code.charCodeAt(numberAt.lastIndex)))) this.tokenAt = numberAt.lastIndex;
      else this.wordTo = TO_BLANK;
    }
  }

  /**
   * A command argument's first token at `at`: a bare word to its next blank unless it is a string, a group, a
   * variable followed by a blank, members or `=`, a parameter (`-x`, to a `:` that ends it) or a redirection.
   */
  private startArgument(at: number): number {
    const code = this.code;
    const char = code.charCodeAt(at);
    const next = code.charCodeAt(at + 1);
    switch (char) {
      case SINGLE_QUOTE:
      case DOUBLE_QUOTE:
      case HASH:
        return at;
      case LESS_THAN:
        if (next !== HASH) this.tokenAt = at + 1;
        return at;
      case GREATER_THAN:
        this.tokenAt = redirectionEnd(code, at);
        return at;
      case CLOSE_BRACKET:
        this.tokenAt = at + 1;
        return at;
      case OPEN_BRACKET:
        // An index after an argument's expression, with a blank in it: its inside is an expression, up to its `]`.
        if (at === this.indexAt) {
          this.enter(at, EXPRESSION);
          this.indexesAround.push(this.modes.length);
          this.indexBrackets.push(0);
          return at;
        }
        break;
      case ASTERISK:
        if (next === GREATER_THAN) {
          this.tokenAt = redirectionEnd(code, at + 1);
          return at;
        }
        break;
      case AT:
        if (next === SINGLE_QUOTE || next === DOUBLE_QUOTE || next === OPEN_PAREN || next === OPEN_BRACE) return at;
        break;
      case BACKTICK:
        if (isBlank(next)) return at;
        break;
      case DOT:
        // A `.` before a string or a variable is a token of its own (it dot-sources the command they name).
        if (next === SINGLE_QUOTE || next === DOUBLE_QUOTE || next === DOLLAR) {
          this.tokenAt = at + 1;
          return at;
        }
        break;
      case DOLLAR: {
        if (next === OPEN_PAREN) return at;
        const braced = next === OPEN_BRACE;
        const end = braced ? this.variableEnd(at) : variableNameEnd(code, at + 1);
        if (end === at + 1) break;
        const after = code.charCodeAt(end);
        if (end >= code.length || isBlank(after) || endsToken(after)) return at;
        // `::` goes on a variable's name, not on a braced one (`${a}::x` is a bare word).
        if (after === DOT || after === OPEN_BRACKET || (after === COLON && code.charCodeAt(end + 1) === COLON && !braced)) {
          this.membersAfter(end);
          return at;
        }
        if (after === EQUALS) {
          this.tokenAt = end;
          return at;
        }
        break;
      }
      case MINUS: {
        if (next === MINUS && code.charCodeAt(at + 2) === PERCENT && isTokenEnd(code, at + 3) && isBlank(code.charCodeAt(at - 1)) && !(this.mode & CLAUSES)) {
          return stopParsingEnd(code, at + 3);
        }
        if (!startsName(next) && next !== QUESTION) break;
        const end = parameterEnd(code, at + 1);
        const after = code.charCodeAt(end);
        // A quote makes the parameter an argument, a bare word.
        if (after === SINGLE_QUOTE || after === DOUBLE_QUOTE) break;
        this.wordTo = end;
        this.tokenAt = after === COLON ? end + 1 : end;
        return at;
      }
      default:
        if (isBlank(char) || endsToken(char)) return at;
        if (char >= 0x31 && char <= 0x36 && next === GREATER_THAN) {
          this.tokenAt = redirectionEnd(code, at + 1);
          return at;
        }
    }
    this.wordTo = TO_BLANK;
    return at;
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
 * A stack of small integers in a typed array, which the collector does not go over: an unclosed `(` or index per line
 * (a script PowerShell rejects) keeps one entry each alive for the rest of the pass.
 */
class IntStack {
  private items = new Int32Array(16);
  length = 0;

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = value;
  }

  /** The top item, taken off; only where there is one. */
  pop(): number {
    return this.items[--this.length];
  }

  /** The top item; only where there is one. */
  top(): number {
    return this.items[this.length - 1];
  }

  /** Adds `delta` to the top item; returns its new value. */
  add(delta: number): number {
    return (this.items[this.length - 1] += delta);
  }
}

/**
 * Where the members and indexes that follow a variable, a group or a string at `at` end (`.b`, `::b`, `[0]`, as in
 * `$a.b[0]`): a token starts there. It stops at an index that holds a blank, a quote or one of `&(),;{|}` (read in
 * expression mode from its `[`), and at a member that is a string or a variable (`.'b'`, `.$b`: read after a `.`
 * token, with their own members): the pass stays linear.
 */
function membersEnd(code: string, at: number): number {
  let i = at;
  for (;;) {
    const char = code.charCodeAt(i);
    const next = code.charCodeAt(i + 1);
    // `?.` and `?[` take a member or an index where the value is not $null.
    if (char === QUESTION && (next === DOT || next === OPEN_BRACKET)) i++;
    else if (char === DOT && isWordChar(next)) i = nameEnd(code, i + 1);
    else if (char === COLON && next === COLON && isWordChar(code.charCodeAt(i + 2))) i = nameEnd(code, i + 2);
    else if (char === OPEN_BRACKET) {
      const end = indexEnd(code, i);
      if (end < 0) return i;
      i = end;
    } else return i;
  }
}

/**
 * Where the verbatim arguments after a `--%` that ends at `at` end: at the line's end, or at a `|` or `&&` outside
 * `"…"` (a backtick escapes nothing there).
 */
function stopParsingEnd(code: string, at: number): number {
  let quoted = false;
  for (let i = at; i < code.length; i++) {
    const char = code.charCodeAt(i);
    if (char === DOUBLE_QUOTE) quoted = !quoted;
    else if (char === LINE_FEED || char === CARRIAGE_RETURN) return i;
    else if (!quoted && (char === PIPE || (char === AMPERSAND && code.charCodeAt(i + 1) === AMPERSAND))) return i;
  }
  return code.length;
}

/** Where the `[…]` that starts at `at` ends, after the `]` that closes it (`[` nests); -1 where a blank, quote or one of `&(),;{|}` comes first. */
function indexEnd(code: string, at: number): number {
  let depth = 0;
  for (let i = at; i < code.length; i++) {
    const char = code.charCodeAt(i);
    if (char === OPEN_BRACKET) depth++;
    else if (char === CLOSE_BRACKET && --depth === 0) return i + 1;
    else if (isBlank(char) || endsToken(char) || char === SINGLE_QUOTE || char === DOUBLE_QUOTE) return -1;
  }
  return -1;
}

/** Where a parameter whose name starts at `at` (after its `-`) ends: at a blank, `.`, `[`, `:`, a quote or one of `&(),;{|}`. */
function parameterEnd(code: string, at: number): number {
  let i = at;
  for (; i < code.length; i++) {
    const char = code.charCodeAt(i);
    if (isBlank(char) || endsToken(char) || char === DOT || char === OPEN_BRACKET || char === COLON || char === SINGLE_QUOTE || char === DOUBLE_QUOTE) break;
  }
  return i;
}

/** Where a redirection whose `>` is at `at` ends: `>`, `>>` or a merge `>&1`. */
function redirectionEnd(code: string, at: number): number {
  const next = code.charCodeAt(at + 1);
  if (next === GREATER_THAN) return at + 2;
  return next === AMPERSAND && isDigit(code.charCodeAt(at + 2)) ? at + 3 : at + 1;
}

/**
 * Where a variable's name that starts at `at` (after its `$`) ends, as PowerShell's tokenizer reads it: `$?`, `$$`,
 * `$^`, or letters, digits, `_`, `?` and `:` (`$a?`, `$env:c`), up to a `::`.
 */
function variableNameEnd(code: string, at: number): number {
  const first = code.charCodeAt(at);
  if (first === QUESTION || first === DOLLAR || first === CARET) return at + 1;
  let i = at;
  for (;;) {
    const char = code.charCodeAt(i);
    if (isWordChar(char) || char === QUESTION || (char === COLON && code.charCodeAt(i + 1) !== COLON)) i++;
    else return i;
  }
}

/** Where a run of letters, digits and `_` that starts at `at` ends. */
function nameEnd(code: string, at: number): number {
  let i = at;
  while (isWordChar(code.charCodeAt(i))) i++;
  return i;
}

/** A letter or `_`: what a name (a command's, a keyword, a parameter's) starts with. */
function startsName(char: number): boolean {
  return isWordChar(char) && !isDigit(char);
}

/** Where the line of the character at `at` ends (at its line break, or the end of the code). */
function lineEnd(code: string, at: number): number {
  const found = code.indexOf('\n', at);
  return found < 0 ? code.length : found;
}

/** A blank or a line break (or the end of the code, read as NaN). */
function isBlank(char: number): boolean {
  return char === SPACE || char === TAB || char === LINE_FEED || char === CARRIAGE_RETURN || char === VERTICAL_TAB || char === FORM_FEED || char === NUL || Number.isNaN(char);
}

/** One of `&(),;{|}`: a character that ends any token before it and starts none that goes on past it (PowerShell's `ForceStartNewToken`, with the blanks). */
function endsToken(char: number): boolean {
  return char === AMPERSAND || char === OPEN_PAREN || char === CLOSE_PAREN || char === COMMA || char === SEMICOLON || char === OPEN_BRACE ||
    char === PIPE || char === CLOSE_BRACE;
}

/** One of `!#%*+-./<=>]`: a character that ends a number in an expression (`1+`, `1]`), where others make a bare word of it. */
function endsNumber(char: number): boolean {
  return char === EXCLAMATION || char === HASH || char === PERCENT || char === ASTERISK || char === PLUS || char === MINUS || char === DOT ||
    char === SLASH || char === LESS_THAN || char === EQUALS || char === GREATER_THAN || char === CLOSE_BRACKET;
}

/** Whether a token ends at `at`: the code ends, or a blank or one of `&(),;{|}` comes. */
function isTokenEnd(code: string, at: number): boolean {
  const char = code.charCodeAt(at);
  return isBlank(char) || endsToken(char);
}

/** Whether the word `in` (in any case) stands at `at`, a token of its own. */
function isIn(code: string, at: number): boolean {
  return (code.charCodeAt(at) | 0x20) === 0x69 && (code.charCodeAt(at + 1) | 0x20) === 0x6e && isTokenEnd(code, at + 2);
}
