// Descents and walks up a tree-sitter tree, for a reader that asks about many places of a deeply nested script.
//
// In web-tree-sitter a node's `parent` is a walk down from the root (and a new node object), and a descent from the
// root passes every level above the place: in a script nested hundreds deep (functions, blocks, loops), a walk up
// from a node `d` levels deep cost about d² steps and each place asked about d, so the reader was quadratic in the
// nesting. Two things make both linear:
// - A descent starts from a node that lies strictly around the place: every such node is on the root's way there (an
//   earlier sibling ends before it starts, and an empty node sits only where another one starts or ends), so the
//   descent finds what one from the root finds. The code's braces say where such nodes are: the node a descent to a
//   `{` and the character after it finds, worked out once per brace from the one around it.
// - A walk up goes along one path from the root, kept between questions: the next place shares the part of the path
//   that lies strictly around it, and only the rest is walked down, a level per step.
import type { Node } from 'web-tree-sitter';
import type { Span } from '../text';

export class TreePath {
  /** The nodes from the root down to what a descent to the last place found, root first. */
  private readonly nodes: Node[];
  /** Their types and ends, read when first asked (each read is a call into the wasm module). */
  private readonly types: (string | undefined)[];
  private readonly ends: (number | undefined)[];
  /** How many of `nodes` are the path (the rest are stale). */
  private length = 1;
  private braces: Braces | undefined;

  /** `shallowDepth`: how deep the braces may nest for the tree's own descents and parents to be used (tests set 0). */
  constructor(private readonly root: Node, private readonly code: string, private readonly shallowDepth = defaultShallowDepth) {
    this.nodes = [root];
    this.types = [undefined];
    this.ends = [undefined];
  }

  /** What `root.descendantForIndex(start, end)` finds. */
  descend(start: number, end = start): Node | null {
    return (this.shallow() ? this.root : this.around(start, end)).descendantForIndex(start, end);
  }

  /**
   * Whether the code's braces nest only a few deep: then the tree's own walks cost a few steps each, fewer than the
   * path's bookkeeping (a 10,000-line script read 15 % slower through the path).
   */
  private shallow(): boolean {
    return (this.braces ??= new Braces(this.code)).depth <= this.shallowDepth;
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
    const found = this.descend(offset);
    if (!found || found.id === node.id) return kept;
    while (node.id !== found.id) {
      const child = node.childWithDescendant(found);
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

  /**
   * A node strictly around `start`…`end`, as deep as the braces around it tell, or the root. Only a few pairs up are
   * tried, each node worked out from those around it that are known (`known`: none worked out anew): where braces in
   * strings or an error's flat node make the pairs' nodes miss the place (thousands of unclosed braces), the root serves.
   */
  private around(start: number, end: number, known = false): Node {
    const braces = (this.braces ??= new Braces(this.code));
    for (let pair = braces.innermost(start), tried = 0; pair >= 0 && tried < pairsTried; pair = braces.parents[pair], tried++) {
      const node = known ? braces.nodes[pair] : this.braceNode(braces, pair);
      if (node && node.startIndex < start && end < braces.nodeEnd(pair)) return node;
    }
    return this.root;
  }

  /** The node a descent to the brace pair's `{` and the character after it finds (the few pairs around it first). */
  private braceNode(braces: Braces, pair: number): Node {
    const known = braces.nodes[pair];
    if (known) return known;
    const unknown: number[] = [];
    for (let at = pair; at >= 0 && !braces.nodes[at] && unknown.length < pairsTried; at = braces.parents[at]) unknown.push(at);
    // Outermost first: each descent then starts from the node of the one around it.
    for (let i = unknown.length - 1; i >= 0; i--) {
      const open = braces.opens[unknown[i]];
      braces.nodes[unknown[i]] = this.around(open, open + 2, true).descendantForIndex(open, open + 2) ?? this.root;
    }
    return braces.nodes[pair] as Node;
  }
}

/** How many brace pairs up from a place `TreePath` tries, and works out at once. */
const pairsTried = 4;
/** How deep the braces may nest for `TreePath` to leave descents and parents to the tree. */
const defaultShallowDepth = 32;

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
 * The code's `{ }` pairs, matched by counting (a brace in a string or a comment may pair wrongly: a pair's node is only
 * used where it lies strictly around a place), each as the span from just after its `{` to just after its `}` (the
 * end of the code where none closes it): the places strictly inside its node, where the node is the block.
 */
class Braces extends NestedSpans {
  readonly opens: number[];
  /** How deep the pairs nest. */
  readonly depth: number;
  /** Each pair's node (see `TreePath.braceNode`) and its end, once worked out. */
  readonly nodes: (Node | undefined)[];
  private readonly ends: (number | undefined)[];

  constructor(code: string) {
    const pairs: Span[] = [];
    const open: Span[] = [];
    const pattern = /[{}]/g;
    let depth = 0;
    for (let match = pattern.exec(code); match; match = pattern.exec(code)) {
      if (match[0] === '{') {
        const pair = { start: match.index + 1, end: code.length + 1 };
        pairs.push(pair);
        open.push(pair);
        depth = Math.max(depth, open.length);
      } else {
        const pair = open.pop();
        if (pair) pair.end = match.index + 1;
      }
    }
    super(pairs);
    this.depth = depth;
    this.opens = pairs.map((pair) => pair.start - 1);
    this.nodes = pairs.map(() => undefined);
    this.ends = pairs.map(() => undefined);
  }

  nodeEnd(pair: number): number {
    return (this.ends[pair] ??= (this.nodes[pair] as Node).endIndex);
  }
}
