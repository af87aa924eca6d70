// One jsonc-parser `visit` pass that keeps only what the rules can use: the properties ARM templates, parameter files,
// REST bodies and saved responses use for registrations and tenants, and any string that names a registration path.
// A full `parseTree` costs about twice as much as this pass on a multi-megabyte template, and JSON.parse gives no
// positions, so this pruned tree is the cheapest position-aware reading.
import { visit } from 'jsonc-parser';
import { literalValue, type Value } from '../facts';
import type { Span } from '../text';

export interface JsonLiteral {
  kind: 'literal';
  value: string | number | boolean | null;
  /** The literal including its quotes. */
  span: Span;
  /** True when a string's characters stand 1:1 in the document (no escapes). */
  raw: boolean;
}

export interface JsonEntry {
  key: string;
  keySpan: Span;
  value: JsonNode;
}

export interface JsonObject {
  kind: 'object';
  span: Span;
  /** Kept properties by lower-case name (ARM reads property names case-insensitively). */
  props: Map<string, JsonEntry>;
}

export interface JsonArray {
  kind: 'array';
  span: Span;
  items: JsonNode[];
}

export type JsonNode = JsonLiteral | JsonObject | JsonArray;

/** Properties kept wherever they stand. */
const kept = new Set([
  '$schema', 'contentversion', 'type', 'apiversion', 'api-version', 'name', 'id', 'location', 'properties', 'billingmodel',
  'tenantid', 'resources', 'parameters', 'variables', 'value', 'defaultvalue', 'template', 'responses', 'body', '200', '201',
  'subscriptionid', 'resourcegroup', 'registrationname', 'customersubscriptionname', 'customercreationparameters', 'token',
  'registrationtoken', 'cloudid',
]);

/** Under these every property is kept: variable and parameter names are the template author's. */
const keptWhole = new Set(['variables', 'parameters']);

const registrationHint = /registrations?\b|customerSubscriptions?\b/i;

interface Frame {
  node: JsonObject | JsonArray;
  key?: string;
  keySpan?: Span;
  /** Kept even when empty: it stands under a kept property (an empty `properties` still says "no tenantId"). */
  keep: boolean;
  /** Everything below is kept. */
  whole: boolean;
}

export interface JsonReading {
  root?: JsonNode;
  comments: Span[];
  /** True when the document is not well-formed JSON(C). */
  hasErrors: boolean;
}

/** Reads `text` in one pass. Throws RangeError (from the parser's recursion) when nesting is extremely deep. */
export function readJson(text: string): JsonReading {
  const stack: Frame[] = [];
  const comments: Span[] = [];
  let root: JsonNode | undefined;
  let key: string | undefined;
  let keySpan: Span | undefined;
  let hasErrors = false;

  const attach = (node: JsonNode, nodeKey: string | undefined, nodeKeySpan: Span | undefined): void => {
    const parent = stack.at(-1)?.node;
    if (!parent) root = node;
    else if (parent.kind === 'array') parent.items.push(node);
    else if (nodeKey !== undefined && nodeKeySpan) parent.props.set(nodeKey.toLowerCase(), { key: nodeKey, keySpan: nodeKeySpan, value: node });
  };
  /** Whether a value under `nodeKey` in the current container is kept for its own sake. */
  const keeps = (nodeKey: string | undefined): boolean => {
    const top = stack.at(-1);
    if (!top || top.whole) return true;
    return top.node.kind === 'array' ? top.keep : nodeKey !== undefined && kept.has(nodeKey.toLowerCase());
  };
  const open = (node: JsonObject | JsonArray): void => {
    const parent = stack.at(-1);
    stack.push({ node, key, keySpan, keep: keeps(key), whole: Boolean(parent?.whole) || (key !== undefined && keptWhole.has(key.toLowerCase())) });
    key = undefined;
  };
  const close = (end: number): void => {
    const frame = stack.pop();
    if (!frame) return;
    frame.node.span.end = end;
    const empty = frame.node.kind === 'object' ? frame.node.props.size === 0 : frame.node.items.length === 0;
    if (!empty || frame.keep) attach(frame.node, frame.key, frame.keySpan);
  };

  visit(text, {
    onObjectBegin: (offset) => open({ kind: 'object', span: { start: offset, end: offset }, props: new Map() }),
    onObjectProperty: (property, offset, length) => {
      key = property;
      keySpan = { start: offset, end: offset + length };
    },
    onObjectEnd: (offset, length) => close(offset + length),
    onArrayBegin: (offset) => open({ kind: 'array', span: { start: offset, end: offset }, items: [] }),
    onArrayEnd: (offset, length) => close(offset + length),
    onLiteralValue: (value: unknown, offset, length) => {
      const literal = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : null;
      if (keeps(key) || (typeof literal === 'string' && registrationHint.test(literal))) {
        const raw = typeof literal === 'string' && length === literal.length + 2;
        attach({ kind: 'literal', value: literal, span: { start: offset, end: offset + length }, raw }, key, keySpan);
      }
      key = undefined;
    },
    onComment: (offset, length) => {
      comments.push({ start: offset, end: offset + length });
    },
    onError: () => {
      hasErrors = true;
    },
  }, { allowTrailingComma: true, disallowComments: false });
  while (stack.length > 0) close(text.length); // a truncated document: keep what was read
  return { root, comments, hasErrors };
}

export function property(node: JsonNode | undefined, name: string): JsonNode | undefined {
  return node?.kind === 'object' ? node.props.get(name.toLowerCase())?.value : undefined;
}

/** The node at a path of property names. */
export function at(node: JsonNode | undefined, ...path: string[]): JsonNode | undefined {
  return path.reduce<JsonNode | undefined>((current, name) => property(current, name), node);
}

export function stringAt(node: JsonNode | undefined): string | undefined {
  return node?.kind === 'literal' && typeof node.value === 'string' ? node.value : undefined;
}

/** A JSON string literal as a value: located to the character when it has no escapes. */
export function jsonValue(literal: JsonLiteral): Value {
  const text = String(literal.value);
  const inner = { start: literal.span.start + 1, end: literal.span.end - 1 };
  if (typeof literal.value !== 'string') return literalValue(text, literal.span, literal.span.start);
  const span = inner.end > inner.start ? inner : literal.span;
  return literal.raw ? literalValue(text, span, inner.start) : literalValue(text, span);
}

/** Every literal string in the tree, depth first. */
export function* strings(node: JsonNode | undefined): Generator<JsonLiteral> {
  if (!node) return;
  if (node.kind === 'literal') {
    if (typeof node.value === 'string') yield node;
  } else if (node.kind === 'array') {
    for (const item of node.items) yield* strings(item);
  } else {
    for (const entry of node.props.values()) yield* strings(entry.value);
  }
}

/** Every object in the tree, depth first. */
export function* objects(node: JsonNode | undefined): Generator<JsonObject> {
  if (!node || node.kind === 'literal') return;
  if (node.kind === 'object') yield node;
  const children = node.kind === 'array' ? node.items : [...node.props.values()].map((e) => e.value);
  for (const child of children) yield* objects(child);
}
