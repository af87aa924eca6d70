import type { ErrorCode } from '../errors';
import { locate, locateWhole, usedAt, type FileFacts, type Value } from '../facts';
import { cloudIdLookupAt } from '../fixes';
import { findPlaceholder, mayHoldPlaceholder } from '../ids';
import { SpanMap, type Span } from '../text';
import { defineRule, type MessageValues, type Report } from './rule';

/**
 * Spans, sorted by start, answering "does one of them hold this span?" in logarithmic time: a dense script has
 * thousands of placeholders and of requests, and asking each request about each placeholder took minutes.
 */
class Containers {
  private readonly starts: Float64Array;
  /** The furthest end among the spans up to each index. */
  private readonly reach: Float64Array;

  constructor(spans: readonly Span[]) {
    // Each span as one number (`packed`): a typed array sorts without a comparator call.
    const sorted = Float64Array.from(spans, packed).sort();
    this.starts = sorted.map((key) => Math.floor(key / 0x800000));
    let furthest = -1;
    this.reach = sorted.map((key) => (furthest = Math.max(furthest, key % 0x800000)));
  }

  holds(span: Span): boolean {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle] <= span.start) low = middle + 1;
      else high = middle;
    }
    return low > 0 && this.reach[low - 1] >= span.end;
  }
}

/** Where each value that is there is written whole (`locateWhole`). */
function wholeSpans(values: Iterable<Value | undefined>): Span[] {
  const spans: Span[] = [];
  for (const value of values) if (value) spans.push(locateWhole(value));
  return spans;
}

/**
 * Which documented error a placeholder leads to: a bad customer subscription ID, a registration a request does not
 * find, or neither (a computer name, a password, the name a registration is created under).
 */
function errorsOf(facts: FileFacts): (span: Span) => ErrorCode | null {
  const operations = facts.tenantOperations;
  const subscriptions = new Containers(wholeSpans(operations.map((o) => o.customerSubscriptionId)));
  const registrations = new Containers([
    ...wholeSpans(facts.resourceIds.map((id) => id.path)),
    ...wholeSpans(operations.flatMap((o) => [o.registration.subscriptionId, o.registration.resourceGroup, o.registration.name])),
  ]);
  return (span) => (subscriptions.holds(span) ? 'InvalidCustomerSubscriptionId' : registrations.holds(span) ? 'RegistrationNotFound' : null);
}

/** A span as one number, which sorts by its start (offsets stay below 2^23: documents are at most 5 MB). */
function packed(span: Span): number {
  return span.start * 0x800000 + span.end;
}

interface FoundPlaceholder {
  text: string;
  index: number;
}

/** Every placeholder in a text, with its index in it. */
function placeholdersIn(text: string): FoundPlaceholder[] {
  const placeholders: FoundPlaceholder[] = [];
  for (let from = 0; from < text.length;) {
    const found = findPlaceholder(from === 0 ? text : text.slice(from));
    if (!found) break;
    placeholders.push({ text: found.text, index: from + found.index });
    from += found.index + Math.max(found.text.length, 1);
  }
  return placeholders;
}

/**
 * `placeholdersIn`, worked out once per distinct text: a sample pasted many times over has thousands of values and
 * few distinct texts. It is asked only of texts that may hold one (`valuesWithHint`).
 */
function placeholderFinder(): (text: string) => readonly FoundPlaceholder[] {
  const byText = new Map<string, FoundPlaceholder[]>();
  return (text) => {
    let found = byText.get(text);
    if (!found) {
      found = placeholdersIn(text);
      byText.set(text, found);
    }
    return found;
  };
}

/**
 * The values and resource IDs that may hold a placeholder, each value object once: one met again (an argument is
 * both a command's value and a resource ID) gives the same reports. Only these are keyed: a template's thousands of
 * distinct tenant names cost more to key by than to rule out.
 */
function valuesWithHint(facts: FileFacts): Set<Value> {
  const values = new Set<Value>();
  for (const value of facts.values) if (mayHoldPlaceholder(value.text)) values.add(value);
  for (const { path } of facts.resourceIds) if (mayHoldPlaceholder(path.text)) values.add(path);
  return values;
}

