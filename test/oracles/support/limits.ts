// The limits of our PowerShell reader that test/oracles/LIMITS.md lists: the disagreements with PowerShell's parser
// the oracle tests expect. Each row of its table names the limit, the kinds of disagreement it explains, a pattern the
// lines of the disagreement match, a script that shows it (JSON) and why it stays.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../unit/core/support/wasm';
import type { Span } from '../../../src/core/text';
import type { Disagreement, DisagreementKind } from './compare';

export interface Limit {
  name: string;
  kinds: DisagreementKind[];
  pattern: RegExp;
  /** A script that shows it (the generated scripts leave such constructs out). */
  example: string;
  why: string;
}

export const limitsFile = 'test/oracles/LIMITS.md';

/** The cells of a Markdown table row; `\|` is a bar inside a cell. */
function cells(row: string): string[] {
  return row.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((cell) => cell.trim().replaceAll('\\|', '|'));
}

export function readLimits(): Limit[] {
  const rows = readFileSync(join(repoRoot, limitsFile), 'utf8').split('\n').filter((line) => line.startsWith('| `'));
  return rows.map((row) => {
    const [name, kinds, pattern, example, why] = cells(row);
    const code = (cell: string) => /^`(.*)`$/.exec(cell)?.[1] ?? cell;
    return {
      name: code(name),
      kinds: kinds.split(',').map((kind) => code(kind.trim()) as DisagreementKind),
      pattern: new RegExp(code(pattern), 'u'),
      example: JSON.parse(code(example)) as string,
      why,
    };
  });
}

/**
 * What a limit's pattern is tested against: the whole lines a disagreement is on, those of the places it concerns, and
 * those of the region the grammar could not parse around it (its error recovery may swallow what follows a construct).
 */
export function linesOf(text: string, disagreement: Disagreement, unparsed: readonly Span[]): string {
  const spans = [disagreement.span, ...(disagreement.context ?? [])];
  spans.push(...unparsed.filter((e) => spans.some((s) => e.start <= s.end && s.start <= e.end)));
  const from = Math.min(...spans.map((s) => s.start));
  const to = Math.max(...spans.map((s) => s.end));
  const start = Math.max(text.lastIndexOf('\n', from - 1), text.lastIndexOf('\r', from - 1)) + 1;
  const end = text.slice(to).search(/[\r\n]/);
  return text.slice(start, end < 0 ? text.length : to + end);
}

/** The listed limit that explains a disagreement, if any: its pattern matches the lines, or what PowerShell says. */
export function limitFor(limits: readonly Limit[], text: string, disagreement: Disagreement, unparsed: readonly Span[]): Limit | undefined {
  const lines = linesOf(text, disagreement, unparsed);
  return limits.find((limit) => limit.kinds.includes(disagreement.kind) && (limit.pattern.test(lines) || limit.pattern.test(disagreement.powershell)));
}
