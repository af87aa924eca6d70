// What quick fixes are made of, and the helpers the rules' fixes share: a replacement over the underlined text, the
// comments that disable a rule, the CloudDeploymentID lookup, applying edits. Fixes are text edits computed from a
// finding and the document's text: no editor involved, so the CLI or any other front end can apply them too. Each
// rule's own fixes are in its file (rules/AZS….ts); quickFixes.ts offers them.
import { givenElsewhere, locateElsewhere, locatesOnlyReference, type FileSpan, type Value } from './facts';
import { findPlaceholder, formatRegistrationId, isGuid, parseRegistrationId } from './ids';
import { codeBlockAt, languageOf } from './languages/index';
import { isQuoted, maskedText, type FencedBlock } from './parse/markdown';
import { parseJson } from './parse/jsonSource';
import { shellFacts } from './parse/shell';
import { lineStarts } from './text';
import type { Localized } from './l10n';
import type { DocumentKind, Finding } from './lint';
import type { RuleFinding } from './rules/rule';

export interface FileEdit {
  uri: string;
  start: number;
  end: number;
  newText: string;
  /**
   * The text the edit writes over, where it edits another document than the one fixed (a parameter file): its places
   * are from the linter's last read of that document, which a front end checks against the document as it is now.
   */
  replaces?: string;
}

/** Whether an edit still fits the document it edits: one that names the text it writes over finds it there. */
export function editFits(edit: FileEdit, textAt: (start: number, end: number) => string): boolean {
  return edit.replaces === undefined || textAt(edit.start, edit.end) === edit.replaces;
}

export interface Fix {
  title: Localized;
  edits: FileEdit[];
  /** The fix a user most likely wants: the editor offers it first (and Ctrl+. applies it). */
  preferred?: boolean;
  /** Changes nothing the author meant, so "Fix all" may apply it without asking. */
  safe?: boolean;
  /** `newText` holds snippet placeholders ($1, ${1:…}) for the user to fill in. */
  snippet?: boolean;
}

export interface FixDocument {
  uri: string;
  text: string;
  kind: DocumentKind;
  /**
   * The parser could not read all of it (`LintWorkspace.hasSyntaxErrors`): no line is put into PowerShell then, and
   * no JSON value is replaced, as neither can be placed surely.
   */
  syntaxErrors?: boolean;
}

/**
 * The data of a rule whose fix writes one text over what its finding underlines, or over the value where another
 * document writes it (`writtenIn`: the parameter file that gives a value the template uses).
 */
export interface Replacement extends WhereWritten {
  replacement: string;
}

/** Where a fix writes when another document writes the value the finding is about; over what it underlines when absent. */
export interface WhereWritten {
  /** The place, and the text written there (the value: a copy without escapes). */
  writtenIn?: FileSpan & { text: string };
}

/**
 * One edit that writes `newText` over the value the finding is about: where another document writes it when the
 * finding's data says so (`Replacement.writtenIn`), else over what the finding underlines.
 */
export function replace(document: FixDocument, finding: Pick<RuleFinding<WhereWritten | undefined>, 'start' | 'end' | 'data'>, newText: string): FileEdit[] {
  const elsewhere = finding.data?.writtenIn;
  return [elsewhere
    ? { uri: elsewhere.uri, start: elsewhere.start, end: elsewhere.end, newText, replaces: elsewhere.text }
    : { uri: document.uri, start: finding.start, end: finding.end, newText }];
}

/**
 * What a report of a defect in `value` says of where the value is written when another document writes it (the
 * parameter file that gives a template's parameter): that place as related information (`givenIn`), and the fix's
 * data, to write there (`writtenIn`). No data when the other document writes only a piece of the value, or writes it
 * with escapes: the reference here is then all a fix could write over, and the template would ignore its parameter
 * from then on. When this document writes the value, the data as it is, unless only the reference that brings it in
 * can be found (`$t`, `[variables('w')]` whose string holds an escape): a literal written there would replace it.
 */
