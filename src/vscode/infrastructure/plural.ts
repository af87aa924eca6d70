// Messages with a count: each form is translated whole ("1 row is not valid", "{0} rows are not valid") and the
// display language's plural rules choose, so no message reads "1 are not valid" in English or Swedish.
import * as vscode from 'vscode';

/** `one` when `count` takes the singular in the display language, `other` otherwise (both already translated). */
export function byCount(count: number, one: string, other: string): string {
  return new Intl.PluralRules(vscode.env.language).select(count) === 'one' ? one : other;
}
