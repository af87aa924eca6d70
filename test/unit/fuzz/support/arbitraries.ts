// What the fuzzer feeds the linter: random text, and realistic documents (seeds.ts) broken in the ways real files
// break — cut off, a quote or brace lost or doubled, a huge pasted value, odd Unicode, absurd nesting, NUL bytes,
// lines swapped, line endings mixed. A mutation is plain data (positions are taken modulo the text's length), so a
// counterexample prints short and shrinks well; the big strings are only built when a mutation is applied.
import fc from 'fast-check';
import type { DocumentKind } from '../../../../src/core/lint';
import { seeds, type Seed } from './seeds';

/** Words that make a document worth parsing (see `relevance` in lint.ts) and pieces of the syntax the parsers read. */
export const tokens = [
  'AzureStack', 'Microsoft.AzureStack', '/registrations/', '/customerSubscriptions/', 'customerSubscriptions', 'registrationName',
  'tenantId', 'deploymentParameters', 'Set-AzsRegistration ', 'New-AzResource ', 'Remove-AzResource ', 'Get-AzResource ',
  'New-AzureRmResource ', 'Login-AzureRmAccount', 'Invoke-RestMethod ', 'ConvertTo-SecureString ', ' -AsPlainText', ' -BillingModel ',
  'Capacity', 'PayAsYouGo', ' -ResourceId ', ' -ApiVersion ', '2016-01-01', '?api-version=', '/subscriptions/', '/resourceGroups/',
  '/providers/', '00000000-0000-0000-0000-000000000000', 'xxxxxxxx-xxxx', '<your-subscription-id>', '{subscriptionId}',
  '"tenantId": ', '"type": "Microsoft.AzureStack/registrations/customerSubscriptions", ', '"apiVersion": ', '[concat(', "parameters('",
  "')]", '[resourceId(', 'PUT https://management.azure.com', 'GET ', 'DELETE ', '\n###\n', '@name = ', '{{name}}', '{{$guid}}',
  'az rest --method put --url ', ' --body ', 'az resource create --ids ', '\\\n', '$(', '${', '@{', '@(', '@"\n', '\n"@', "@'\n",
  "\n'@", '`', '`"', '<#', '#>', '# azs-disable-next-line AZS102\n', '// azs-disable AZS401\n', '# azs-disable\n', 'CloudDeploymentID',
  '$x = ', '$registrationName', 'function F { ', ' }', 'foreach ($c in $list) { ', '| ', ';', ',', ':', '=', '\t', ' ', '\n', '\r\n', '\r',
] as const;

/** Unicode that parsers and offset arithmetic trip over. */
const oddUnicode = [
  '\u0301\u0308\u0323', 'e\u0301', '😀', '👩🏽‍💻', '𝔄𝔷𝔲𝔯𝔢', '\u202Eevil\u202C', 'שלום', 'مرحبا', '\u200F\u200E', '\u200B', '\u200D',
  '\uFEFF', '\u2028', '\u2029', '\u0085', '\u00A0', '\u201Cquoted\u201D', '\u2018single\u2019', '\uD800', '\uDFFF', '\uDBFF\uDFFF',
  '\uFFFD', '\uFFFF', 'İı', 'ß', 'ﬃ', '\u0000', '\u001B[31m', '\u007F',
] as const;

/** Lone UTF-16 code units (surrogates included), which `fc.string` never makes on its own. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** Random text of every sort: ASCII, any code point, grapheme clusters, raw code units, tokens and odd Unicode. */
export const randomText: fc.Arbitrary<string> = fc.array(fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-composite', maxLength: 10 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 10 }) },
  { weight: 4, arbitrary: fc.constantFrom(...tokens) },
  { weight: 1, arbitrary: fc.constantFrom(...oddUnicode) },
), { maxLength: 200, size: 'medium' }).map((parts) => parts.join(''));

const delimiters = `"'{}[]()`;
/** What huge pasted values are made of: each unit is repeated past 100,000 characters. */
const hugeUnits = [
  ' ', 'a', '"', "'", '{', '/', '\\', '`', '$', '-', '0', '\t', '\n', ' \n', '# note\n  \n', 'x ', 'your ', '/subscriptions/', 'customerSubscriptions/',
  '\u0301', '😀', '<', '{{ ', '@{ ', '$x', '-Force ',
] as const;
const openers = ['[', '@{', '$( ', '{', '(', '{"a":', '@(', '"$(', '{{', '[concat('] as const;
const lineEndings = ['\r\n', '\r', '\n', 'mixed'] as const;

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'deleteDelimiter'; nth: number }
  | { kind: 'doubleDelimiter'; nth: number }
  | { kind: 'insertHuge'; at: number; unit: string; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'nest'; at: number; opener: string; depth: number; closed: boolean }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'deleteLine'; line: number }
  | { kind: 'lineEndings'; style: (typeof lineEndings)[number] };

