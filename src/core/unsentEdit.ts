// The edits made to a document since its text was last read, kept as one span, so that a large document read after a
// pause in typing is parsed incrementally too: tree-sitter then reparses only around the span (the linter's CPU per
// read of the dense 1 MB script ≈ 530 → 340 ms). The editor keeps the edits since it last sent the text; the linter
// keeps those of texts it skipped unread (typing overtook them), so that the next text's read is incremental as well.
// A span that does not turn the text read into the new one only costs a full parse (the parser checks it).
import type { TextChange } from './lint';

/** Where the edits lie in the document's text now (`start`–`end`), and how much longer they made it. */
export interface UnsentEdit {
  start: number;
  end: number;
  grown: number;
}

/** The span with one more change: `start`–`end` of the text before it replaced by `inserted` characters. */
export function withChange(edit: UnsentEdit | undefined, start: number, end: number, inserted: number): UnsentEdit {
  const grown = inserted - (end - start);
  if (!edit) return { start, end: start + inserted, grown };
  // Text after the change moves by what it grew; text before it stays.
  return { start: Math.min(edit.start, start), end: Math.max(edit.end, end) + grown, grown: edit.grown + grown };
}

/**
 * The span with one more edit's changes, all places in the text before that edit (as an editor's several cursors
 * make them): taken last first, each leaves the others' places as they were. Undefined only when there is no change.
 */
export function withChanges(edit: UnsentEdit | undefined, changes: readonly TextChange[]): UnsentEdit | undefined {
  const lastFirst = [...changes].sort((a, b) => b.start - a.start);
  for (const change of lastFirst) edit = withChange(edit, change.start, change.end, change.text.length);
  return edit;
}

/** The span as one change of the text last sent, `text` being the document's text now. */
export function asChange(edit: UnsentEdit, text: string): TextChange {
  return { start: edit.start, end: edit.end - edit.grown, text: text.slice(edit.start, edit.end) };
}
