// Markdown → its fenced code blocks (CommonMark: three or more backticks or tildes, an info string whose first word
// is the block's language, closed by a fence of the same character at least as long, or by the end of the document).
// A block is read by its own language's reader from the document's text with everything outside the block blanked:
// same-length text, so every offset, line and column the reader reports is the Markdown file's own.
import type { Suppression } from '../facts';
import { linesOf, type Line } from '../text';
import { suppressionIn } from './suppressions';

export interface FencedBlock {
  /** The info string's first word, lower case ('' when the fence names no language). */
  tag: string;
  /** Offset of the opening fence line. */
  fenceStart: number;
  /** Where the code starts (the line after the opening fence) and ends (the closing fence's line, or the end). */
  start: number;
  end: number;
  /** 0-based lines of the opening and the closing fence (the last line when the block is not closed). */
  firstLine: number;
  lastLine: number;
  /** What comes before the opening fence on its line: indentation, and `>` when the block is in a block quote. */
  prefix: string;
}

// Fences may be indented any amount (inside list items, where runbooks put most of their steps, they are) and stand
// in a block quote (documentation's notes and warnings).
const openingFence = /^((?:[ \t]*>)*[ \t]*)(`{3,}|~{3,})[ \t]*([^\s`]*)/;
const closingFence = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})[ \t]*$/;
const quoteMarks = /^(?:[ \t]*>)+/gm;

/** The fenced code blocks of a Markdown text, in order. Linear in the text's length. */
export function fencedBlocks(text: string): FencedBlock[] {
  const lines = linesOf(text);
  const blocks: FencedBlock[] = [];
  let open: Opening | undefined;
  lines.forEach((line, index) => {
    if (!open) {
      const opening = openingFence.exec(line.text);
      // A backtick fence's info string may hold no backtick (it would be inline code).
      if (opening && !(opening[2][0] === '`' && line.text.indexOf('`', opening[0].length) >= 0)) {
        open = { fence: opening[2], tag: opening[3].toLowerCase(), line: index, fenceStart: line.start, prefix: opening[1] };
      }
      return;
    }
    const closing = closingFence.exec(line.text);
    if (closing && closing[1][0] === open.fence[0] && closing[1].length >= open.fence.length) {
      blocks.push(block(open, lines, index, line.start));
      open = undefined;
    }
  });
  if (open) blocks.push(block(open, lines, lines.length - 1, text.length));
  return blocks;
}

interface Opening {
  fence: string;
  tag: string;
  line: number;
  fenceStart: number;
  prefix: string;
}

function block(open: Opening, lines: Line[], lastLine: number, end: number): FencedBlock {
  const start = lines[open.line + 1]?.start ?? end;
  return { tag: open.tag, fenceStart: open.fenceStart, start: Math.min(start, end), end, firstLine: open.line, lastLine, prefix: open.prefix };
}

/** True when the block stands in a block quote: each of its lines starts with `>`. */
export function isQuoted(block: Pick<FencedBlock, 'prefix'>): boolean {
  return block.prefix.includes('>');
}

/**
 * The text with everything outside `blocks` (in order) blanked: each character but a line break becomes a space. It
 * ends with the last block; offsets and lines in it are those of `text`.
 */
export function maskedText(text: string, blocks: readonly Pick<FencedBlock, 'start' | 'end' | 'prefix'>[]): string {
  let masked = '';
  let offset = 0;
  for (const block of blocks) {
    const code = text.slice(block.start, block.end);
    // A quoted block's `>` marks are Markdown, not code.
    masked += blank(text.slice(offset, block.start)) + (isQuoted(block) ? code.replace(quoteMarks, blank) : code);
    offset = block.end;
  }
  return masked;
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

const htmlComment = /^(?:[ \t]*>)*[ \t]*<!--([\s\S]*?)-->[ \t]*$/;

/**
 * Suppressions written as HTML comments (`<!-- azs-disable AZS102 -->`) outside the code blocks: one on the lines right
 * before a block (blank lines and other comments may come between) applies to that block; any other to the whole file.
 */
export function markdownSuppressions(text: string, blocks: readonly FencedBlock[]): Suppression[] {
  if (!/azs-disable/i.test(text)) return [];
  const lines = linesOf(text);
  const suppressions: Suppression[] = [];
  let next = 0;
  let pending: Suppression[] = [];
  for (let index = 0; index < lines.length; index++) {
    const current = blocks[next];
    if (current && index === current.firstLine) {
      suppressions.push(...pending.map((s) => ({ codes: s.codes, scope: 'lines' as const, line: current.firstLine, lastLine: current.lastLine })));
      pending = [];
      index = current.lastLine;
      next++;
      continue;
    }
    const comment = htmlComment.exec(lines[index].text);
    const suppression = comment && suppressionIn(comment[1], index);
    if (suppression) pending.push(suppression);
    else if (lines[index].text.trim() !== '' && !comment) {
      suppressions.push(...pending);
      pending = [];
    }
  }
  return [...suppressions, ...pending];
}
