// Reading JSON fast. JSON.parse gives the values at a fraction of the cost of any position-aware scan (jsonc-parser's
// tolerant `parse` takes over for comments, trailing commas and broken documents); positions are worked out later,
// in one jsonc-parser `visit`, and only if a finding or a related location asks for one.
import { parse, visit, type ParseError } from 'jsonc-parser';
import { LazyValue, lazySpan, literalValue, type Value } from '../facts';
import type { Span } from '../text';

export type Json = null | boolean | number | string | Json[] | JsonMap;

export interface JsonMap {
  [key: string]: Json;
}

export type JsonPath = readonly (string | number)[];

export function isMap(value: Json | undefined): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A property by name, as ARM reads names: exactly, else in any letter case. Gives the key as written. */
export function member(map: Json | undefined, name: string): { key: string; value: Json } | undefined {
  if (!isMap(map)) return undefined;
  if (Object.prototype.hasOwnProperty.call(map, name)) return { key: name, value: map[name] };
  const lower = name.toLowerCase();
  for (const key in map) {
    if (key.length === name.length && Object.prototype.hasOwnProperty.call(map, key) && key.toLowerCase() === lower) return { key, value: map[key] };
  }
  return undefined;
}

const pathKey = (path: JsonPath) => path.join('\u0000');

export class JsonSource {
  readonly root: Json | undefined;
  /** True when the document is not well-formed JSON(C): then what seems absent may only be cut off. */
  readonly hasErrors: boolean;
  private spans: Map<string, Span> | undefined;

  /** Throws RangeError when the document is nested deeper than the tolerant parser's recursion takes. */
  constructor(readonly text: string) {
    let root: Json | undefined;
    let hasErrors = false;
    try {
      root = JSON.parse(text) as Json;
    } catch {
      const errors: ParseError[] = [];
      root = parse(text, errors, { allowTrailingComma: true }) as Json | undefined;
      hasErrors = errors.length > 0;
    }
    this.root = root;
    this.hasErrors = hasErrors;
  }

  /** The range of the value at `path` (a string with its quotes); all ranges are found in one pass on first use. */
  spanAt(path: JsonPath): Span {
    this.spans ??= this.findSpans();
    return this.spans.get(pathKey(path)) ?? { start: 0, end: 0 };
  }

  /** A span worked out when first read. */
  lazySpanAt(path: JsonPath): Span {
    return lazySpan(() => this.spanAt(path));
  }

  /** The string under `key` of the container at `parent`, as a value located to the character when it has no escapes. */
  string(parent: JsonPath, key: string | number, value: string): Value {
    return new JsonString(this, parent, key, value);
  }

  /** Ranges of the document's comments (where suppressions are written). */
  comments(): Span[] {
    const comments: Span[] = [];
    try {
      visit(this.text, { onComment: (offset, length) => comments.push({ start: offset, end: offset + length }) }, { allowTrailingComma: true });
    } catch {
      // nested too deeply to scan: no comments are read
    }
    return comments;
  }

  private findSpans(): Map<string, Span> {
    const spans = new Map<string, Span>();
    const path: (string | number)[] = [];
    const open: { start: number; array: boolean }[] = [];
    let key: string | undefined;
    const counters: number[] = [];
    /** Steps into the value that starts now: under the property just named, or at the array's next index. */
    const step = (): boolean => {
      const container = open.at(-1);
      if (container?.array) path.push(counters[counters.length - 1]++);
      else if (container) path.push(key ?? '');
      return container !== undefined;
    };
    const begin = (start: number, array: boolean): void => {
      step();
      open.push({ start, array });
      counters.push(0);
    };
    const end = (offset: number, length: number): void => {
      const container = open.pop();
      counters.pop();
      if (container) spans.set(pathKey(path), { start: container.start, end: offset + length });
      if (open.length > 0) path.pop();
    };
    try {
      visit(this.text, {
        onObjectBegin: (offset) => begin(offset, false),
        onArrayBegin: (offset) => begin(offset, true),
        onObjectEnd: end,
        onArrayEnd: end,
        onObjectProperty: (property) => {
          key = property;
        },
        onLiteralValue: (_value, offset, length) => {
          const inside = step();
          spans.set(pathKey(path), { start: offset, end: offset + length });
          if (inside) path.pop();
        },
      }, { allowTrailingComma: true });
    } catch {
      // nested too deeply to scan: values keep the start of the document as their place
    }
    return spans;
  }
}

/** A string of a JSON document, located when first asked. */
class JsonString extends LazyValue {
  constructor(private readonly source: JsonSource, private readonly parent: JsonPath, private readonly key: string | number, text: string) {
    super(text);
  }

  protected resolve(): Value {
    const span = this.source.spanAt([...this.parent, this.key]);
    const inner = { start: span.start + 1, end: span.end - 1 };
    const raw = this.source.text.slice(inner.start, inner.end) === this.text;
    return literalValue(this.text, inner.end > inner.start ? inner : span, raw ? inner.start : undefined);
  }
}