const at = fc.nat();
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deleteDelimiter' as const), nth: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('doubleDelimiter' as const), nth: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('insertHuge' as const), at, unit: fc.constantFrom(...hugeUnits), length: fc.integer({ min: 100_000, max: 150_000 }) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, text: fc.constantFrom(...oddUnicode) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, text: fc.oneof(fc.constantFrom(...tokens), randomText) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('nest' as const), at, opener: fc.constantFrom(...openers),
      depth: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.constant(10_000)), closed: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteLine' as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lineEndings' as const), style: fc.constantFrom(...lineEndings) }) },
);

const closers: Record<string, string> = { '[': ']', '{': '}', '(': ')', '"': '"', '@': '' };

/** The text that closes `opener` (`@{` → `}`, `"$(` → `)"`, `{"a":` → `}`). */
function closing(opener: string): string {
  return [...opener].reverse().map((c) => closers[c] ?? '').join('');
}

function insertAt(text: string, position: number, inserted: string): string {
  const index = position % (text.length + 1);
  return text.slice(0, index) + inserted + text.slice(index);
}

/** Index of the `nth` delimiter (modulo their number), or -1 when the text has none. */
function delimiterIndex(text: string, nth: number): number {
  const indexes: number[] = [];
  for (let i = 0; i < text.length; i++) if (delimiters.includes(text[i])) indexes.push(i);
  return indexes.length === 0 ? -1 : indexes[nth % indexes.length];
}

function withLines(text: string, change: (lines: string[]) => void): string {
  const lines = text.split('\n');
  change(lines);
  return lines.join('\n');
}

export function applyMutation(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'deleteDelimiter':
    case 'doubleDelimiter': {
      const i = delimiterIndex(text, m.nth);
      if (i < 0) return text;
      return text.slice(0, i) + (m.kind === 'doubleDelimiter' ? text[i] + text[i] : '') + text.slice(i + 1);
    }
    case 'insertHuge':
      return insertAt(text, m.at, m.unit.repeat(Math.ceil(m.length / m.unit.length)));
    case 'insert':
      return insertAt(text, m.at, m.text);
    case 'nest':
      return insertAt(text, m.at, m.opener.repeat(m.depth) + (m.closed ? closing(m.opener).repeat(m.depth) : ''));
    case 'swapLines':
      return withLines(text, (lines) => {
        const a = m.a % lines.length;
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b], lines[a]];
      });
    case 'duplicateLine':
      return withLines(text, (lines) => {
        const i = m.line % lines.length;
        lines.splice(i, 0, lines[i]);
      });
    case 'deleteLine':
      return withLines(text, (lines) => {
        lines.splice(m.line % lines.length, 1);
      });
    case 'lineEndings': {
      const endings = m.style === 'mixed' ? ['\r\n', '\n', '\r'] : [m.style];
      let i = 0;
      return text.replace(/\r\n|\r|\n/g, () => endings[i++ % endings.length]);
    }
  }
}

export interface Document {
  name: string;
  kind: DocumentKind;
  text: string;
}

/**
 * A seed and the mutations that break it, as data: a counterexample then prints as a seed's name and a few
 * mutations, however large the text they make.
 */
export interface Broken {
  seed: string;
  mutations: Mutation[];
}

export function broken(seed: Seed): fc.Arbitrary<Broken> {
  return fc.record({ seed: fc.constant(seed.name), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) });
}

/** A seed broken by its mutations in turn. */
export function documentOf({ seed, mutations }: Broken): Document {
  const original = seeds.find((s) => s.name === seed);
  if (!original) throw new Error(`no seed ${seed}`);
  return { name: original.name, kind: original.kind, text: mutations.reduce(applyMutation, original.text) };
}

export const brokenSeed: fc.Arbitrary<Broken> = fc.constantFrom(...seeds).chain(broken);

/** One to four different seeds, each broken: a workspace in which files see each other's registrations. */
export const brokenWorkspace: fc.Arbitrary<Broken[]> = fc
  .uniqueArray(fc.constantFrom(...seeds), { minLength: 1, maxLength: 4, selector: (s) => s.name })
  .chain((chosen) => fc.tuple(...chosen.map(broken)));

/** A change as an editor reports it: offsets into the text before it (taken modulo the length when applied). */
export interface EditDraft {
  at: number;
  length: number;
  text: string;
}

/** Edits typed into a document: tokens, odd Unicode, line breaks, or a few characters deleted. */
export const editDraft: fc.Arbitrary<EditDraft> = fc.record({
  at: fc.nat(),
  length: fc.oneof(fc.constant(0), fc.nat({ max: 4 }), fc.nat({ max: 200 })),
  text: fc.oneof(fc.constant(''), fc.constantFrom(...tokens), fc.constantFrom(...oddUnicode), fc.string({ unit: 'binary', maxLength: 6 })),
});