export function replacementWhereWritten<D extends WhereWritten>(value: Value, data: D | undefined): { givenIn?: FileSpan; data?: D } {
  const given = givenElsewhere(value);
  if (!given) return data && !locatesOnlyReference(value) ? { data } : {};
  const written = data && locateElsewhere(value);
  return written ? { givenIn: given, data: { ...data, writtenIn: { ...written, text: value.text } } } : { givenIn: given };
}

/**
 * The fix that writes the finding's `replacement` over what it underlines, titled `title` with `{replacement}` filled
 * in; none when there is no replacement, or it is no single name.
 */
export function replacementFix(document: FixDocument, finding: RuleFinding<Partial<Replacement> | undefined>, title: Localized, safe: boolean): Fix[] {
  const replacement = finding.data?.replacement;
  // A declared value may itself hold a placeholder, or (read from a broken file) more than one name: copying it in
  // would trade one finding for another.
  if (!replacement || findPlaceholder(replacement) || !/^[\w.()-]+$/.test(replacement)) return [];
  return [{ title: fill(title, { replacement }), edits: replace(document, finding, replacement), preferred: true, safe }];
}

/** A title with its `{name}` placeholders filled in, in both languages. */
export function fill(text: Localized, values: Record<string, string>): Localized {
  const apply = (s: string) => s.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  return { en: apply(text.en), sv: apply(text.sv) };
}

/**
 * The Markdown code block that holds `offset`, as the document its language reads (the Markdown text with all else
 * blanked, so offsets stay the Markdown file's): fixes are worked out on it and edit the block. Any other document
 * as it is; undefined for Markdown outside a block.
 */
export function fixTarget(document: FixDocument, offset: number): FixDocument | undefined {
  if (document.kind !== 'markdown') return document;
  const found = codeBlockAt(document.text, offset);
  if (!found) return undefined;
  const view = blockView(document.text, found.block, found.kind);
  // A JSON block is told apart from the others: JSON snippets in documentation are often cut short (`...`). A line put
  // into a quoted block would lack its `>`: such a block is taken as one whose lines cannot be placed surely.
  const syntaxErrors = isQuoted(found.block) || (found.kind === 'json' ? view.jsonErrors : document.syntaxErrors === true);
  return { uri: document.uri, text: view.text, kind: found.kind, syntaxErrors };
}

/** The views of the last Markdown text's blocks, kept: fixes ask once per finding, and each view is the file's size. */
let lastViews: { text: string; byStart: Map<number, { text: string; jsonErrors: boolean }> } | undefined;

function blockView(text: string, block: FencedBlock, kind: DocumentKind): { text: string; jsonErrors: boolean } {
  if (lastViews?.text !== text) lastViews = { text, byStart: new Map() };
  let view = lastViews.byStart.get(block.start);
  if (!view) {
    const masked = maskedText(text, [block]);
    view = { text: masked, jsonErrors: kind === 'json' && parseJson(masked).source.hasErrors };
    lastViews.byStart.set(block.start, view);
  }
  return view;
}

/**
 * "Disable AZSnnn for this line" and "… for this file". JSON gets them only when it may hold comments (JSONC and
 * ARM templates, which Azure reads with comments): `allowsComments`.
 */
export function suppressionFixes(document: FixDocument, finding: Finding, allowsComments: boolean): Fix[] {
  if (document.kind === 'markdown') return codeBlockSuppressionFixes(document, finding);
  const comment = languageOf(document.kind).lineComment;
  if (!comment || (document.kind === 'json' && !allowsComments)) return [];
  const eol = lineEnding(document.text);
  const fileOffset = firstCodeLine(document);
  const line = lineSuppression(document, comment, finding, eol);
  return [
    ...(line ? [{ title: { en: `Disable ${finding.code} for this line`, sv: `Stäng av ${finding.code} för den här raden` }, edits: [line] }] : []),
    {
      title: { en: `Disable ${finding.code} for this file`, sv: `Stäng av ${finding.code} för hela filen` },
      edits: [{ uri: document.uri, start: fileOffset, end: fileOffset, newText: `${comment} azs-disable ${finding.code}${eol}` }],
    },
  ];
}

