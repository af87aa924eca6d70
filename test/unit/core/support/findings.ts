// Findings made by hand, shaped as the rules report them, for testing what is done with a finding (its fixes).
import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../src/core/lint';

/** A finding of `code` underlining the first `underlined` in `text`, with the data its rule attaches. */
export function findingOn(text: string, code: string, underlined: string, data?: unknown): Finding {
  const start = text.indexOf(underlined);
  assert.ok(start >= 0, `"${underlined}" is in the text`);
  return { code, severity: 'warning', message: code, start, end: start + underlined.length, azureError: null, related: [], ...(data === undefined ? {} : { data }) };
}
