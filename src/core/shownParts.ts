// Which parts of a document's shown findings the editor hands over again after a read. The editor shows them in parts
// of a fixed size, one diagnostic collection per part (src/vscode/diagnostics.ts); handing a part over costs the
// extension host's thread and the workbench's (it converts, sends and decorates every diagnostic of the part). Typing
// in a large document changes the findings near the edit and leaves most others as they were: a part whose findings
// come back unchanged, and whose lines were not edited since, is kept as it is shown.
import type { LineRange, ShownFinding } from './lintWorker';

/** What one part shows of a document: its findings, in file order, and the lines their ranges span. */
export interface ShownPart {
  findings: readonly ShownFinding[];
  /** The notes shown after the findings (the last part holds them), as one text to compare. */
  notes: string;
  firstLine: number;
  lastLine: number;
}

/** The lines edited since the parts were handed over (`lastLine` Infinity once lines were added or removed). */
export interface EditedLines {
  firstLine: number;
  lastLine: number;
}

export interface PartsPlan {
  /** Per part: kept as shown (true), or to be handed over again. */
  kept: boolean[];
  /** Per part: the findings it shows now, as indexes into the new findings (in file order; empty: none). */
  indexes: number[][];
}

/**
 * Splits `findings` into `partCount` parts of at most `size`: a part shown before keeps what it shows when it was
 * full, each of its findings comes back unchanged (other findings may now stand between them), and no line it spans
 * was edited (its diagnostics, which the workbench moves as the user types, stand where they did); the other
 * findings go, in order, to the other parts. Only full parts are kept, so the others always have room for the rest.
 * The last part also holds the notes.
 */
export function planParts(shown: readonly (ShownPart | undefined)[], findings: readonly ShownFinding[], notes: string, edited: EditedLines | undefined, partCount: number, size: number): PartsPlan {
  const places = new Map<string, number[]>();
  findings.forEach((finding, index) => {
    const key = placeOf(finding);
    const same = places.get(key);
    if (same) same.push(index);
    else places.set(key, [index]);
  });
  const taken = new Uint8Array(findings.length);
  const indexes: number[][] = [];
  for (let part = 0; part < partCount; part++) {
    const before = shown[part];
    const keepable = before !== undefined && before.findings.length === size && !touches(edited, before)
      && (part < partCount - 1 || before.notes === notes);
    indexes.push(keepable ? found(before.findings, findings, places, taken) : []);
  }
  const kept = indexes.map((part) => part.length > 0);
  const rest = findings.map((_, index) => index).filter((index) => taken[index] === 0);
  for (let part = 0, next = 0; part < partCount; part++) {
    if (kept[part]) continue;
    indexes[part] = rest.slice(next, next + size);
    next += indexes[part].length;
  }
  return { kept, indexes };
}

/** The lines a part's diagnostics span (related places are not drawn in the editor). */
export function linesOf(findings: readonly ShownFinding[]): { firstLine: number; lastLine: number } {
  let firstLine = Infinity;
  let lastLine = -Infinity;
  for (const { range } of findings) {
    firstLine = Math.min(firstLine, range[0]);
    lastLine = Math.max(lastLine, range[2]);
  }
  return { firstLine, lastLine };
}

/** The edited lines with one more edit: from `startLine` to `endLine` (before it), `newLines` line breaks inserted. */
export function withEdit(edited: EditedLines | undefined, startLine: number, endLine: number, newLines: boolean): EditedLines {
  return {
    firstLine: Math.min(edited?.firstLine ?? Infinity, startLine),
    lastLine: newLines || endLine !== startLine ? Infinity : Math.max(edited?.lastLine ?? -Infinity, endLine),
  };
}

function touches(edited: EditedLines | undefined, part: ShownPart): boolean {
  return edited !== undefined && part.firstLine <= edited.lastLine && edited.firstLine <= part.lastLine;
}

/** Where each of `wanted` stands among `findings`, none of them taken before (they are now); empty when one is not there. */
function found(wanted: readonly ShownFinding[], findings: readonly ShownFinding[], places: ReadonlyMap<string, number[]>, taken: Uint8Array): number[] {
  const at: number[] = [];
  for (const finding of wanted) {
    const index = places.get(placeOf(finding))?.find((candidate) => taken[candidate] === 0 && sameFinding(findings[candidate], finding));
    if (index === undefined) break;
    taken[index] = 1;
    at.push(index);
  }
  if (at.length === wanted.length) return at;
  for (const index of at) taken[index] = 0;
  return [];
}

/** Where a finding stands and what it is: findings that differ in these differ. */
function placeOf({ range, code }: ShownFinding): string {
  return `${range.join()} ${code}`;
}

function sameFinding(a: ShownFinding, b: ShownFinding): boolean {
  return sameRange(a.range, b.range) && a.code === b.code && a.message === b.message && a.severity === b.severity
    && a.moreRelated === b.moreRelated && a.related.length === b.related.length
    && a.related.every((place, index) => place.uri === b.related[index].uri && place.message === b.related[index].message && sameRange(place.range, b.related[index].range));
}

function sameRange(a: LineRange, b: LineRange): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}
