// Descents and walks up a tree-sitter tree, for a reader that asks about many places of a deeply nested script.
//
// In web-tree-sitter a node's `parent` is a walk down from the root (and a new node object), and a descent from the
// root passes every level above the place: in a script nested hundreds deep (functions, blocks, loops), a walk up
// from a node `d` levels deep cost about d² steps and each place asked about d, so the reader was quadratic in the
// nesting. These make both linear, and flat nodes too:
// - A descent starts from a node that lies strictly around the place: every such node is on the root's way there (an
//   earlier sibling ends before it starts, and an empty node sits only where another one starts or ends), so the
//   descent finds what one from the root finds. The code's braces say where such nodes are: the node a descent to a
//   `{` and the character after it finds, worked out once per brace from the one around it.
// - A walk up goes along one path from the root, kept between questions: the next place shares the part of the path
//   that lies strictly around it, and only the rest is walked down, a level per step.
// - A node with hundreds of children (an error's flat node, after an unclosed block) has the child on a descent's way
//   looked up by a binary search: tree-sitter goes through the children before it, each time.
import type { Node } from 'web-tree-sitter';
import type { Span } from '../text';
import { pairBraces, type BracePairs } from './psBraces';

export class TreePath {
  /** The nodes from the root down to what a descent to the last place found, root first. */
  private readonly nodes: Node[];
  /** Their types and ends, read when first asked (each read is a call into the wasm module). */
  private readonly types: (string | undefined)[];
  private readonly ends: (number | undefined)[];
  /** How many of `nodes` are the path (the rest are stale). */
  private length = 1;
  /** The code's brace pairs and how deep they nest, and the pairs' nodes (read when first needed). */
  private bracePairs: BracePairs | undefined;
  private braces: Braces | undefined;
  /** The children of the nodes descended from or through that have many (null: a few), by node id. */
  private readonly flat = new Map<number, FlatChildren | null>();

  /**
   * `shallowDepth`: how deep the braces may nest for the tree's own descents and parents to be used; `flatChildCount`:
   * how many children a node has for them to be looked up by a binary search (tests set both 0).
   */
  constructor(
    private readonly root: Node,
    private readonly code: string,
    private readonly shallowDepth = defaultShallowDepth,
    private readonly flatChildCount = defaultFlatChildCount,
  ) {
    this.nodes = [root];
    this.types = [undefined];
    this.ends = [undefined];
  }

  /** What `root.descendantForIndex(start, end)` finds. */
  descend(start: number, end = start): Node | null {
    return this.shallow() ? this.root.descendantForIndex(start, end) : this.descendFrom(this.around(start, end), start, end);
  }

  /**
   * Whether the code's braces nest only a few deep: then the tree's own walks cost a few steps each, fewer than the
   * path's bookkeeping (a 10,000-line script read 15 % slower through the path).
   */
  private shallow(): boolean {
    return this.pairs().depth <= this.shallowDepth;
  }

  private pairs(): BracePairs {
    return (this.bracePairs ??= pairBraces(this.code));
  }

  /**
   * Makes the path end at what `root.descendantForIndex(offset)` finds, and returns how many nodes it holds: the found
   * node is at `length - 1`, the root at 0, and each node's parent just before it (as `parent` has it).
   */
  to(offset: number): number {
    let kept = this.length;
    while (kept > 1 && !(this.nodes[kept - 1].startIndex < offset && offset < this.end(kept - 1))) kept--;
    this.length = kept;
    let node = this.nodes[kept - 1];
    // The kept node lies strictly around the place too: the descent starts from the deeper of it and the braces' node.
    const found = this.shallow() ? this.root.descendantForIndex(offset) : this.descendFrom(deeper(this.around(offset, offset), node), offset, offset);
    if (!found || found.id === node.id) return kept;
    this.flatChildren(node);
    while (node.id !== found.id) {
      const child = this.childToward(node, found);
      if (!child) break;
      this.push(child);
      node = child;
    }
    return this.length;
  }

  /**
   * Where `node` is on the path, made to pass through it: its ancestors are before it. The path goes to a place strictly
   * inside the node (a descent there passes through it), or to its start where it is one character long; where that
   * misses it (an empty node at its start, in a tree with syntax errors), the path is its chain of parents.
   */
  place(node: Node): number {
    const start = node.startIndex;
    const length = this.to(node.endIndex - start >= 2 ? start + 1 : start);
    for (let i = length - 1; i >= 0; i--) if (this.nodes[i].id === node.id) return i;
    const chain: Node[] = [];
    for (let at: Node | null = node; at; at = at.parent) chain.push(at);
    this.length = 0;
    for (let i = chain.length - 1; i >= 0; i--) this.push(chain[i]);
    return this.length - 1;
  }