/**
 * The message values of a placeholder and the error it leads to, one object per distinct pair: lint.ts works a
 * message out once per values object, and a dense script has thousands of defects and a handful of distinct messages.
 */
function sharedMessageValues(): (placeholder: string, azureError: ErrorCode | null) => MessageValues {
  const byError = new Map<ErrorCode | null, Map<string, MessageValues>>();
  return (placeholder, azureError) => {
    let byText = byError.get(azureError);
    if (!byText) {
      byText = new Map();
      byError.set(azureError, byText);
    }
    let values = byText.get(placeholder);
    if (!values) {
      values = { placeholder, ...(azureError ? { azureError } : {}) };
      byText.set(placeholder, values);
    }
    return values;
  };
}

export default defineRule({
  code: 'AZS102',
  name: 'placeholder-left',
  title: { en: 'Placeholder left in a value', sv: 'Platshållare kvar i ett värde' },
  docs: {
    finds: {
      en: 'A value that still holds a placeholder from a template or a documentation sample where a real value is needed: <subscription id>, {registrationName}, [tenant], xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, the all-zero GUID, your-subscription-id and the like.',
      sv: 'Ett värde som fortfarande innehåller en platshållare från en mall eller ett dokumentationsexempel där ett riktigt värde behövs: <subscription id>, {registrationName}, [tenant], xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, GUID:t med bara nollor, your-subscription-id och liknande.',
    },
    matters: {
      en: 'Azure reads the placeholder literally: in a registration path it answers RegistrationNotFound, as a customer subscription ID InvalidCustomerSubscriptionId; a placeholder computer name or password makes the command fail.',
      sv: 'Azure läser platshållaren bokstavligt: i en registreringssökväg svarar den RegistrationNotFound, som kundprenumerationens ID InvalidCustomerSubscriptionId; ett platshållarnamn på en dator eller ett lösenord får kommandot att misslyckas.',
    },
  },
  defaultSeverity: 'warning',
  azureError: 'RegistrationNotFound',
  messages: {
    placeholderAzure: {
      en: "'{placeholder}' is a placeholder that was never filled in; Azure would answer {azureError}.",
      sv: "'{placeholder}' är en platshållare som aldrig fyllts i; Azure skulle svara {azureError}.",
    },
    placeholder: {
      en: "'{placeholder}' is a placeholder that was never filled in; the command fails with it.",
      sv: "'{placeholder}' är en platshållare som aldrig fyllts i; kommandot misslyckas med den.",
    },
  },
  check({ facts }) {
    /** Each placeholder's report by where it is written, with the places of use already reported for it. */
    const seen = new SpanMap<{ report: Report<'placeholderAzure' | 'placeholder'>; firstUse: Span; moreUses?: SpanMap<true> }>();
    let errorAt: ((span: Span) => ErrorCode | null) | undefined;
    const reports: Report<'placeholderAzure' | 'placeholder'>[] = [];
    const placeholders = placeholderFinder();
    const messageValues = sharedMessageValues();
    for (const value of valuesWithHint(facts)) {
      for (const found of placeholders(value.text)) {
        const span = locate(value, found.index, found.text.length);
        const use = usedAt(value, found.index, found.text.length);
        const known = seen.get(span);
        // A placeholder met again through a variable: the same finding, which lists this use too. A place of use met
        // again (a value is both a command's argument and a resource ID) adds nothing: a dense script has thousands.
        if (known) {
          if ((known.firstUse.start === use.start && known.firstUse.end === use.end) || known.moreUses?.get(use)) continue;
          (known.moreUses ??= new SpanMap()).add(use, true);
          reports.push({ ...known.report, usedAt: use });
          continue;
        }
        errorAt ??= errorsOf(facts);
        const azureError = errorAt(span);
        const values = messageValues(found.text, azureError);
        const report = { messageId: azureError ? 'placeholderAzure' as const : 'placeholder' as const, values, span, azureError, data: { placeholder: found.text }, usedAt: use };
        seen.add(span, { report, firstUse: use });
        reports.push(report);
      }
    }
    return reports;
  },
  cloudIdLookup: (finding, document) => cloudIdLookupAt(document, finding.start),
  editorActions: ['pickRegistration'],
});
