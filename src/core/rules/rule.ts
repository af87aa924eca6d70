// The shape of a rule: metadata as data (code, name, titles, docs text, default severity, the documented Azure error it
// prevents, message templates) and a pure `check` over one document's facts plus the registrations other documents
// declare. Rules never see configuration or suppressions: lint.ts applies those afterwards.
import type { ErrorCode } from '../errors';
import type { FileFacts } from '../facts';
import type { Localized } from '../l10n';
import type { LiveData } from '../live';
import type { Span } from '../text';
import type { RegistrationIndex } from './registrations';

export const ruleCodes = [
  'AZS101', 'AZS102', 'AZS103', 'AZS104', 'AZS201', 'AZS202', 'AZS301', 'AZS302', 'AZS303', 'AZS401', 'AZS402', 'AZS501',
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
}

/** Values for a message's `{name}` placeholders; a Localized one is shown in the message's language. */
export type MessageValues = Record<string, string | Localized>;

export interface RelatedReport<M extends string> {
  uri: string;
  span: Span;
  messageId: M;
  values?: MessageValues;
}

export interface Report<M extends string> {
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
  /** What a quick fix needs (a replacement text, the missing parameters). */
  data?: Record<string, string>;
}

export interface Rule<M extends string = string> {
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
  check(context: RuleContext): Report<M>[];
}

/** Declares a rule, checking that every message id it reports is one of its messages. */
export function defineRule<const M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}