  /** What `node.parent` is, read from the path. */
  parent(node: Node): Node | null {
    if (this.shallow()) return node.parent;
    const at = this.place(node);
    return at > 0 ? this.nodes[at - 1] : null;
  }

  node(index: number): Node {
    return this.nodes[index];
  }

  type(index: number): string {
    return (this.types[index] ??= this.nodes[index].type);
  }

  end(index: number): number {
    return (this.ends[index] ??= this.nodes[index].endIndex);
  }

  private push(node: Node): void {
    const at = this.length++;
    this.nodes[at] = node;
    this.types[at] = undefined;
    this.ends[at] = undefined;
  }

  /** What `from.descendantForIndex(start, end)` finds, `from`'s children looked up by a binary search where it has many. */
  private descendFrom(from: Node, start: number, end: number): Node | null {
    const children = this.flatChildren(from);
    if (!children) return from.descendantForIndex(start, end);
    const child = children.toward(start, end);
    return child === undefined ? from.descendantForIndex(start, end) : (child?.descendantForIndex(start, end) ?? from);
  }

  /** What `node.childWithDescendant(descendant)` finds, by a binary search where the node is known to have many children. */
  private childToward(node: Node, descendant: Node): Node | null {
    return this.flat.get(node.id)?.holding(descendant) ?? node.childWithDescendant(descendant);
  }

  private flatChildren(node: Node): FlatChildren | null {
    let children = this.flat.get(node.id);
    if (children === undefined) this.flat.set(node.id, (children = node.childCount >= this.flatChildCount ? new FlatChildren(node.children, this.code) : null));
    return children;
  }

  /**
   * A node strictly around `start`…`end`: the node of the innermost brace pair around `start` that lies strictly around
   * it, or the root. The pairs are tried along their links, which pass over pairs whose nodes cannot be around a place
   * inside them (braces paired wrongly, or the thousands of unclosed braces of an error's flat node, share one node).
   */
  private around(start: number, end: number): Node {
    const braces = (this.braces ??= new Braces(this.pairs().pairs));
    for (let pair = braces.innermost(start); pair >= 0; pair = braces.links[pair]) {
      const node = this.braceNode(braces, pair);
      if (node.startIndex < start && end < braces.nodeEnd(pair)) return node;
    }
    return this.root;
  }

  /** The node a descent to the brace pair's `{` and the character after it finds: the pairs around it first, once each. */
  private braceNode(braces: Braces, pair: number): Node {
    const known = braces.nodes[pair];
    if (known) return known;
    const unknown: number[] = [];
    for (let at = pair; at >= 0 && !braces.nodes[at]; at = braces.parents[at]) unknown.push(at);
    // Outermost first: each descent then starts from the node of a pair around it.
    for (let i = unknown.length - 1; i >= 0; i--) this.workOut(braces, unknown[i]);
    return braces.nodes[pair] as Node;
  }

  /** Works out the node and link of a pair whose outer pairs' are known, by a descent from the innermost around its `{`. */
  private workOut(braces: Braces, pair: number): void {
    const open = braces.opens[pair];
    let from = braces.parents[pair];
    while (from >= 0 && braces.nodeEnd(from) <= open + 2) from = braces.links[from];
    const outer = from >= 0 ? (braces.nodes[from] as Node) : this.root;
    const node = this.descendFrom(outer, open, open + 2) ?? this.root;
    braces.nodes[pair] = node;
    // A place inside the pair that its node is not around is not inside the nodes of the pairs passed over either.
    braces.links[pair] = from >= 0 && outer.id === node.id ? braces.links[from] : from;
  }
}

/** Of two nodes on the root's way to one place, the one further down (the later start; the second where both start alike). */
function deeper(first: Node, second: Node): Node {
  return first.startIndex > second.startIndex ? first : second;
}

/** How deep the braces may nest for `TreePath` to leave descents and parents to the tree. */
const defaultShallowDepth = 32;
/** How many children a node has for `TreePath` to look them up by a binary search (tree-sitter goes through them one by one). */
const defaultFlatChildCount = 256;

/**
 * A node's children, for a node with many (an error's flat node holds everything after an unclosed block): tree-sitter
 * finds the child on a descent's way by going through the children before it, each descent into such a node, so the
 * descents into it cost the square of its children; a binary search over their ends (read when first needed) does not.
 * The children follow one another, so their ends never decrease.
 */
class FlatChildren {
  private readonly ends: (number | undefined)[];

  constructor(private readonly children: Node[], private readonly code: string) {
    this.ends = children.map(() => undefined);
  }

