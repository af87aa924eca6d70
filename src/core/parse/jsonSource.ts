// Reading JSON fast. JSON.parse gives the values at a fraction of the cost of any position-aware scan (jsonc-parser's
// tolerant `parse` takes over for comments, trailing commas and broken documents); positions are worked out later,
// in one jsonc-parser `visit`, and only if a finding or a related location asks for one. Both without recursion
// (jsonVisit.ts; V8's JSON.parse has none either): a document is read whole however deep it nests. A JSON document held in a
// string of another (recorded response bodies) is a source of its own whose offsets map back through the string's
// escapes into the outer file.
import type { ParseError } from 'jsonc-parser';
import { LazyValue, lazySpan, literalValue, type Value } from '../facts';
import type { Span } from '../text';
import { parseJsonTolerant, visitJson } from './jsonVisit';

export type Json = null | boolean | number | string | Json[] | JsonMap;

export interface JsonMap {
  [key: string]: Json;
}

/**
 * Where a value stands in its document: its key in the container that holds it, and that container's place
 * (undefined: the document's root). A container's place is made once and shared by the values in it, so the many
 * values of a large document hold no path arrays of their own.
 */
export interface JsonPlace {
  readonly parent: JsonPlace | undefined;
  readonly key: string | number;
}

export function placeIn(parent: JsonPlace | undefined, key: string | number): JsonPlace {
  return { parent, key };
}

export function isMap(value: Json | undefined): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A property by name, as ARM reads names: exactly, else in any letter case. Gives the key as written. */
export function member(map: Json | undefined, name: string): { key: string; value: Json } | undefined {
  const key = memberKey(map, name);
  return key === undefined ? undefined : { key, value: (map as JsonMap)[key] };
}

/** The key as written of the property `member` finds: no object made, for the reads of every resource of a template. */
export function memberKey(map: Json | undefined, name: string): string | undefined {
  if (!isMap(map)) return undefined;
  if (Object.prototype.hasOwnProperty.call(map, name)) return name;
  for (const key in map) {
    if (key.length === name.length && Object.prototype.hasOwnProperty.call(map, key) && sameLowerCase(key, name)) return key;
  }
  return undefined;
}

/**
 * Whether `key` and `name` are the same in lower case, without making lower-case copies of ASCII texts (a template's
 * every resource is asked for child resources it mostly does not have, and for its type).
 */
export function sameLowerCase(key: string, name: string): boolean {
  // Lower-casing never shortens a text and lengthens only characters outside ASCII: where the shorter text is ASCII, the
  // two differ. Only the shorter is read: a child resource's full type grows with its depth.
  if (key.length !== name.length) return !isAscii(key.length < name.length ? key : name) && key.toLowerCase() === name.toLowerCase();
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    const other = name.charCodeAt(i);
    if (code > 127 || other > 127) return key.toLowerCase() === name.toLowerCase();
    if ((code >= 65 && code <= 90 ? code + 32 : code) !== (other >= 65 && other <= 90 ? other + 32 : other)) return false;
  }
  return true;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** Where each value of a document is, as a tree that mirrors the document's (keys of objects, indexes of arrays). */
export interface SpanTree {
  span?: Span;
  children?: Map<string | number, SpanTree>;
}

/** The keys that lead to the values asked for, as a tree (`spanTree`'s `within`). */
type KeyTree = Map<string, KeyTree>;

/**
 * Where the values of a JSON(C) text are, in one visit (in time linear in its length however deep it nests), and
 * whether the text has errors. Of a key an object repeats, the tree keeps the last value, as JSON.parse and ARM read
 * it. With `within` (paths of keys from the root), only the values on the way to those are kept.
 */
