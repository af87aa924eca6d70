// Offsets ↔ lines and columns. Offsets everywhere in core are UTF-16 code units, as JavaScript strings and
// VS Code count them; lines and columns here are 0-based (the CLI adds one).

export interface Span {
  start: number;
  end: number;
}

/**
 * Values by span, looked up by start and then end: a key made of both would be a number beyond V8's small integers,
 * which a Map hashes far more slowly (a dense script asks tens of thousands of times).
 */
export class SpanMap<T> {
  private readonly byStart = new Map<number, SpanEntry<T>>();

  get(span: Span): T | undefined {
    for (let entry = this.byStart.get(span.start); entry; entry = entry.next) if (entry.end === span.end) return entry.value;
    return undefined;
  }

  /** Adds the value of a span that has none yet (`get` says so). */
  add(span: Span, value: T): void {
    this.byStart.set(span.start, { end: span.end, value, next: this.byStart.get(span.start) });
  }
}

/** The spans of a SpanMap that start at one place, each with its value. */
interface SpanEntry<T> {
  end: number;
  value: T;
  next: SpanEntry<T> | undefined;
}

export interface Position {
  line: number;
  character: number;
}

/** Offsets at which each line starts; `\r\n`, `\n` and a lone `\r` all end a line. */
export function lineStarts(text: string): number[] {
  // Each kind of line break found with indexOf, which scans fast; a lone `\r` is rare. (matchAll made a match object
  // per line, a large share of azs-lint's garbage, and was 3 × slower on the bench's files.)
  const starts = [0];
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf >= 0 || cr >= 0) {
    if (cr < 0 || (lf >= 0 && lf < cr)) {
      starts.push(lf + 1);
      lf = text.indexOf('\n', lf + 1);
      continue;
    }
    const crlf = lf === cr + 1;
    starts.push(crlf ? lf + 1 : cr + 1);
    if (crlf) lf = text.indexOf('\n', lf + 1);
    cr = text.indexOf('\r', cr + 1);
  }
  return starts;
}

export function positionAt(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low, character: offset - starts[low] };
}

/** Converts offsets of one text to positions, computing the line table once. */
export class LineMap {
  readonly starts: number[];

  constructor(text: string) {
    this.starts = lineStarts(text);
  }

  positionAt(offset: number): Position {
    return positionAt(this.starts, offset);
  }

  lineOf(offset: number): number {
    return positionAt(this.starts, offset).line;
  }
}

/** True when the text looks like a binary file rather than a script or a document: it has a NUL in its first 8 KB. */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\0');
}

export interface Line {
  /** Offset of the line's first character. */
  start: number;
  /** The line without its line break. */
  text: string;
}

export function linesOf(text: string): Line[] {
  const starts = lineStarts(text);
  return starts.map((start, i) => ({ start, text: text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length).replace(/\r?\n$|\r$/, '') }));
}
