// What the editor has handed over of each document's diagnostics, without VS Code (src/vscode/diagnostics.ts hands
// them over): what each part shows, the lines edited since, and which publish of a document is the latest. A publish
// plans from these (shownParts.ts), hands its parts over one per turn, and may be overtaken half-way by a newer
// publish of the same document, of the same version too (Azure's answers arriving): the lines edited are forgotten
// only once a publish handed every part over, since until then some parts still show them as the workbench moved them.
import type { ShownFinding } from './lintWorker';
import { planParts, withEdit, type EditedLines, type PartsPlan, type ShownPart } from './shownParts';

export class PublishedParts<P extends ShownPart> {
  /** What each part shows of each document (undefined: not known, so it is handed over again). */
  private readonly shown = new Map<string, (P | undefined)[]>();
  /** The lines edited in each document since a publish last handed every part over. */
  private readonly edited = new Map<string, EditedLines>();
  /**
   * Each document's latest publish: an older one still under way stops, leaving what it handed over to the newer. Turns
   * are counted over all documents, so a publish of a document forgotten and shown again is never the latest again.
   */
  private readonly turns = new Map<string, number>();
  private lastTurn = 0;

  constructor(private readonly partCount: number, private readonly size: number) {}

  /** Keeps the lines an edit touched, while the document's diagnostics are shown: parts there are handed over again. */
  edit(key: string, startLine: number, endLine: number, newLines: boolean): void {
    if (this.shown.has(key)) this.edited.set(key, withEdit(this.edited.get(key), startLine, endLine, newLines));
  }

  /** Starts publishing these findings and notes of the document: a publish of it still under way is no longer the latest. */
  start(key: string, findings: readonly ShownFinding[], notes: string): Publish<P> {
    const turn = ++this.lastTurn;
    this.turns.set(key, turn);
    const before = this.shown.get(key) ?? [];
    return new Publish(before, planParts(before, findings, notes, this.edited.get(key), this.partCount, this.size), {
      latest: () => this.turns.get(key) === turn,
      handingOver: (now) => this.shown.set(key, now),
      handedOver: () => this.edited.delete(key),
    });
  }

  /** Forgets what the document shows and how it was edited (it is closed, or its diagnostics deleted). */
  forget(key: string): void {
    this.shown.delete(key);
    this.edited.delete(key);
    this.turns.delete(key);
  }

  /** Forgets what every document shows (the linter was turned off); publishes under way still stop when overtaken. */
  clear(): void {
    this.shown.clear();
    this.edited.clear();
  }
}

/** One publish of a document: its plan, and what its parts show as it hands them over. */
export class Publish<P extends ShownPart> {
  /** What each part shows once this publish began handing them over: the parts it has not handed over show what they showed. */
  private now: (P | undefined)[] | undefined;

  constructor(private readonly before: readonly (P | undefined)[], readonly plan: PartsPlan, private readonly book: {
    latest(): boolean;
    handingOver(now: (P | undefined)[]): void;
    handedOver(): void;
  }) {}

  /** True while no newer publish of the document started. */
  get latest(): boolean {
    return this.book.latest();
  }

  /** What each part shows now. */
  get parts(): readonly (P | undefined)[] {
    return this.now ?? this.before;
  }

  /** Records what a part shows now it was handed over (undefined: cleared, or left empty). */
  show(part: number, shown: P | undefined): void {
    if (!this.now) {
      this.now = [...this.before];
      this.book.handingOver(this.now);
    }
    this.now[part] = shown;
  }

  /** Every part was handed over: the lines edited before are shown where they are now. */
  done(): void {
    this.book.handedOver();
  }
}