  /**
   * The child a descent to `start`…`end` goes into, null where it stops at the parent, or undefined where only the
   * tree can tell: as tree-sitter's `ts_node_descendant_for_byte_range`, the first child that ends at or after `end`
   * and after `start`, if it starts at or before `start`. A descent to an empty place goes instead into an empty node
   * that sits there before such a child, which the children do not list where it is hidden. The grammar's only empty
   * tokens are its statement terminator, which sits where the statement before it ends (never after a `;`), and those
   * the parser puts in for missing ones: where the child listed before the place ends short of it or is a `;`, none
   * sits there that changes what the descent finds (checked against the tree's own descents on some 380,000 children
   * of generated and broken scripts).
   */
  toward(start: number, end: number): Node | null | undefined {
    const index = this.firstEndingAtOrAfter(Math.max(end, start + 1));
    const child = this.children[index];
    const found = child && child.startIndex <= start ? child : null;
    if (end > start || (found && found.startIndex < start)) return found;
    return index > 0 && (this.end(index - 1) < start || this.isSemicolon(index - 1)) ? found : undefined;
  }

  /** Whether the child is a `;` alone (the token, or the empty statement made of it). */
  private isSemicolon(index: number): boolean {
    const start = this.children[index].startIndex;
    return this.end(index) === start + 1 && this.code.charCodeAt(start) === 0x3b;
  }

  /** The child that holds `descendant`, or null where unsure (an empty node may sit between two children). */
  holding(descendant: Node): Node | null {
    const start = descendant.startIndex;
    const index = this.firstEndingAtOrAfter(start + 1);
    const child = this.children[index];
    if (!child || child.startIndex > start) return null;
    const end = descendant.endIndex;
    return end > start && end <= this.end(index) ? child : null;
  }

  private end(index: number): number {
    return (this.ends[index] ??= this.children[index].endIndex);
  }

  private firstEndingAtOrAfter(offset: number): number {
    let low = 0;
    let high = this.children.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.end(middle) < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** The index of the first of the sorted `offsets` at or after `offset`: a binary search. */
export function firstAtOrAfter(offsets: readonly number[], offset: number): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (offsets[middle] < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Spans that nest (each inside or apart from the others, as tree nodes do), and for any offset the innermost one that
 * holds it, by a binary search: where a walk back over the spans before it went past every span nested in between.
 */
export class NestedSpans {
  /** The span around each span, or -1. */
  readonly parents: number[] = [];
  /** Where a span starts or ends, and the innermost span from there on (-1: none), in the order of the text. */
  private readonly at: number[] = [];
  private readonly inside: number[] = [];

  /** `spans` sorted by start, a span before those inside it. */
  constructor(spans: readonly Span[]) {
    const open: number[] = [];
    spans.forEach((span, index) => {
      this.closeBefore(spans, open, span.start);
      this.parents.push(open.length > 0 ? open[open.length - 1] : -1);
      open.push(index);
      this.at.push(span.start);
      this.inside.push(index);
    });
    this.closeBefore(spans, open, Infinity);
  }

  /** The innermost span that holds `offset` (start ≤ offset < end), or -1. */
  innermost(offset: number): number {
    // Offsets are whole numbers: those at or before `offset` are those before `offset + 1`.
    const after = firstAtOrAfter(this.at, offset + 1);
    return after > 0 ? this.inside[after - 1] : -1;
  }

  private closeBefore(spans: readonly Span[], open: number[], offset: number): void {
    while (open.length > 0 && spans[open[open.length - 1]].end <= offset) {
      const closed = open.pop() as number;
      this.at.push(spans[closed].end);
      this.inside.push(open.length > 0 ? open[open.length - 1] : -1);
    }
  }
}

/**
 * The code's `{ }` pairs (see `pairBraces`: a brace the pass pairs wrongly, in text it does not read as the grammar does,
 * costs only time, as a pair's node is only used where it lies strictly around a place), each the span of the places
 * strictly inside its node, where the node is the block.
 */
class Braces extends NestedSpans {
  readonly opens: number[];
  /** Each pair's node (see `TreePath.braceNode`) and its end, once worked out. */
  readonly nodes: (Node | undefined)[];
  private readonly ends: (number | undefined)[];
  /**
   * Once its node is worked out, the next pair up to try for a place inside a pair its node is not around (-1: the
   * root): the pair whose node the descent to its own started from, or that pair's link where both found one node.
   */
  readonly links: number[];

  constructor(pairs: Span[]) {
    super(pairs);
    this.opens = pairs.map((pair) => pair.start - 1);
    this.nodes = pairs.map(() => undefined);
    this.ends = pairs.map(() => undefined);
    this.links = pairs.map(() => -1);
  }

  nodeEnd(pair: number): number {
    return (this.ends[pair] ??= (this.nodes[pair] as Node).endIndex);
  }
}
