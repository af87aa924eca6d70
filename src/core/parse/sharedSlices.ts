// Cuts of a document's text, one string for every cut of the same characters. A pasted sample writes a few cmdlet
// names, parameter names and words thousands of times; the facts keep a string per use, and every object kept is
// copied by each young-generation collection it lives through. A shared string also has its hash worked out once
// for every look-up by text (the placeholder and path caches).

/** The longest cut shared: longer ones are mostly paths and messages, which seldom recur whole. */
const longestShared = 63;

export class SharedSlices {
  /** The last cut made for each length and first and last character (a later one replaces an earlier one). */
  private readonly cuts = new Map<number, string>();
  /** The lower-case copy of each shared cut made so far (a variable's name is looked up in lower case at each use). */
  private readonly lowerCases = new Map<string, string>();

  constructor(private readonly text: string) {}

  /** `text.slice(start, end)`, the string of an earlier cut of the same characters where there is one. */
  slice(start: number, end: number): string {
    const length = end - start;
    if (length <= 0 || length > longestShared) return this.text.slice(start, end);
    const key = (length << 24) | ((this.text.charCodeAt(start) & 0xfff) << 12) | (this.text.charCodeAt(end - 1) & 0xfff);
    const known = this.cuts.get(key);
    // Of the same length, so the same characters when the text holds it here.
    if (known !== undefined && this.text.startsWith(known, start)) return known;
    const cut = this.text.slice(start, end);
    this.cuts.set(key, cut);
    return cut;
  }

  /** `slice(start, end).toLowerCase()`, shared likewise. */
  lowerCaseSlice(start: number, end: number): string {
    const cut = this.slice(start, end);
    if (cut.length > longestShared) return cut.toLowerCase();
    let lowerCase = this.lowerCases.get(cut);
    if (lowerCase === undefined) {
      lowerCase = cut.toLowerCase();
      this.lowerCases.set(cut, lowerCase);
    }
    return lowerCase;
  }
}
