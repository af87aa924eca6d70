// One place for every rule about Microsoft.AzureStack resource IDs, GUIDs and unfilled placeholders.

/**
 * Stands for a part of a string whose value is not known before run time (a variable in an interpolated string,
 * an ARM expression). A segment that contains it is never judged malformed.
 */
export const UNKNOWN = '\uE000';

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return guidPattern.test(value);
}

export function hasUnknown(value: string): boolean {
  return value.includes(UNKNOWN);
}

/**
 * A GUID that only needs tidying — braces, surrounding whitespace, `urn:uuid:`, or 32 hex digits without
 * hyphens — in its canonical form; undefined when the value is no GUID at all.
 */
export function repairGuid(value: string): string | undefined {
  // Braces are taken off before trimming inside them: `\{\s*(.*?)\s*\}` backtracked quadratically over long blanks.
  const stripped = value.trim().replace(/^urn:uuid:/i, '').replace(/^\{(.*)\}$/, (_whole, inner: string) => inner.trim()).replace(/^\((.*)\)$/, '$1').trim();
  if (isGuid(stripped)) return stripped === value ? undefined : stripped;
  if (/^[0-9a-f]{32}$/i.test(stripped)) {
    return [stripped.slice(0, 8), stripped.slice(8, 12), stripped.slice(12, 16), stripped.slice(16, 20), stripped.slice(20)].join('-');
  }
  return undefined;
}

const placeholderPatterns: RegExp[] = [
  /<[^<>\r\n]{1,80}>/, // <subscription id>, <Computer Name>
  // {subscriptionId}, {{tenantId}}, { cspSubscriptionId 1}; not a GUID in braces (a registry key, a COM class ID)
  /\{\{?(?! *[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} *\})(?: {1,2})?[A-Za-z][\w .-]{0,60}\}?\}/i,
  /\[[A-Za-z][\w .-]{0,60}\]/, // [registration name] (not an ARM expression: those start with a function call)
  /\bx{8}-x{4}-x{4}-x{4}-x{12}\b/i, // xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
  /^0{8}-0{4}-0{4}-0{4}-0{12}$/, // the all-zero GUID
  /\byour[-_ ]?[a-z]*[-_ ]?(?:subscription|tenant|registration|resource[-_ ]?group|rg|name|id|guid)[\w-]*/i,
  /\b(?:enter|insert|replace)[-_ ](?:the[-_ ])?[a-z]*[-_ ]?(?:subscription|tenant|registration|resource[-_ ]?group|name|id|guid)[\w-]*/i,
  /\bmy[-_]?(?:subscription|tenant)[-_]?id\b/i, // "my-registration" may be a real name; "my-subscription-id" is not
  /^(?:TODO|TBD|FIXME|CHANGEME|REPLACE_?ME|PLACEHOLDER)$/i,
];

/**
 * Every pattern needs one of these, so most values are ruled out by one cheap test. The zeros only count at the start,
 * where the all-zero GUID's anchored pattern looks for them: GUIDs with a run of zeros inside are common.
 */
