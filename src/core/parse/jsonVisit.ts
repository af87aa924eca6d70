// jsonc-parser's `visit` and tolerant `parse`, without recursion. Theirs descend one call per level of nesting, so a
// document nested a few thousand deep ran out of stack part-way, and where it ran out (which values were read)
// depended on the process's stack and state. These keep the open containers in an array: any depth is read whole,
// the same way in every process. Same scanner, same callbacks in the same order with the same offsets, same error
// recovery, for the options the readers use (comments and trailing commas allowed, empty content an error).
import { createScanner, ParseErrorCode, ScanError, SyntaxKind, type JSONScanner, type ParseError } from 'jsonc-parser';

type Literal = string | number | boolean | null;

/** What `visitJson` reports, as jsonc-parser's `JSONVisitor` (offsets and lengths in the text). */
export interface JsonVisitor {
  onObjectBegin?: (offset: number) => void;
  onObjectProperty?: (name: string, offset: number, length: number) => void;
  onObjectEnd?: (offset: number, length: number) => void;
  onArrayBegin?: (offset: number) => void;
  onArrayEnd?: (offset: number, length: number) => void;
  onLiteralValue?: (value: Literal, offset: number, length: number) => void;
  onComment?: (offset: number, length: number) => void;
  onError?: (error: ParseErrorCode, offset: number, length: number) => void;
}

/** An open object or array: whether a comma must come before its next member. */
interface OpenContainer {
  array: boolean;
  needsComma: boolean;
}

/** The errors a token's scan reports, by jsonc-parser's scan error. */
const scanErrors: Partial<Record<ScanError, ParseErrorCode>> = {
  [ScanError.InvalidUnicode]: ParseErrorCode.InvalidUnicode,
  [ScanError.InvalidEscapeCharacter]: ParseErrorCode.InvalidEscapeCharacter,
  [ScanError.UnexpectedEndOfNumber]: ParseErrorCode.UnexpectedEndOfNumber,
  [ScanError.UnexpectedEndOfComment]: ParseErrorCode.UnexpectedEndOfComment,
  [ScanError.UnexpectedEndOfString]: ParseErrorCode.UnexpectedEndOfString,
  [ScanError.InvalidCharacter]: ParseErrorCode.InvalidCharacter,
};

const none: readonly SyntaxKind[] = [];
const objectMemberEnd: readonly SyntaxKind[] = [SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken];
const arrayMemberEnd: readonly SyntaxKind[] = [SyntaxKind.CloseBracketToken, SyntaxKind.CommaToken];

/** jsonc-parser's `visit(text, visitor, { allowTrailingComma: true })`, in time linear in the text however deep it nests. */
export function visitJson(text: string, visitor: JsonVisitor): void {
  new JsonWalk(text, visitor).run();
}

/** jsonc-parser's `parse(text, errors, { allowTrailingComma: true })` (same values, same errors), at any depth. */
export function parseJsonTolerant(text: string, errors: ParseError[]): unknown {
  let property: string | null = null;
  let parent: unknown[] | Record<string, unknown> = [];
  const parents: (unknown[] | Record<string, unknown>)[] = [];
  const add = (value: unknown) => {
    if (Array.isArray(parent)) parent.push(value);
    else if (property !== null) parent[property] = value;
  };
  const open = (container: unknown[] | Record<string, unknown>) => {
    add(container);
    parents.push(parent);
    parent = container;
    property = null;
  };
  const close = () => {
    parent = parents.pop() ?? [];
  };
  visitJson(text, {
    onObjectBegin: () => open({}),
    onObjectProperty: (name) => {
      property = name;
    },
    onObjectEnd: close,
    onArrayBegin: () => open([]),
    onArrayEnd: close,
    onLiteralValue: add,
    onError: (error, offset, length) => errors.push({ error, offset, length }),
  });
  return parent[0];
}

/** One walk over a text: the recursive descent of jsonc-parser's `visit`, with the open containers kept in `open`. */
class JsonWalk {
  private readonly scanner: JSONScanner;
  private readonly open: OpenContainer[] = [];

  constructor(text: string, private readonly visitor: JsonVisitor) {
    this.scanner = createScanner(text, false);
  }

  run(): void {
    if (this.scanNext() === SyntaxKind.EOF || !this.beginValue()) {
      this.error(ParseErrorCode.ValueExpected);
      return;
    }
    while (this.open.length > 0) this.step(this.open[this.open.length - 1]);
    if (this.scanner.getToken() !== SyntaxKind.EOF) this.error(ParseErrorCode.EndOfFileExpected);
  }