export function spanTree(text: string, within?: readonly (readonly string[])[]): { root: SpanTree; errors: boolean } {
  const root: SpanTree = {};
  let errors = false;
  /**
   * The containers open at this point, each with its tree node (none: not kept), the keys under it that lead on (none:
   * all), where it starts, and its next index or last key.
   */
  const open: { node: SpanTree | undefined; wanted: KeyTree | undefined; start: number; array: boolean; next: number; key: string }[] = [];
  let wanted = within && keyTree(within);
  /** The node of the value that starts now, under the property just named or at the array's next index. */
  const enter = (): SpanTree | undefined => {
    const container = open.at(-1);
    if (!container) return root;
    const key = container.array ? container.next++ : container.key;
    wanted = container.wanted && (typeof key === 'string' ? container.wanted.get(key) : undefined);
    if (!container.node || (container.wanted && !wanted)) return undefined;
    const node: SpanTree = {};
    (container.node.children ??= new Map()).set(key, node);
    return node;
  };
  const begin = (start: number, array: boolean): void => {
    const node = enter();
    open.push({ node, wanted, start, array, next: 0, key: '' });
  };
  const end = (offset: number, length: number): void => {
    const container = open.pop();
    if (container?.node) container.node.span = { start: container.start, end: offset + length };
  };
  visitJson(text, {
    onObjectBegin: (offset) => begin(offset, false),
    onArrayBegin: (offset) => begin(offset, true),
    onObjectEnd: end,
    onArrayEnd: end,
    onObjectProperty: (property) => {
      const container = open.at(-1);
      if (container) container.key = property;
    },
    onLiteralValue: (_value, offset, length) => {
      const node = enter();
      if (node) node.span = { start: offset, end: offset + length };
    },
    onError: () => {
      errors = true;
    },
  });
  return { root, errors };
}

function keyTree(paths: readonly (readonly string[])[]): KeyTree {
  const tree: KeyTree = new Map();
  for (const path of paths) {
    let node = tree;
    for (const key of path) {
      let next = node.get(key);
      if (!next) node.set(key, next = new Map<string, KeyTree>());
      node = next;
    }
  }
  return tree;
}

/** The document's values as JSON.parse (or, for JSONC and broken JSON, jsonc-parser's tolerant `parse`) reads them. */
export interface ParsedJson {
  root: Json | undefined;
  source: JsonSource;
}

export function parseJson(text: string): ParsedJson {
  let root: Json | undefined;
  let hasErrors = false;
  try {
    root = JSON.parse(text) as Json;
  } catch {
    const errors: ParseError[] = [];
    root = parseJsonTolerant(text, errors) as Json | undefined;
    hasErrors = errors.length > 0;
  }
  return { root, source: new JsonSource(text, hasErrors) };
}

