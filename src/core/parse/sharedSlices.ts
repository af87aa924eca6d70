// Cuts of a document's text, one string for every cut of the same characters. A pasted sample writes a few cmdlet
// names, parameter names and words thousands of times; the facts keep a string per use, and every object kept is
// copied by each young-generation collection it lives through. A shared string also has its hash worked out once
// for every look-up by text (the placeholder and path caches).

/** The longest cut shared: longer ones are mostly paths and messages, which seldom recur whole. */
const longestShared = 63;

/** A shared cut, and its lower-case copy once asked for. */
interface Cut {
  text: string;
  lowerCase: string | undefined;
}

export class SharedSlices {
  /**
   * The last cut made for each length and first and last character (a later one replaces an earlier one), with its
   * lower-case copy beside it (a variable's name is looked up in lower case at each use: one look-up finds both).
   */
  private readonly cuts = new Map<number, Cut>();

  constructor(private readonly text: string) {}

  /** `text.slice(start, end)`, the string of an earlier cut of the same characters where there is one. */
  slice(start: number, end: number): string {
    return end - start <= 0 || end - start > longestShared ? this.text.slice(start, end) : this.sharedCut(start, end).text;
  }

  /** `slice(start, end).toLowerCase()`, shared likewise. */
  lowerCaseSlice(start: number, end: number): string {
    if (end - start <= 0 || end - start > longestShared) return this.text.slice(start, end).toLowerCase();
    const cut = this.sharedCut(start, end);
    cut.lowerCase ??= cut.text.toLowerCase();
    return cut.lowerCase;
  }

  /** The cut of 1 to `longestShared` characters from `start` to `end`. */
  private sharedCut(start: number, end: number): Cut {
    const key = ((end - start) << 24) | ((this.text.charCodeAt(start) & 0xfff) << 12) | (this.text.charCodeAt(end - 1) & 0xfff);
    const known = this.cuts.get(key);
    // Of the same length, so the same characters when the text holds it here.
    if (known !== undefined && this.text.startsWith(known.text, start)) return known;
    const cut: Cut = { text: this.text.slice(start, end), lowerCase: undefined };
    this.cuts.set(key, cut);
    return cut;
  }
}
