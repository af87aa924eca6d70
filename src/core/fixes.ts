// Quick fixes as text edits, computed from a finding and the document's text: no editor involved, so the CLI or any
// other front end could apply them too. The VS Code layer turns them into code actions.
import { formatRegistrationId } from './ids';
import type { Localized } from './l10n';
import type { DocumentKind, Finding } from './lint';
import { lineStarts, positionAt } from './text';

export interface FileEdit {
  uri: string;
  start: number;
  end: number;
  newText: string;
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
}

const replace = (document: FixDocument, finding: Finding, newText: string): FileEdit[] => [{ uri: document.uri, start: finding.start, end: finding.end, newText }];

function replacementFix(document: FixDocument, finding: Finding, title: Localized, safe: boolean): Fix[] {
  const replacement = finding.data?.replacement;
  if (!replacement) return [];
  return [{ title: fill(title, { replacement }), edits: replace(document, finding, replacement), preferred: true, safe }];
}

function fill(text: Localized, values: Record<string, string>): Localized {
  const apply = (s: string) => s.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  return { en: apply(text.en), sv: apply(text.sv) };
}

/** Text inserted right after the command name (named parameters may come in any order in PowerShell). */
function afterCommandName(document: FixDocument, finding: Finding, newText: string): FileEdit[] {
  return [{ uri: document.uri, start: finding.end, end: finding.end, newText }];
}

const missingParameterSnippets: Record<string, string> = {
  RegistrationName: '-RegistrationName ${1:registration-name}',
  PrivilegedEndpoint: '-PrivilegedEndpoint ${2:AzS-ERCS01}',
  PrivilegedEndpointCredential: '-PrivilegedEndpointCredential ${3:\\$cloudAdminCredential}',
  RegistrationToken: '-RegistrationToken ${4:\\$registrationToken}',
};

/** The fixes the rule of `finding` offers, most useful first. */
export function fixesFor(document: FixDocument, finding: Finding): Fix[] {
  switch (finding.code) {
    case 'AZS101':
      return replacementFix(document, finding, { en: 'Correct the segment to "{replacement}"', sv: 'Rätta segmentet till "{replacement}"' }, true);
    case 'AZS103':
      return replacementFix(document, finding, { en: 'Use the declared "{replacement}"', sv: 'Använd den deklarerade "{replacement}"' }, false);
    case 'AZS104': {
      const missing = (finding.data?.missing ?? '').split(',').filter((m) => m in missingParameterSnippets);
      if (missing.length === 0) return [];
      return [{
        title: { en: `Add ${missing.map((m) => `-${m}`).join(', ')}`, sv: `Lägg till ${missing.map((m) => `-${m}`).join(', ')}` },
        edits: afterCommandName(document, finding, ` ${missing.map((m) => missingParameterSnippets[m]).join(' ')}`),
        preferred: true, snippet: true,
      }];
    }
    case 'AZS201':
    case 'AZS202':
      return replacementFix(document, finding, { en: 'Fix the GUID: {replacement}', sv: 'Rätta GUID:t: {replacement}' }, true);
    case 'AZS301':
      return billingModelEdits(finding);
    case 'AZS302':
      return agreementFix(document, finding);
    case 'AZS303': {
      const title = { en: 'Use PayAsYouUse', sv: 'Använd PayAsYouUse' };
      const suggested = finding.data?.replacement;
      const fixes: Fix[] = suggested && suggested !== 'PayAsYouUse'
        ? [{ title: fill({ en: 'Use {replacement}', sv: 'Använd {replacement}' }, { replacement: suggested }), edits: replace(document, finding, suggested), preferred: true }]
        : [];
      return [...fixes, { title, edits: replace(document, finding, 'PayAsYouUse'), preferred: fixes.length === 0 }];
    }
    case 'AZS401':
      return [{ title: { en: 'Use api-version 2017-06-01', sv: 'Använd api-version 2017-06-01' }, edits: replace(document, finding, '2017-06-01'), preferred: true }];
    case 'AZS402':
      return replacementFix(document, finding, { en: 'Use {replacement}', sv: 'Använd {replacement}' }, true);
    default:
      return [];
  }
}

function billingModelEdits(finding: Finding): Fix[] {
  const edits = finding.data?.edits ? JSON.parse(finding.data.edits) as FileEdit[] : [];
  if (edits.length === 0) return [];
  return [{ title: { en: 'Register with PayAsYouUse', sv: 'Registrera med PayAsYouUse' }, edits, preferred: true }];
}

function agreementFix(document: FixDocument, finding: Finding): Fix[] {
  const capacity = /capacity/i.test(document.text.slice(finding.start, finding.end));
  const parameter = capacity ? '-AgreementNumber ${1:agreement-number}' : '-MsAssetTag ${1:asset-tag}';
  // After the billing model's value, so the parameter that needs it stands beside it.
  const end = document.text.slice(finding.end, finding.end + 1) === "'" || document.text.slice(finding.end, finding.end + 1) === '"' ? finding.end + 1 : finding.end;
  return [{
    title: capacity ? { en: 'Add -AgreementNumber', sv: 'Lägg till -AgreementNumber' } : { en: 'Add -MsAssetTag', sv: 'Lägg till -MsAssetTag' },
    edits: [{ uri: document.uri, start: end, end, newText: ` ${parameter}` }],
    preferred: true, snippet: true,
  }];
}

const commentStart: Record<DocumentKind, string | undefined> = { powershell: '#', shell: '#', http: '#', json: '//' };