const placeholderHint = /[<{[]|x{8}|^0{8}|your|enter|insert|replace|my|todo|tbd|fixme|changeme|placeholder/i;

/** False when no placeholder can be in `value`: one cheap test that rules out most values. */
export function mayHoldPlaceholder(value: string): boolean {
  return placeholderHint.test(value);
}

/**
 * Where a placeholder may start in a whole document (the patterns without their anchors). A hit is only a
 * candidate: the string around it still has to pass `findPlaceholder`.
 */
export const placeholderCandidates = new RegExp(placeholderPatterns.map((p) => p.source.replace(/^\^|\$$/g, '')).join('|'), 'gi');

/**
 * The first unfilled placeholder inside `value` (the one that starts earliest), if any, with its offset in `value`.
 * ARM expressions are not placeholders.
 */
export function findPlaceholder(value: string): { text: string; index: number } | undefined {
  if (!placeholderMayBeIn(value)) return undefined;
  let first: { text: string; index: number } | undefined;
  for (const pattern of placeholderPatterns) {
    const match = pattern.exec(value);
    if (match && !hasUnknown(match[0]) && (!first || match.index < first.index)) first = { text: match[0], index: match.index };
  }
  return first;
}

/**
 * Whether `findPlaceholder` finds one, from the first pattern that matches rather than all of them: rules that only
 * ask whether a value is a placeholder ask it of each of a dense script's thousands of tenant operations.
 */
export function holdsPlaceholder(value: string): boolean {
  if (!placeholderMayBeIn(value)) return false;
  // Without run-time parts in the value, no match has one: a test then says it without a match object.
  const unknownIn = hasUnknown(value);
  for (let i = 0; i < placeholderPatterns.length; i++) {
    const pattern = placeholderPatterns[i];
    if (!unknownIn) {
      if (pattern.test(value)) return true;
      continue;
    }
    const match = pattern.exec(value);
    if (match && !hasUnknown(match[0])) return true;
  }
  return false;
}

/** A value that starts with an ARM function call: an expression, not a placeholder. */
const armExpression = /^\[\s*[a-z]\w*\(/i;

/** False when `value` cannot hold a placeholder: no hint of one, or an ARM expression. */
function placeholderMayBeIn(value: string): boolean {
  return mayHoldPlaceholder(value) && !armExpression.test(value);
}

export interface RegistrationRef {
  subscriptionId: string;
  resourceGroup: string;
  registrationName: string;
}

export interface CustomerSubscriptionRef extends RegistrationRef {
  customerSubscriptionId: string;
}

/** What is wrong with a would-be registration or customerSubscription resource ID. */
export type ResourceIdProblem =
  | { kind: 'wrongProvider'; provider: string }
  | { kind: 'emptySegment' }
  | { kind: 'missingSegment'; segment: string }
  | { kind: 'misspelledSegment'; found: string; expected: string }
  | { kind: 'subscriptionNotGuid'; value: string }
  | { kind: 'trailingSegments'; extra: string };

export type ParsedResourceId =
  | { ok: true; ref: RegistrationRef | CustomerSubscriptionRef; kind: 'registration' | 'customerSubscription' | 'customerSubscriptions' }
  | { ok: false; problem: ResourceIdProblem };

/**
 * True when the string is meant as a Microsoft.AzureStack registration path (so a rule should judge it): it names a
 * registrations or customerSubscriptions segment, or Microsoft.AzureStack's resource type is a slip of "registrations"
 * (`registratons`). Other Microsoft.AzureStack* paths (linkedSubscriptions, Azure Stack HCI clusters) are not
 * registrations and are left alone.
 */
export function looksLikeRegistrationId(value: string): boolean {
  if (!/subscriptions?\//i.test(value)) return false;
  if (/\/(?:registrations?|customerSubscriptions?)(?:[/?#]|$)/i.test(value)) return true;
  const type = azureStackType.exec(value)?.[1];
  return type !== undefined && nearlySame(type, 'registrations');
}

/** The resource type segment after Microsoft.AzureStack's provider segment. */
const azureStackType = /\/Microsoft\.AzureStack\/([^/?#]+)/i;

/**
 * `expected` is ASCII, so a text of another length never equals it in lower case (only İ lowers to two characters,
 * one of them not ASCII): the common cases are told without making lower-case copies.
 */
function sameSegment(found: string, expected: string): boolean {
  return found === expected || (found.length === expected.length && found.toLowerCase() === expected.toLowerCase());
}

/** Edit distance ≤ 2, for "resourcegroup" vs "resourceGroups" and similar slips. */
function nearlySame(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (Math.abs(x.length - y.length) > 2) return false;
  let previous = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length] <= 2;
}

/** The segments of a registration ID, undefined where any name goes. */
const expectedSegments = ['subscriptions', undefined, 'resourceGroups', undefined, 'providers', 'Microsoft.AzureStack', 'registrations', undefined] as const;

/**
 * Parses `/subscriptions/{guid}/resourceGroups/{rg}/providers/Microsoft.AzureStack/registrations/{name}` with an
 * optional `/customerSubscriptions[/{id}]` tail. Segment names compare case-insensitively, as ARM does; query
 * strings are ignored; segments holding UNKNOWN are accepted as they are.
 */
export function parseRegistrationId(id: string): ParsedResourceId {
  const query = id.search(/[?#]/);
  const path = (query < 0 ? id : id.slice(0, query)).replace(/^\s*https?:\/\/[^/]+/i, '').trim();
  const withoutEdges = withoutEdgeSlashes(path);
  if (/\/\//.test(withoutEdges)) return { ok: false, problem: { kind: 'emptySegment' } };
  const segments = withoutEdges.split('/');
  for (let i = 0; i < expectedSegments.length; i++) {
    const want = expectedSegments[i];
    const found = segments[i];
    if (found === undefined) return { ok: false, problem: { kind: 'missingSegment', segment: want ?? segmentNameAt(i) } };
    if (want === undefined || hasUnknown(found)) continue;
    if (sameSegment(found, want)) continue;
    if (want === 'Microsoft.AzureStack' && /^Microsoft\./i.test(found)) return { ok: false, problem: { kind: 'wrongProvider', provider: found } };
    if (nearlySame(found, want)) return { ok: false, problem: { kind: 'misspelledSegment', found, expected: want } };
    return { ok: false, problem: { kind: 'missingSegment', segment: want } };
  }
  const [, subscriptionId, , resourceGroup, , , , registrationName] = segments;
  if (!isGuid(subscriptionId) && !hasUnknown(subscriptionId) && !findPlaceholder(subscriptionId)) {
    return { ok: false, problem: { kind: 'subscriptionNotGuid', value: subscriptionId } };
  }
  const ref: RegistrationRef = { subscriptionId, resourceGroup, registrationName };
  const tail = segments.slice(8);
  if (tail.length === 0) return { ok: true, ref, kind: 'registration' };
  if (!hasUnknown(tail[0]) && !sameSegment(tail[0], 'customerSubscriptions')) {
    if (nearlySame(tail[0], 'customerSubscriptions')) {
      return { ok: false, problem: { kind: 'misspelledSegment', found: tail[0], expected: 'customerSubscriptions' } };
    }
    if (/^(products|getactivationkey|enableRemoteManagement)$/i.test(tail[0])) return { ok: true, ref, kind: 'registration' };
    return { ok: false, problem: { kind: 'trailingSegments', extra: tail.join('/') } };
  }
  if (tail.length === 1) return { ok: true, ref, kind: 'customerSubscriptions' };
  if (tail.length > 2) return { ok: false, problem: { kind: 'trailingSegments', extra: tail.slice(2).join('/') } };
  return { ok: true, ref: { subscriptionId, resourceGroup, registrationName, customerSubscriptionId: tail[1] }, kind: 'customerSubscription' };
}

/**
 * The path without leading and trailing slashes. Not with `/\/+$/`: unanchored at its start, that pattern tries each
 * slash of a long run in turn, in quadratic time.
 */
function withoutEdgeSlashes(path: string): string {
  let start = 0;
  let end = path.length;
  while (start < end && path[start] === '/') start++;
  while (end > start && path[end - 1] === '/') end--;
  return path.slice(start, end);
}

function segmentNameAt(index: number): string {
  return ['subscriptions', 'subscription ID', 'resourceGroups', 'resource group name', 'providers', 'Microsoft.AzureStack', 'registrations', 'registration name'][index];
}

export function formatRegistrationId(ref: RegistrationRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.AzureStack/registrations/${ref.registrationName}`;
}

export function formatCustomerSubscriptionId(ref: CustomerSubscriptionRef): string {
  return `${formatRegistrationId(ref)}/customerSubscriptions/${ref.customerSubscriptionId}`;
}

/** Case-insensitive identity of a registration, for maps keyed by registration. */
export function registrationKey(ref: RegistrationRef): string {
  return formatRegistrationId(ref).toLowerCase();
}
