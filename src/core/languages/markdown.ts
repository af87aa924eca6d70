// Markdown: runbooks, wikis and documentation. Each fenced code block tagged with a language the linter reads is read
// by that language's reader, from the document's text with everything else blanked, so positions are the Markdown
// file's own. A runbook's PowerShell (or shell) blocks are read together, as the script its steps run from the top
// (one by one when together they do not parse); each JSON or HTTP block is a document of its own.
import { emptyFacts, type FileFacts, type Suppression } from '../facts';
import { fencedBlocks, markdownSuppressions, maskedText, type FencedBlock } from '../parse/markdown';
import { defineLanguage, type Language, type Notice, type ReadInput, type Reading } from './language';

interface BlockGroup {
  language: Language;
  blocks: FencedBlock[];
}

/** The language that reads a block with this tag, if any. */
export function languageForTag(embedded: readonly Language[], tag: string): Language | undefined {
  return tag === '' ? undefined : embedded.find((language) => language.fence?.tags.includes(tag));
}

/** The blocks each read covers: a language's blocks together when it says so, else one read per block. */
function groups(text: string, blocks: readonly FencedBlock[], embedded: readonly Language[]): BlockGroup[] {
  const together = new Map<Language, FencedBlock[]>();
  const single: BlockGroup[] = [];
  for (const block of blocks) {
    const language = languageForTag(embedded, block.tag);
    if (!language) continue;
    if (language.fence?.together) together.set(language, [...(together.get(language) ?? []), block]);
    else if (language.relevant.test(text.slice(block.start, block.end))) single.push({ language, blocks: [block] });
  }
  // A script's blocks matter when any of them does: one may only set the variables the next one uses.
  const scripts = [...together].map(([language, group]) => ({ language, blocks: group }))
    .filter((group) => group.blocks.some((block) => group.language.relevant.test(text.slice(block.start, block.end))));
  return [...scripts, ...single];
}

/** The block whose lines hold `line`, among blocks in document order. */
function blockOfLine(blocks: readonly FencedBlock[], line: number): FencedBlock | undefined {
  let low = 0;
  let high = blocks.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (blocks[middle].lastLine < line) low = middle + 1;
    else if (blocks[middle].firstLine > line) high = middle - 1;
    else return blocks[middle];
  }
  return undefined;
}

/** A file-wide suppression written inside a block holds for that block: the file it stands for. */
function withinBlock(suppression: Suppression, blocks: readonly FencedBlock[]): Suppression {
  const block = suppression.scope === 'file' ? blockOfLine(blocks, suppression.line) : undefined;
  return block ? { codes: suppression.codes, scope: 'lines', line: block.firstLine, lastLine: block.lastLine } : suppression;
}

function append<T>(into: T[], from: readonly T[]): void {
  // One at a time: spreading a large document's many thousands of values as arguments overflows the stack.
  for (const item of from) into.push(item);
}

function addFacts(into: FileFacts, from: FileFacts, blocks: readonly FencedBlock[]): void {
  append(into.cmdlets, from.cmdlets);
  append(into.registrations, from.registrations);
  append(into.billingModels, from.billingModels);
  append(into.tenantOperations, from.tenantOperations);
  append(into.resourceIds, from.resourceIds);
  append(into.apiVersions, from.apiVersions);
  append(into.values, from.values);
  append(into.secrets, from.secrets);
  append(into.suppressions, from.suppressions.map((s) => withinBlock(s, blocks)));
  into.checksCloudId ||= from.checksCloudId;
  if (from.syntaxErrors) into.syntaxErrors = true;
}

/**
 * Characters read, at most, when a script's blocks are read again one by one: each read covers the whole (blanked)
 * document, so this bounds blocks × length and keeps the reading linear in the document's size.
 */
const blockByBlockBudget = 8_000_000;

/**
 * Reads a group's blocks. When a script's blocks together do not parse, they are read again one by one (within the
 * budget), so that one broken step, such as an unclosed brace, does not swallow the steps after it in the parser's
 * error recovery; the steps then no longer share their variables.
 */
async function readGroup(input: ReadInput<unknown>, { language, blocks }: BlockGroup): Promise<{ reading: Reading<unknown>; blocks: FencedBlock[] }[]> {
  const read = (some: FencedBlock[]) => language.read({ uri: input.uri, text: maskedText(input.text, some), wasmDir: input.wasmDir, keepForNextRead: false });
  const whole = await read(blocks);
  if (!whole.facts.syntaxErrors || blocks.length === 1 || blocks.length * input.text.length > blockByBlockBudget) return [{ reading: whole, blocks }];
  const readings = [];
  for (const block of blocks) readings.push({ reading: await read([block]), blocks: [block] });
  return readings;
}

async function read(input: ReadInput<unknown>, embedded: readonly Language[]): Promise<Reading<unknown>> {
  const { text } = input;
  const blocks = fencedBlocks(text);
  const facts: FileFacts = { ...emptyFacts(), embedded: [] };
  let notice: Notice | undefined;
  for (const group of groups(text, blocks, embedded)) {
    for (const { reading, blocks: read } of await readGroup(input, group)) {
      addFacts(facts, reading.facts, read);
      facts.embedded?.push(...read.map((block) => ({ kind: group.language.kind, start: block.start, end: block.end })));
      notice ??= reading.notice;
    }
  }
  facts.suppressions.push(...markdownSuppressions(text, blocks));
  return { facts, ...(notice ? { notice } : {}) };
}

/** Markdown, reading the code blocks of the `embedded` languages. */
export function markdownLanguage(embedded: readonly Language[]) {
  return defineLanguage({
    kind: 'markdown',
    extensions: ['md', 'markdown'],
    languageIds: ['markdown'],
    relevant: new RegExp(embedded.map((language) => language.relevant.source).join('|'), 'i'),
    read: (input: ReadInput<unknown>) => read(input, embedded),
  });
}