/**
 * In a Markdown code block: a comment line in the block (not in JSON, whose snippets are copied as they are), and an
 * HTML comment before the block, which the rendered page does not show.
 */
function codeBlockSuppressionFixes(document: FixDocument, finding: Finding): Fix[] {
  const block = fixTarget(document, finding.start);
  const found = codeBlockAt(document.text, finding.start);
  if (!block || !found) return [];
  const eol = lineEnding(document.text);
  const comment = languageOf(block.kind).lineComment;
  // No comment line in JSON (snippets are copied as they are) nor in a block quote (it would lack its `>`).
  const line = comment && block.kind !== 'json' && !isQuoted(found.block) ? lineSuppression(block, comment, finding, eol) : undefined;

  return [
    ...(line ? [{ title: { en: `Disable ${finding.code} for this line`, sv: `Stäng av ${finding.code} för den här raden` }, edits: [line] }] : []),
    {
      title: { en: `Disable ${finding.code} for this code block`, sv: `Stäng av ${finding.code} för det här kodblocket` },
      // With the fence's indentation and quote marks, so that it stays in the list item or block quote.
      edits: [{ uri: document.uri, start: found.block.fenceStart, end: found.block.fenceStart, newText: `${found.block.prefix}<!-- azs-disable ${finding.code} -->${eol}` }],
    },
  ];
}

/**
 * The comment that silences the finding's line: a comment line above it, with its indentation. A line that continues
 * the one above (a backtick at its end in PowerShell, a backslash in a shell script) cannot have a line put between
 * them, which would end the command: PowerShell gets a block comment before that backtick, a shell script nothing.
 */
function lineSuppression(document: FixDocument, comment: string, finding: Finding, eol: string): FileEdit | undefined {
  const { text, uri } = document;
  const { start, indent } = lineAt(text, finding.start);
  if (insideText(document, start)) return undefined;
  const directive = `azs-disable-next-line ${finding.code}`;
  const above = start > 0 ? previousLine(text, start) : undefined;
  const last = above && text[above.end - 1];
  if (above && ((document.kind === 'powershell' && last === '`') || (document.kind === 'shell' && last === '\\'))) {
    return document.kind === 'powershell' ? { uri, start: above.end - 1, end: above.end - 1, newText: `<# ${directive} #> ` } : undefined;
  }
  const edit = { uri, start, end: start, newText: `${indent}${comment} ${directive}${eol}` };
  // A shell script's quotes and expansions may run over lines: its own reader says whether the line is a comment there.
  if (document.kind !== 'shell') return edit;
  const line = lineStarts(text.slice(0, start)).length - 1;
  const read = shellFacts(applyEdits(text, [edit])).suppressions;
  return read.some((s) => s.scope === 'nextLine' && s.line === line + 1 && s.codes.includes(finding.code)) ? edit : undefined;
}

/**
 * True when the line at `lineStart` belongs to text that a comment line would become part of, or may: a PowerShell
 * string that runs over several lines (a here-string among them), anywhere in PowerShell the parser could not read,
 * or the body of a REST Client request (after the blank line that ends its headers).
 */