/**
 * "Disable AZSnnn for this line" and "… for this file". JSON gets them only when it may hold comments (JSONC and
 * ARM templates, which Azure reads with comments): `allowsComments`.
 */
export function suppressionFixes(document: FixDocument, finding: Finding, allowsComments: boolean): Fix[] {
  const comment = commentStart[document.kind];
  if (!comment || (document.kind === 'json' && !allowsComments)) return [];
  const starts = lineStarts(document.text);
  const { line } = positionAt(starts, finding.start);
  const lineStart = starts[line];
  const indent = /^[ \t]*/.exec(document.text.slice(lineStart))?.[0] ?? '';
  const eol = lineEnding(document.text);
  const fileOffset = firstCodeLine(document);
  return [
    {
      title: { en: `Disable ${finding.code} for this line`, sv: `Stäng av ${finding.code} för den här raden` },
      edits: [{ uri: document.uri, start: lineStart, end: lineStart, newText: `${indent}${comment} azs-disable-next-line ${finding.code}${eol}` }],
    },
    {
      title: { en: `Disable ${finding.code} for this file`, sv: `Stäng av ${finding.code} för hela filen` },
      edits: [{ uri: document.uri, start: fileOffset, end: fileOffset, newText: `${comment} azs-disable ${finding.code}${eol}` }],
    },
  ];
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

/** Offset of the start of the line holding `offset`, and that line's indentation. */
function lineAt(text: string, offset: number): { start: number; indent: string } {
  const starts = lineStarts(text);
  const start = starts[positionAt(starts, offset).line];
  return { start, indent: /^[ \t]*/.exec(text.slice(start))?.[0] ?? '' };
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

/** Snippet text: `$` is literal, and ⟦n:default⟧ marks a tab stop. */
function snippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`).replace(/⟦(\d+):([^⟧]*)⟧/g, (_whole, n: string, value: string) => `\${${n}:${value}}`);
}

/**
 * The CloudDeploymentID check, as a PowerShell block for a registration the file names (AZS501, or a refactoring on
 * any line naming one): it reads the stamp's CloudID through the privileged endpoint and stops when the
 * registration's cloudId differs. Inserted before the first operation on the registration (`before`), after
 * `#Requires` and `param()`, with the file's indentation and line endings; it reuses a `$session` the script already
 * opens. Undefined when the file already looks the stamp up, or is no PowerShell.
 */
export function cloudIdLookupFix(document: FixDocument, registration: { name: string; resourceGroup?: string; subscriptionId?: string }, before: number): Fix | undefined {
  if (document.kind !== 'powershell' || /Get-AzureStackStampInformation/i.test(document.text)) return undefined;
  const eol = lineEnding(document.text);
  const unit = indentUnit(document.text);
  const preamble = afterPreamble(document.text);
  const at = lineAt(document.text, Math.max(before, preamble));
  const insertAt = Math.max(at.start, preamble);
  const { name, resourceGroup, subscriptionId } = registration;
  const readRegistration = subscriptionId && resourceGroup
    ? `Get-AzResource -ResourceId '${formatRegistrationId({ subscriptionId, resourceGroup, registrationName: name })}' -ApiVersion 2017-06-01`
    : `Get-AzResource -ResourceType 'Microsoft.AzureStack/registrations' -Name '${name}'${resourceGroup ? ` -ResourceGroupName '${resourceGroup}'` : ''} -ExpandProperties`;
  const readStamp = '(Invoke-Command -Session $session -ScriptBlock { Get-AzureStackStampInformation }).CloudID';
  const openSession = /\$session\s*=\s*New-PSSession\b[^\r\n]*PrivilegedEndpoint/i.test(document.text)
    ? [`$stampCloudId = ${readStamp}`]
    : [
      '$session = New-PSSession -ComputerName ⟦1:AzS-ERCS01⟧ -ConfigurationName PrivilegedEndpoint -Credential ⟦2:$cloudAdminCredential⟧',
      'try {', `${unit}$stampCloudId = ${readStamp}`, '} finally {', `${unit}Remove-PSSession $session`, '}',
    ];
  const lines = [
    `# Stop unless this stamp is the one registration '${name}' belongs to: its CloudDeploymentID is the registration's cloudId.`,
    ...openSession,
    `$registrationCloudId = (${readRegistration}).Properties.cloudId`,
    'if ($stampCloudId -ne $registrationCloudId) {',
    `${unit}throw "This stamp's CloudDeploymentID $stampCloudId is not the cloudId $registrationCloudId of registration '${name}': use this stamp's registration."`,
    '}',
  ];
  const block = lines.map((line) => `${at.indent}${snippet(line)}${eol}`).join('');
  return {
    title: { en: 'Insert CloudDeploymentID lookup', sv: 'Infoga kontroll av CloudDeploymentID' },
    edits: [{ uri: document.uri, start: insertAt, end: insertAt, newText: block }],
    preferred: true,
    snippet: true,
  };
}

/** The safe fixes of all `findings` in one document that do not overlap, for "Fix all". */
export function fixAllEdits(document: FixDocument, findings: readonly Finding[]): FileEdit[] {
  const edits: FileEdit[] = [];
  for (const finding of findings) {
    for (const fix of fixesFor(document, finding)) {
      if (!fix.safe || fix.snippet) continue;
      const own = fix.edits.filter((e) => e.uri === document.uri);
      if (own.some((e) => edits.some((x) => e.start < x.end && x.start < e.end))) continue;
      edits.push(...own);
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}