  /** The next token that is no trivia or comment, reporting comments and the errors the scan found on the way. */
  private scanNext(): SyntaxKind {
    for (;;) {
      const token = this.scanner.scan();
      const scanError = scanErrors[this.scanner.getTokenError()];
      if (scanError !== undefined) this.error(scanError);
      if (token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) this.visitor.onComment?.(this.scanner.getTokenOffset(), this.scanner.getTokenLength());
      else if (token === SyntaxKind.Unknown) this.error(ParseErrorCode.InvalidSymbol);
      else if (token !== SyntaxKind.Trivia && token !== SyntaxKind.LineBreakTrivia) return token;
    }
  }

  /** Reports an error at the current token, then skips to the first of `until` (or past the first of `past`). */
  private error(error: ParseErrorCode, past: readonly SyntaxKind[] = none, until: readonly SyntaxKind[] = none): void {
    this.visitor.onError?.(error, this.scanner.getTokenOffset(), this.scanner.getTokenLength());
    if (past.length + until.length === 0) return;
    for (let token = this.scanner.getToken(); token !== SyntaxKind.EOF; token = this.scanNext()) {
      if (past.includes(token)) {
        this.scanNext();
        return;
      }
      if (until.includes(token)) return;
    }
  }

  /**
   * Reads the value at the current token: a literal whole, a container only opened (its members are `step`'s). False
   * when no value starts here.
   */
  private beginValue(): boolean {
    const scanner = this.scanner;
    const token = scanner.getToken();
    if (token === SyntaxKind.OpenBracketToken || token === SyntaxKind.OpenBraceToken) {
      const array = token === SyntaxKind.OpenBracketToken;
      if (array) this.visitor.onArrayBegin?.(scanner.getTokenOffset());
      else this.visitor.onObjectBegin?.(scanner.getTokenOffset());
      this.scanNext();
      this.open.push({ array, needsComma: false });
      return true;
    }
    const value = this.literal(token);
    if (value === undefined) return false;
    this.visitor.onLiteralValue?.(value, scanner.getTokenOffset(), scanner.getTokenLength());
    this.scanNext();
    return true;
  }

  /** The literal the current token writes; undefined when it is none. */
  private literal(token: SyntaxKind): Literal | undefined {
    switch (token) {
      case SyntaxKind.StringLiteral:
        return this.scanner.getTokenValue();
      case SyntaxKind.NumericLiteral: {
        const value = Number(this.scanner.getTokenValue());
        if (!isNaN(value)) return value;
        this.error(ParseErrorCode.InvalidNumberFormat);
        return 0;
      }
      case SyntaxKind.NullKeyword:
        return null;
      case SyntaxKind.TrueKeyword:
        return true;
      case SyntaxKind.FalseKeyword:
        return false;
      default:
        return undefined;
    }
  }

  /** One turn of the innermost open container's loop: its end, or its next member (a container member is only opened). */
  private step(container: OpenContainer): void {
    const close = container.array ? SyntaxKind.CloseBracketToken : SyntaxKind.CloseBraceToken;
    let token = this.scanner.getToken();
    if (token === close || token === SyntaxKind.EOF) {
      this.end(container, close);
      return;
    }
    if (token === SyntaxKind.CommaToken) {
      if (!container.needsComma) this.error(ParseErrorCode.ValueExpected);
      token = this.scanNext();
      if (token === close) {
        this.end(container, close); // a trailing comma
        return;
      }
    } else if (container.needsComma) {
      this.error(ParseErrorCode.CommaExpected);
    }
    // Set before the member is read: a member that opens a container is read on by the turns that follow.
    container.needsComma = true;
    if (container.array) {
      if (!this.beginValue()) this.error(ParseErrorCode.ValueExpected, none, arrayMemberEnd);
    } else {
      this.property();
    }
  }

  /** An object's member: its name, colon and value. */
  private property(): void {
    const scanner = this.scanner;
    if (scanner.getToken() !== SyntaxKind.StringLiteral) {
      this.error(ParseErrorCode.PropertyNameExpected, none, objectMemberEnd);
      this.error(ParseErrorCode.ValueExpected, none, objectMemberEnd);
      return;
    }
    this.visitor.onObjectProperty?.(scanner.getTokenValue(), scanner.getTokenOffset(), scanner.getTokenLength());
    if (this.scanNext() !== SyntaxKind.ColonToken) {
      this.error(ParseErrorCode.ColonExpected, none, objectMemberEnd);
      return;
    }
    this.scanNext();
    if (!this.beginValue()) this.error(ParseErrorCode.ValueExpected, none, objectMemberEnd);
  }

  /** Closes the innermost container at the current token, which should be its closing bracket. */
  private end(container: OpenContainer, close: SyntaxKind): void {
    const offset = this.scanner.getTokenOffset();
    const length = this.scanner.getTokenLength();
    if (container.array) this.visitor.onArrayEnd?.(offset, length);
    else this.visitor.onObjectEnd?.(offset, length);
    this.open.pop();
    if (this.scanner.getToken() !== close) this.error(container.array ? ParseErrorCode.CloseBracketExpected : ParseErrorCode.CloseBraceExpected, [close]);
    else this.scanNext();
  }
}
