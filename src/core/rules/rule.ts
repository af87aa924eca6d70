// The shape of a rule: metadata as data (code, name, titles, docs text, default severity, the documented Azure error it
// prevents, message templates), a pure `check` over one document's facts plus the registrations other documents
// declare, and what is offered on its findings: its quick fixes (reading the data its check reported, typed per rule),
// the CloudDeploymentID lookup, editor actions. Rules never see configuration or suppressions: lint.ts applies those
// afterwards.
import type { ErrorCode } from '../errors';
import type { FileFacts, FileSpan } from '../facts';
import type { Fix, FixDocument } from '../fixes';
import type { Finding } from '../lint';
import type { Localized } from '../l10n';
import type { LiveData } from '../live';
import type { Span } from '../text';
import type { RegistrationIndex } from './registrations';

export const ruleCodes = [
  'AZS101', 'AZS102', 'AZS103', 'AZS104', 'AZS105', 'AZS106', 'AZS107', 'AZS201', 'AZS202', 'AZS301', 'AZS302', 'AZS303', 'AZS401', 'AZS402', 'AZS501',
  'AZS601', 'AZS602', 'AZS603', 'AZS604', 'AZS701',
] as const;

export type RuleCode = (typeof ruleCodes)[number];

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type DocumentKind = 'powershell' | 'json' | 'http' | 'shell' | 'markdown';

export interface RuleContext {
  uri: string;
  kind: DocumentKind;
  facts: FileFacts;
  /** The registrations this document and the others of the workspace (or CLI run) declare. */
  registrations: RegistrationIndex;
  /** What Azure says (the live rules AZS6xx); absent outside a signed-in editor. */
  live?: LiveData;
  /** How the file is saved, in VS Code's encoding ids ('utf8': UTF-8 without a byte order mark); undefined when not told. */
  encoding?: string;
}

/** Values for a message's `{name}` placeholders; a Localized one is shown in the message's language. */
export type MessageValues = Record<string, string | Localized>;

export interface RelatedReport<M extends string> {
  uri: string;
  span: Span;
  messageId: M;
  values?: MessageValues;
}

export interface Report<M extends string, D = unknown> {
  messageId: M;
  values?: MessageValues;
  span: Span;
  /** Set when this finding prevents another documented error than the rule's own (or none). */
  azureError?: ErrorCode | null;
  related?: RelatedReport<M>[];
  /**
   * Where the value with the defect is used, when that is not where it is written (and the finding is): a variable
   * used by several calls. Reports of one defect (same rule, message and place) are one finding; lint.ts lists these
   * places as its related information.
   */
  usedAt?: Span;
  /**
   * More places of use of the same defect, for a rule that gathers them itself: one report for a placeholder used by
   * thousands of calls rather than one report each (the same finding either way).
   */
  alsoUsedAt?: Span[];
  /** Where another document (the parameter file that gives the value) writes the value with the defect: listed as related information. */
  givenIn?: FileSpan;
  /** What the rule's quick fixes need (a replacement text, the missing parameters): the rule's own type. */
  data?: D;
}

/**
 * No reports, one list for all: a rule that maps each of a template's thousands of tenant operations to its reports
 * (`flatMap`) made a new empty list for each it says nothing of (≈ 2 MB of garbage per lint of a 5 MB template).
 */
export const noReports: readonly never[] = Object.freeze([]);

/**
 * The reports `check` gives for each item, in order: `flatMap` in a loop, which V8 runs in ≈ a third of the time
 * (rules that map each of a template's thousands of tenant operations spent ≈ 0.3 ms each in `flatMap` itself). A
 * counted loop: this runs once per rule and lint, often before V8 optimizes it, and `for…of` then makes an object per
 * step (≈ 1 MB per lint of a dense script, whose eight rules over commands walk ≈ 5,000 each).
 */
export function reportsForEach<T, R>(items: readonly T[], check: (item: T) => readonly R[]): R[] {
  const reports: R[] = [];
  for (let i = 0; i < items.length; i++) {
    const found = check(items[i]);
    for (let j = 0; j < found.length; j++) reports.push(found[j]);
  }
  return reports;
}

/** A finding of a rule, with the data its check reported. */
export type RuleFinding<D> = Omit<Finding, 'data'> & { data?: D };

/** What the editor offers beside a rule's fixes: `pickRegistration`, a registration chosen from Azure written in. */
export type EditorAction = 'pickRegistration';

export interface Rule<M extends string = string, D = unknown> {
  code: RuleCode;
  /** kebab-case, stable. */
  name: string;
  title: Localized;
  docs: {
    /** "What it finds", as the rule's page says it. */
    finds: Localized;
    /** "Why it matters": what Azure (or the cmdlet) does with the mistake. */
    matters: Localized;
    /** What the page's Wrong and Fixed examples take for granted (a live rule's: what Azure holds), in English as the pages are. */
    examples?: string;
  };
  /** Reads what Azure holds (`RuleContext.live`): runs only when signed in, with azureStackCsp.lint.live on. */
  live?: true;
  defaultSeverity: Severity;
  /** The documented error code the rule's findings prevent, or null. */
  azureError: ErrorCode | null;
  messages: Record<M, Localized>;
  check(context: RuleContext): Report<M, D>[];
  /** A finding's quick fixes, most useful first (with the helpers of fixes.ts); none when absent. */
  fixes?(finding: RuleFinding<D>, document: FixDocument): Fix[];
  /** The CloudDeploymentID lookup a finding offers, after its fixes (fixes.ts: cloudIdLookupAt, cloudIdLookupFix). */
  cloudIdLookup?(finding: RuleFinding<D>, document: FixDocument): Fix | undefined;
  editorActions?: readonly EditorAction[];
  /**
   * Each report of `check` is at a place (start and end) of its own: the rule joins the reports of a defect itself (see
   * `Report.alsoUsedAt`), so lint.ts makes a finding of each without looking for one to join it to.
   */
  reportsDistinctPlaces?: true;
}

/**
 * Declares a rule, checking that every message id it reports is one of its messages and that its fixes read the
 * data its check reports.
 */
export function defineRule<const M extends string, D = undefined>(rule: Rule<M, D>): Rule<M, D> {
  return rule;
}
