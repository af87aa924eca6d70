// Positions in fixture text are marked instead of counted: `<!…!>` around each expected finding, `<@…@>` around each
// place a finding's related information points at. The marks are removed before linting.
import type { Span } from '../../../../src/core/text';

export interface Marked {
  text: string;
  findings: Span[];
  related: Span[];
}

export function unmark(source: string): Marked {
  const findings: Span[] = [];
  const related: Span[] = [];
  const open: Record<'!' | '@', number | undefined> = { '!': undefined, '@': undefined };
  let text = '';
  let last = 0;
  for (const match of source.matchAll(/<!|!>|<@|@>/g)) {
    text += source.slice(last, match.index);
    last = match.index + 2;
    const kind = match[0].includes('!') ? '!' : '@';
    if (match[0].startsWith('<')) {
      if (open[kind] !== undefined) throw new Error(`nested ${match[0]} at ${match.index}`);
      open[kind] = text.length;
    } else {
      const start = open[kind];
      if (start === undefined) throw new Error(`${match[0]} without its opening mark at ${match.index}`);
      (kind === '!' ? findings : related).push({ start, end: text.length });
      open[kind] = undefined;
    }
  }
  if (open['!'] !== undefined || open['@'] !== undefined) throw new Error('a mark is not closed');
  return { text: text + source.slice(last), findings, related };
}
