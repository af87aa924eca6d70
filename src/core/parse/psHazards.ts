// What in a script's text PowerShell reads otherwise than its author meant, found from the reader's own rewrite
// (`asPowerShellReads`, same length as the text): a backtick it turned into a blank is a lost continuation, a line
// whose leading dash it turned into a letter runs as a command of its own. And the characters outside ASCII in code,
// which Windows PowerShell 5.1 reads in the ANSI code page when the file has no byte order mark.
import type { Node } from 'web-tree-sitter';
import type { LostContinuation, NonAsciiRun } from '../facts';
import type { Span } from '../text';
import type { TreePath } from './treePath';

/** Node types that hold a string's or a comment's text: a backtick or a character there is not code. */
const textTypes = new Set([
  'comment', 'string_literal', 'expandable_string_literal', 'verbatim_string_characters', 'expandable_here_string_literal',
  'verbatim_here_string_characters',
]);

const dashes = '-\u2013\u2014\u2015';

function isTextNode(node: Node | null): boolean {
  return node !== null && textTypes.has(node.type);
}

function isLineBreak(char: string | undefined): boolean {
  return char === '\n' || char === '\r';
}

/** Where the line that holds `offset` starts and ends (before its line break). */
function lineAround(text: string, offset: number): Span {
  let start = offset;
  while (start > 0 && !isLineBreak(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && !isLineBreak(text[end])) end++;
  return { start, end };
}

/** The start of the line after the line break at `offset` (a CRLF is one). */
function nextLineStart(text: string, offset: number): number {
  return text[offset] === '\r' && text[offset + 1] === '\n' ? offset + 2 : offset + 1;
}

/** Where the line before the one starting at `lineStart` ends (before its line break); undefined on the first line. */
function previousLineEnd(text: string, lineStart: number): number | undefined {
  if (lineStart === 0) return undefined;
  return text[lineStart - 1] === '\n' && text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
}

/** The last offset before `end` that is no blank in `code` (the rewrite's blanks are spaces), or -1. */
function lastNonBlank(code: string, start: number, end: number): number {
  let at = end - 1;
  while (at >= start && code[at] === ' ') at--;
  return at;
}

export class ScriptHazards {
  constructor(private readonly text: string, private readonly code: string, private readonly path: TreePath) {}

  /** Lost continuations, in the order of the text. */
  lostContinuations(): LostContinuation[] {
    const found: LostContinuation[] = [];
    const backticks = new Set<number>();
    for (const match of this.text.matchAll(/`/g)) {
      const blanks = this.blankAfterBacktick(match.index);
      if (!blanks) continue;
      backticks.add(lineAround(this.text, match.index).end);
      found.push({ kind: 'blankAfterBacktick', span: blanks });
    }
    // The rewrite made each such line's dash a `_`: PowerShell's command named like the parameter.
    for (const match of this.code.matchAll(/(?:^|[\r\n])[ ]*_(?=[A-Za-z_])/g)) {
      const dash = match.index + match[0].length - 1;
      if (!dashes.includes(this.text[dash])) continue;
      const name = this.path.descend(dash);
      if (name?.type !== 'command_name') continue;
      const lineStart = lineAround(this.text, dash).start;
      const before = previousLineEnd(this.text, lineStart);
      // Only right after a line of code: after a backtick with blanks, the finding is the backtick's.
      if (before === undefined || backticks.has(before) || this.isBlankLine(before)) continue;
      const word = /^.[\w]*/.exec(this.text.slice(dash, lineAround(this.text, dash).end))?.[0] ?? '-';
      const continueAt = this.continuationPlace(before);
      found.push({ kind: 'parameterLine', span: { start: dash, end: dash + word.length }, parameter: word, ...(continueAt ? { continueAt } : {}) });
    }
    return found.sort((a, b) => a.span.start - b.span.start);
  }

  /** Whether the line that ends at `lineEnd` holds nothing but blanks. */
  private isBlankLine(lineEnd: number): boolean {
    const line = lineAround(this.text, lineEnd);
    return lastNonBlank(this.code, line.start, lineEnd) < line.start;
  }

  /** The blanks after the backtick at `at` when the rewrite dropped it (blanks only, then a line that goes on), in code. */
  private blankAfterBacktick(at: number): Span | undefined {
    if (this.code[at] !== ' ') return undefined;
    const line = lineAround(this.text, at);
    if (line.end === this.text.length) return undefined;
    const next = lineAround(this.text, nextLineStart(this.text, line.end));
    if (lastNonBlank(this.code, next.start, next.end) < next.start) return undefined;
    if (isTextNode(this.path.descend(at))) return undefined;
    return { start: at + 1, end: line.end };
  }

  /**
   * Where a backtick would continue the line that ends at `lineEnd` (its trailing blanks): only after a command's
   * code, not after a comment, a pipe or an opening bracket.
   */
  private continuationPlace(lineEnd: number): Span | undefined {
    const line = lineAround(this.text, lineEnd);
    const last = lastNonBlank(this.code, line.start, lineEnd);
    if (last < line.start || '|{([,;'.includes(this.code[last])) return undefined;
    const { path } = this;
    const length = path.to(last);
    if (path.type(length - 1) === 'comment') return undefined;
    for (let level = length - 1, depth = 0; level >= 0 && depth < 12; depth++, level--) {
      const type = path.type(level);
      if (type === 'command') return path.end(level) >= last + 1 ? { start: last + 1, end: lineEnd } : undefined;
      if (type === 'statement_list' || type === 'program') return undefined;
    }
    return undefined;
  }

  /**
   * Runs of characters outside ASCII in code: not in comments (Windows PowerShell 5.1 misreads them harmlessly there).
   * A byte order mark character at the very start is the file's BOM, not code.
   */
  nonAsciiCode(): NonAsciiRun[] {
    const runs: NonAsciiRun[] = [];
    const pattern = /[^\p{ASCII}]+/gu;
    pattern.lastIndex = this.text.startsWith('\uFEFF') ? 1 : 0;
    for (let match = pattern.exec(this.text); match; match = pattern.exec(this.text)) {
      const { path } = this;
      const length = path.to(match.index);
      if (path.type(length - 1) === 'comment' && (length < 2 || path.type(length - 2) !== 'expandable_here_string_literal')) {
        // The rest of the comment is skipped at once: a comment in another language holds many such runs.
        pattern.lastIndex = Math.max(pattern.lastIndex, path.end(length - 1));
        continue;
      }
      runs.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
    }
    return runs;
  }
}
