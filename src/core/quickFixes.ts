// The quick fixes offered on a finding: its rule's own (rules/AZS….ts), then the CloudDeploymentID lookup where its
// rule offers it; and "Fix all", the safe fixes of a document at once. The editor (vscode/codeActions.ts, fixAll.ts)
// and azs-lint --fix both ask here.
import { editFits, fixTarget, type FileEdit, type Fix, type FixDocument } from './fixes';
import type { Finding } from './lint';
import { isRuleCode, rules } from './rules/index';
import type { Rule } from './rules/rule';

function ruleOf(finding: Pick<Finding, 'code'>): Rule | undefined {
  return isRuleCode(finding.code) ? rules[finding.code] : undefined;
}

/** The fixes offered for `finding`: its rule's, most useful first, then the CloudDeploymentID lookup where it helps. */
export function fixesFor(original: FixDocument, finding: Finding): Fix[] {
  // In Markdown, the code block the finding is in, as the document its language reads.
  const document = fixTarget(original, finding.start);
  if (!document) return [];
  const lookup = ruleOf(finding)?.cloudIdLookup?.(finding, document);
  return lookup ? [...ruleFixes(document, finding), lookup] : ruleFixes(document, finding);
}

/** True when findings of `code` offer the CloudDeploymentID lookup. */
export function offersCloudIdLookup(code: string): boolean {
  return ruleOf({ code })?.cloudIdLookup !== undefined;
}

/** True when the editor offers to pick the registration from Azure on findings of `code`. */
export function offersRegistrationPick(code: string): boolean {
  return ruleOf({ code })?.editorActions?.includes('pickRegistration') === true;
}

/**
 * The rule's fixes that change something: where a broken file makes the underlined text only part of the value,
 * writing the replacement over it may change nothing. None in broken JSON, whose values may end anywhere.
 */
function ruleFixes(document: FixDocument, finding: Finding): Fix[] {
  if (document.kind === 'json' && document.syntaxErrors) return [];
  const unchanged = (e: FileEdit) => e.uri === document.uri && document.text.slice(e.start, e.end) === e.newText;
  return (ruleOf(finding)?.fixes?.(finding, document) ?? []).filter((fix) => !fix.edits.every(unchanged));
}

/** What "Fix all" does to one document: the edits, and the findings they fix. */
export interface FixAll {
  edits: FileEdit[];
  fixed: Finding[];
  /** The findings among `fixed` whose fixes edit another document, by its URI. */
  fixedElsewhere: Map<string, Finding[]>;
}

/**
 * The safe fixes of all `findings` in one document that edit only it, or also documents `alsoEditable` holds (the
 * other files of an azs-lint run: the parameter file that gives a template's value), and do not overlap, for "Fix
 * all". A fix that overlaps one taken before is left for the next round (a CLI run repeats until nothing changes).
 */
export function fixAll(document: FixDocument, findings: readonly Finding[], alsoEditable?: ReadonlyMap<string, { readonly text: string }>): FixAll {
  const edits: FileEdit[] = [];
  const fixed: Finding[] = [];
  const fixedElsewhere = new Map<string, Finding[]>();
  const editable = (e: FileEdit) => {
    const text = e.uri === document.uri ? document.text : alsoEditable?.get(e.uri)?.text;
    return text !== undefined && editFits(e, (start, end) => text.slice(start, end));
  };
  const taken = (e: FileEdit) => edits.some((x) => e.uri === x.uri && e.start === x.start && e.end === x.end && e.newText === x.newText);
  for (const finding of findings) {
    const target = fixTarget(document, finding.start);
    const fix = target && ruleFixes(target, finding).find((f) => f.safe && !f.snippet && f.edits.every(editable));
    if (!fix) continue;
    // A fix whose edits are all taken already (one value a parameter file gives, used twice) fixes this finding too.
    const added = fix.edits.filter((e) => !taken(e));
    if (added.some((e) => edits.some((x) => e.uri === x.uri && e.start < x.end && x.start < e.end))) continue;
    edits.push(...added);
    fixed.push(finding);
    for (const uri of new Set(fix.edits.map((e) => e.uri))) {
      if (uri !== document.uri) fixedElsewhere.set(uri, [...(fixedElsewhere.get(uri) ?? []), finding]);
    }
  }
  return { edits: edits.sort((a, b) => a.start - b.start), fixed, fixedElsewhere };
}