function insideText(document: FixDocument, lineStart: number): boolean {
  if (document.kind === 'powershell') return document.syntaxErrors === true || inPowerShellString(document.text, lineStart);
  if (document.kind !== 'http') return false;
  let inRequest = false;
  let inBody = false;
  for (const line of document.text.slice(0, lineStart).split(/\r\n?|\n/).slice(0, -1)) {
    if (/^###/.test(line)) inRequest = inBody = false;
    else if (!inRequest && /^\s*[A-Z]+\s+\S/.test(line)) inRequest = true;
    else if (inRequest && line.trim() === '') inBody = true;
  }
  return inBody;
}

const doubleQuotes = '"\u201C\u201D\u201E';

/** Offset just past `quote`'s closing quote from `from` on (a doubled quote and, in double quotes, a backtick escape), or -1. */
function quoteEnd(text: string, from: number, quote: string): number {
  const quotes = doubleQuotes.includes(quote) ? doubleQuotes : "'\u2018\u2019\u201A\u201B";
  for (let i = from; i < text.length; i++) {
    if (text[i] === '`' && quotes === doubleQuotes) i++;
    else if (quotes.includes(text[i])) {
      if (!quotes.includes(text[i + 1] ?? '')) return i + 1;
      i++;
    }
  }
  return -1;
}

/**
 * True when a PowerShell string or block comment is open at `offset`: quotes (a doubled quote escapes one, and a
 * backtick does in double quotes), here-strings (`@"` ending a line up to `"@` opening one) and `<# … #>`, with line
 * comments skipped. Subexpressions inside strings are read as string text.
 */
function inPowerShellString(text: string, offset: number): boolean {
  const token = /@(["'\u201C\u201D\u201E\u2018\u2019\u201A\u201B])[ \t]*(?=[\r\n])|<#|#|["'\u201C\u201D\u201E\u2018\u2019\u201A\u201B]/g;
  for (let match = token.exec(text); match && match.index < offset; match = token.exec(text)) {
    const found = match[0];
    let end: number;
    if (found === '#') end = lineEndFrom(text, token.lastIndex);
    else if (found === '<#') {
      const close = text.indexOf('#>', token.lastIndex);
      end = close < 0 ? -1 : close + 2;
    }
    else if (found.startsWith('@')) {
      const closer = new RegExp(`[\\r\\n][${doubleQuotes.includes(match[1]) ? doubleQuotes : "'\u2018\u2019\u201A\u201B"}]@`, 'g');
      closer.lastIndex = token.lastIndex;
      const close = closer.exec(text);
      end = close ? close.index + 3 : -1;
    } else end = quoteEnd(text, token.lastIndex, found);
    if (end < 0 || end > offset) return true;
    token.lastIndex = end;
  }
  return false;
}

function lineEndFrom(text: string, from: number): number {
  const lineEnd = /[\r\n]|$/g;
  lineEnd.lastIndex = from;
  return lineEnd.exec(text)?.index ?? text.length;
}

export function lineEnding(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/** Where a file-wide comment goes: after a shebang or a `#Requires` block, else at the top. */
function firstCodeLine(document: FixDocument): number {
  const match = /^(?:#!.*\r?\n)?(?:#Requires\b.*\r?\n)*/i.exec(document.text);
  return match?.[0].length ?? 0;
}

/** The indentation unit the file uses (a tab, or the smallest run of spaces that opens a line), four spaces by default. */
export function indentUnit(text: string): string {
  if (/^\t/m.test(text)) return '\t';
  const widths = [...text.matchAll(/^( +)\S/gm)].map((m) => m[1].length).filter((w) => w >= 2);
  return ' '.repeat(widths.length ? Math.min(...widths) : 4);
}

/** The line before the one starting at `lineStart` (> 0). */
function previousLine(text: string, lineStart: number): { start: number; end: number; indent: string } {
  return lineAt(text, lineStart - (text.startsWith('\r\n', lineStart - 2) ? 2 : 1));
}

/**
 * The start of the statement whose line starts at `lineStart`: lines before it that a backtick, a pipe, `=`, `(` or
 * a comma at their end carry on to it belong to it, and nothing may go between them.
 */
function statementStart(text: string, lineStart: number): number {
  let start = lineStart;
  for (let above = start > 0 ? previousLine(text, start) : undefined; above && /[`|=(,][ \t]*$/.test(text.slice(above.start, above.end)); above = start > 0 ? previousLine(text, start) : undefined) {
    start = above.start;
  }
  return start;
}

/** Offset of the start of the line holding `offset`, and that line's indentation. */
function lineAt(text: string, offset: number): { start: number; end: number; indent: string } {
  const start = offset <= 0 ? 0 : Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const end = lineEndFrom(text, start);
  return { start, end, indent: /^[ \t]*/.exec(text.slice(start, end))?.[0] ?? '' };
}

/**
 * End of the first block of `#Requires` lines that only blank lines and comments precede, or 0. Read line by line: a
 * single pattern for it backtracked exponentially over blank lines and comments (28 of them took seconds).
 */
function afterRequires(text: string): number {
  const line = /([^\n]*)\n/y;
  let end = 0;
  for (let match = line.exec(text); match; match = line.exec(text)) {
    if (/^#Requires\b/i.test(match[1])) end = line.lastIndex;
    else if (end > 0 || !/^\s*(?:#|$)/.test(match[1])) break;
  }
  return end;
}

/** End of a leading `param(...)` block or `#Requires` lines: nothing may go before them. */
function afterPreamble(text: string): number {
  let offset = afterRequires(text);
  const param = /^\s*(?:\[CmdletBinding\([^)]*\)\]\s*)?param\s*\(/i.exec(text.slice(offset));
  if (param) {
    let depth = 0;
    for (let i = offset + param[0].length - 1; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) {
        const lineEnd = text.indexOf('\n', i);
        offset = lineEnd < 0 ? text.length : lineEnd + 1;
        break;
      }
    }
  }
  return offset;
}

/** PowerShell text that a double-quoted (expandable) string reads as `value`: backtick, `$` and double quotes escaped. */
export function expandableText(value: string): string {
  return value.replace(/[`$"\u201C\u201D\u201E]/g, (c) => `\`${c}`);
}

/** A registration as the lookup names it: each part as PowerShell text for inside a double-quoted string. */
export interface NamedRegistration {
  name: string;
  resourceGroup?: string;
  subscriptionId?: string;
}

const registrationIdOnLine = /\/subscriptions\/([^/"'\s]+)\/resourceGroups\/([^/"'\s]+)\/providers\/Microsoft\.AzureStack\/registrations\/([^/"'\s?]+)/i;

/**
 * The registration a line names, read from a resource ID or from -RegistrationName/-ResourceGroupName arguments.
 * Variables in an ID that the line expands stay variables; an ID in single quotes is taken literally.
 */
function registrationOnLine(line: string): NamedRegistration | undefined {
  const id = registrationIdOnLine.exec(line);
  if (id && !/[$<{]/.test(id[3])) {
    const quote = /['"\u2018\u2019\u201C\u201D](?=[^'"\u2018\u2019\u201C\u201D]*$)/.exec(line.slice(0, id.index))?.[0] ?? '';
    const text = /['\u2018\u2019]/.test(quote) ? expandableText : (part: string) => part;
    return { subscriptionId: text(id[1]), resourceGroup: text(id[2]), name: text(id[3]) };
  }
  const registrationType = /-ResourceType\s+['"]?Microsoft\.AzureStack\/registrations['"]?(?:\s|$)/i.test(line);
  const name = /-RegistrationName\s+['"]?([\w.-]+)/i.exec(line) ?? (registrationType ? /-Name\s+['"]?([\w.-]+)/i.exec(line) : null);
  if (!name) return undefined;
  const group = /-ResourceGroupName\s+['"]?([\w.()-]+)/i.exec(line);
  return { name: name[1], ...(group ? { resourceGroup: group[1] } : {}) };
}

/** The `param(...)` block the script opens with, as text ('' when it has none). */
function paramBlock(text: string): string {
  const start = afterRequires(text);
  const end = afterPreamble(text);
  return end > start ? text.slice(start, end) : '';
}

/**
 * What a script has set up by the time its line at `at` (indented `indent`) runs, read from the text: its parameters,
 * and `$name = …` lines before `at` indented no deeper (the same block or one around it).
 */
class ScriptBefore {
  readonly text: string;
  private readonly params: string;

  constructor(text: string, at: number, private readonly indent: string) {
    this.text = text.slice(0, at);
    this.params = paramBlock(text);
  }

  /** The variable (`$name`) of the first assignment before `at` whose variable matches `name` and value `value` (patterns). */
  assigned(name: string, value = ''): string | undefined {
    const assignment = new RegExp(`^([ \\t]*)(\\$(?:script:)?${name})[ \\t]*=(?!=)[ \\t]*${value}`, 'gim');
    for (const match of this.text.matchAll(assignment)) if (this.indent.startsWith(match[1])) return match[2];
    return undefined;
  }

  /** True when `$name` is a parameter of the script or assigned before `at`. */
  defines(variable: string): boolean {
    const name = /^\$(?:script:)?(\w+)$/i.exec(variable)?.[1];
    return name !== undefined && (new RegExp(`\\$${name}\\b`, 'i').test(this.params) || this.assigned(name) !== undefined);
  }

  /** The argument of the last `-<parameter> <value>` before `at` that `usable` accepts. */
  argument(parameter: string, usable: (value: string) => boolean): string | undefined {
    const pattern = new RegExp(`-${parameter}(?![\\w-])[ \\t]*:?[ \\t]*('[^'\\r\\n]*'|"[^"\`$\\r\\n]*"|\\$\\w+|[\\w.-]+)`, 'gi');
    return [...this.text.matchAll(pattern)].map((m) => m[1]).filter(usable).at(-1);
  }
}

/** What the inserted lines prompt for when the script does not have it. */
const prompts = {
  endpoint: "$privilegedEndpoint = Read-Host -Prompt 'Privileged endpoint of this stamp (ERCS VM name or IP address)'",
  credential: "$cloudAdminCredential = Get-Credential -Message 'CloudAdmin account for the privileged endpoint of this stamp'",
};

/**
 * Lines that set `$stampCloudId` from the privileged endpoint: through the PEP session the script has open, else in a
 * session of their own to the endpoint and with the credential the script gives `Set-AzsRegistration` (never another
 * credential: it may be Azure's), asking for what it does not give.
 */
function stampCloudIdLines(script: ScriptBefore, unit: string): string[] {
  const readStamp = (session: string) => `$stampCloudId = (Invoke-Command -Session ${session} -ScriptBlock { Get-AzureStackStampInformation }).CloudID`;
  const session = script.assigned('\\w+', 'New-PSSession\\b[^\\r\\n]*PrivilegedEndpoint');
  if (session && !new RegExp(`Remove-PSSession\\b[^\\r\\n]*\\${session}\\b`, 'i').test(script.text)) return [readStamp(session)];
  const usable = (value: string) => !/[<>]/.test(value) && (!value.startsWith('$') || script.defines(value));
  const endpoint = script.argument('PrivilegedEndpoint', usable) ?? (script.defines('$PrivilegedEndpoint') ? '$PrivilegedEndpoint' : undefined);
  const credential = script.argument('PrivilegedEndpointCredential', (value) => value.startsWith('$') && usable(value));
  return [
    ...(endpoint ? [] : [prompts.endpoint]),
    ...(credential ? [] : [prompts.credential]),
    `$pepSession = New-PSSession -ComputerName ${endpoint ?? '$privilegedEndpoint'} -ConfigurationName PrivilegedEndpoint -Credential ${credential ?? '$cloudAdminCredential'}`,
    'try {', `${unit}${readStamp('$pepSession')}`, '} finally {', `${unit}Remove-PSSession $pepSession`, '}',
  ];
}

/**
 * True when the ID made of these parts (PowerShell text, perhaps with variables) is a registration ID our own rules
 * accept: the subscription a GUID or a variable, no placeholder, every segment well formed.
 */
function readableId(subscriptionId: string, resourceGroup: string, name: string): boolean {
  // Each part on its own: the all-zero GUID is a placeholder only as a whole value. A variable is none, even written
  // `${name}`, which reads like one.
  const variable = /^\$(?:\{[^}]+\}|[\w:]+)$/.test(subscriptionId);
  if (!(variable || (isGuid(subscriptionId) && !findPlaceholder(subscriptionId))) || findPlaceholder(resourceGroup)) return false;
  return parseRegistrationId(formatRegistrationId({ subscriptionId: '3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37', resourceGroup, registrationName: name })).ok;
}

/** The registration read from Azure: through the script's own variable holding its ID, by ID, or by name. */
function readRegistration(script: ScriptBefore, { name, resourceGroup, subscriptionId }: NamedRegistration): string {
  const idPattern = `["']/subscriptions/[^/'"<>\\r\\n]+/resourceGroups/[^/'"<>\\r\\n]+/providers/Microsoft\\.AzureStack/registrations/${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["'][ \\t]*(?:#.*)?$`;
  const variable = script.assigned('\\w+', idPattern);
  if (variable) return `Get-AzResource -ResourceId ${variable} -ApiVersion 2017-06-01`;
  if (subscriptionId && resourceGroup && readableId(subscriptionId, resourceGroup, name)) {
    return `Get-AzResource -ResourceId "${formatRegistrationId({ subscriptionId, resourceGroup, registrationName: name })}" -ApiVersion 2017-06-01`;
  }
  const group = resourceGroup && !findPlaceholder(resourceGroup) ? ` -ResourceGroupName "${resourceGroup}"` : '';
  return `Get-AzResource -ResourceType 'Microsoft.AzureStack/registrations' -Name "${name}"${group} -ExpandProperties`;
}

/**
 * The CloudDeploymentID check, as a PowerShell block for a registration the file names (AZS501, or a refactoring on
 * any line naming one): it reads the stamp's CloudID through the privileged endpoint and stops when the
 * registration's cloudId differs. Inserted before the first operation on the registration (`before`), after
 * `#Requires` and `param()`, with the file's indentation and line endings. Every variable it uses is set before it
 * or by it. Undefined when the file already looks the stamp up, is no PowerShell, or has syntax errors.
 */
export function cloudIdLookupFix(document: FixDocument, registration: NamedRegistration, before: number): Fix | undefined {
  const { text } = document;
  if (document.kind !== 'powershell' || document.syntaxErrors || findPlaceholder(registration.name) || /Get-AzureStackStampInformation/i.test(text)) return undefined;
  const eol = lineEnding(text);
  const unit = indentUnit(text);
  const preamble = afterPreamble(text);
  const at = lineAt(text, Math.max(statementStart(text, lineAt(text, before).start), preamble));
  const insertAt = Math.max(at.start, preamble);
  if (inPowerShellString(text, insertAt)) return undefined;
  const script = new ScriptBefore(text, insertAt, at.indent);
  const { name } = registration;
  const lines = [
    `# Stop unless this stamp is the one registration '${name.replace(/[\r\n]/g, ' ')}' belongs to: its CloudDeploymentID is the registration's cloudId.`,
    ...stampCloudIdLines(script, unit),
    `$registrationCloudId = (${readRegistration(script, registration)}).Properties.cloudId`,
    'if ($stampCloudId -ne $registrationCloudId) {',
    `${unit}throw "This stamp's CloudDeploymentID $stampCloudId is not the cloudId $registrationCloudId of registration '${name}': use this stamp's registration."`,
    '}',
  ];
  return {
    title: { en: 'Insert CloudDeploymentID lookup', sv: 'Infoga kontroll av CloudDeploymentID' },
    edits: [{ uri: document.uri, start: insertAt, end: insertAt, newText: lines.map((line) => `${at.indent}${line}${eol}`).join('') }],
    preferred: true,
  };
}

/** The lookup for a registration named on the line holding `offset` (the refactoring offered on any such line). */
export function cloudIdLookupAt(document: FixDocument, offset: number): Fix | undefined {
  const { start, end } = lineAt(document.text, offset);
  const named = registrationOnLine(document.text.slice(start, end));
  return named && cloudIdLookupFix(document, named, start);
}

/** How many findings of each rule were fixed, most first: "3 × AZS402, 2 × AZS401". */
export function fixedCounts(fixed: readonly Pick<Finding, 'code'>[]): string {
  const counts = new Map<string, number>();
  for (const { code } of fixed) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b)).map(([code, count]) => `${count} × ${code}`).join(', ');
}

/** `text` with non-overlapping edits of it applied (offsets into `text`). */
export function applyEdits(text: string, edits: readonly Pick<FileEdit, 'start' | 'end' | 'newText'>[]): string {
  let result = '';
  let offset = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    result += text.slice(offset, edit.start) + edit.newText;
    offset = edit.end;
  }
  return result + text.slice(offset);
}