/** Whether a string is wrapped as a JSON object or array: a cheap test before it is tried as JSON. */
export function wrapped(text: string): boolean {
  const trimmed = text.trim();
  return (trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'));
}

/**
 * The JSON document a string of `outer` holds (a recorded request or response body), if it holds a well-formed one
 * that `relevant` matches; positions in it are positions in the outer file.
 */
export function embeddedJson(outer: JsonSource, parent: JsonPlace | undefined, key: string | number, text: string, relevant: RegExp): ParsedJson | undefined {
  if (text.length < 2 || !wrapped(text) || !relevant.test(text)) return undefined;
  let root: Json;
  try {
    root = JSON.parse(text) as Json;
  } catch {
    return undefined; // not JSON: read as text
  }
  return { root, source: new JsonSource(text, false, new EscapedString(outer, placeIn(parent, key), text.length)) };
}

/** Maps offsets in a string's value to offsets in the document that writes the string (with its escapes). */
interface OffsetMap {
  toOuter(offset: number): number;
}

/** The offsets of a JSON string's characters in the text of its source, worked out on first use. */
class EscapedString implements OffsetMap {
  private offsets: Int32Array | undefined;

  constructor(private readonly source: JsonSource, private readonly place: JsonPlace, private readonly length: number) {}

  toOuter(offset: number): number {
    this.offsets ??= this.scan();
    return this.source.toOuter(this.offsets[Math.min(offset, this.length)]);
  }

  /** One pass over the string as written: each character or escape gives one UTF-16 unit of the value. */
  private scan(): Int32Array {
    const span = this.source.localSpanAt(this.place);
    const text = this.source.text;
    const offsets = new Int32Array(this.length + 1);
    let at = span.start + 1;
    let index = 0;
    for (; index < this.length && at < span.end - 1; index++) {
      offsets[index] = at;
      at += text[at] !== '\\' ? 1 : text[at + 1] === 'u' ? 6 : 2;
    }
    // A string the scan did not end on (it should not happen): its characters keep the string's own end.
    offsets.fill(Math.min(at, span.end - 1), index);
    return offsets;
  }
}

/**
 * The text of a JSON document and where its values are. It holds no parsed values: the facts of a large document
 * keep only this, and the values the rules read.
 */
export class JsonSource {
  private spans: SpanTree | undefined;
  /** The span tree's node of each place asked about (see `spanNode`). */
  private readonly nodes = new WeakMap<JsonPlace, SpanTree | undefined>();

  /**
   * `hasErrors`: the document is not well-formed JSON(C); then what seems absent may only be cut off. `outer`: for a
   * document held in a string of another, where its offsets are in that one.
   */
  constructor(readonly text: string, readonly hasErrors: boolean, private readonly outer?: OffsetMap) {}

  /** The range of the value at `place` (a string with its quotes) in the file; all ranges are found in one pass on first use. */
  spanAt(place: JsonPlace | undefined): Span {
    return this.spanToOuter(this.localSpanAt(place));
  }

  /**
   * The string at `place` as written, read back from the text: the facts of a large document keep no copy of strings
   * they seldom need again. Only for a document without errors, where every string is well-formed JSON and the
   * position scan finds each value the parse has where the parse has it: the same scanner's tokens, repeated keys
   * kept last, at any depth.
   */
  stringAt(place: JsonPlace): string {
    const span = this.localSpanAt(place);
    return JSON.parse(this.text.slice(span.start, span.end)) as string;
  }

  /** The range of the value at `place` in this source's own text. */
  localSpanAt(place: JsonPlace | undefined): Span {
    return this.spanNode(place)?.span ?? { start: 0, end: 0 };
  }

  /**
   * The span tree's node of `place`, kept for each place asked about: places share their containers' places, so a
   * document nested n deep with a value asked about at every level walks n steps in all, not n².
   */
  private spanNode(place: JsonPlace | undefined): SpanTree | undefined {
    const root = (this.spans ??= spanTree(this.text).root);
    const unknown: JsonPlace[] = [];
    let at = place;
    for (; at && !this.nodes.has(at); at = at.parent) unknown.push(at);
    let node = at ? this.nodes.get(at) : root;
    for (let i = unknown.length - 1; i >= 0; i--) {
      node = node?.children?.get(unknown[i].key);
      this.nodes.set(unknown[i], node);
    }
    return node;
  }

  /** An offset of this source's text as an offset of the file. */
  toOuter(offset: number): number {
    return this.outer ? this.outer.toOuter(offset) : offset;
  }

  spanToOuter(span: Span): Span {
    return this.outer ? { start: this.toOuter(span.start), end: this.toOuter(span.end) } : span;
  }

  /** A span worked out when first read. */
  lazySpanAt(place: JsonPlace | undefined): Span {
    return lazySpan(() => this.spanAt(place));
  }

  /** The string under `key` of the container at `parent`, as a value located to the character when it has no escapes. */
  string(parent: JsonPlace | undefined, key: string | number, value: string): Value {
    return new JsonString(this, parent, key, value);
  }

  /** Ranges of the document's comments (where suppressions are written). */
  comments(): Span[] {
    const comments: Span[] = [];
    visitJson(this.text, { onComment: (offset, length) => comments.push({ start: offset, end: offset + length }) });
    return comments;
  }
}

/** A string of a JSON document, located when first asked. */
class JsonString extends LazyValue {
  constructor(private readonly source: JsonSource, private readonly parent: JsonPlace | undefined, private readonly key: string | number, text: string) {
    super(text);
  }

  protected resolve(): Value {
    const local = this.source.localSpanAt(placeIn(this.parent, this.key));
    const inner = { start: local.start + 1, end: local.end - 1 };
    const span = this.source.spanToOuter(inner.end > inner.start ? inner : local);
    // Copied character for character only when neither this string nor one that holds it escapes anything in it.
    const raw = this.source.text.slice(inner.start, inner.end) === this.text && span.end - span.start === this.text.length;
    return literalValue(this.text, span, raw ? span.start : undefined);
  }
}
