import type { ErrorCode } from '../errors';
import { LazyValue, givenAt, givenPiece, locate, locateWhole, sliceSource, usedAt, writtenAt, type FileFacts, type FileSpan, type Segment, type SliceSource, type Value } from '../facts';
import { cloudIdLookupAt } from '../fixes';
import { findPlaceholder } from '../ids';
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

  /**
   * `places`: each span `packed` (a typed array of them sorts without a comparator call), sorted here in place and
   * then overwritten with the reach.
   */
  constructor(places: Float64Array) {
    places.sort();
    this.starts = new Float64Array(places.length);
    this.reach = places;
    let furthest = -1;
    for (let i = 0; i < places.length; i++) {
      this.starts[i] = Math.floor(places[i] / 0x800000);
      furthest = Math.max(furthest, places[i] % 0x800000);
      this.reach[i] = furthest;
    }
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

/**
 * Where values are written whole (`locateWhole`), `packed`, in a typed array sized for all that may come: a list that
 * grows is copied at each step, and then once more into a typed array to sort.
 */
class WholePlaces {
  private readonly places: Float64Array;
  private count = 0;

  constructor(most: number) {
    this.places = new Float64Array(most);
  }

  /** Adds where a value that is there is written whole (by number for a value written whole: `writtenAt`). */
  add(value: Value | undefined): void {
    if (!value) return;
    const at = writtenAt(value);
    this.places[this.count++] = at === undefined ? packed(locateWhole(value)) : at * 0x800000 + at + value.text.length;
  }

  added(): Float64Array {
    return this.places.subarray(0, this.count);
  }
}

/**
 * Which documented error a placeholder leads to: a bad customer subscription ID, a registration a request does not
 * find, or neither (a computer name, a password, the name a registration is created under). A class rather than a
 * closure made per lint: optimized code that inlines a closure is thrown away when that closure dies, at every lint.
 */
class ErrorsByPlace {
  private readonly subscriptions: Containers;
  private readonly registrations: Containers;

  constructor(facts: FileFacts) {
    const { resourceIds, tenantOperations } = facts;
    const customerSubscriptions = new WholePlaces(tenantOperations.length);
    const registrationParts = new WholePlaces(resourceIds.length + 3 * tenantOperations.length);
    // Counted loops: this runs once per lint, often before V8 optimizes it, and `for…of` then makes an object per step
    // (a dense script has ≈ 6,500 resource IDs and 1,600 tenant operations).
    for (let i = 0; i < resourceIds.length; i++) registrationParts.add(resourceIds[i].path);
    for (let i = 0; i < tenantOperations.length; i++) {
      const { customerSubscriptionId, registration } = tenantOperations[i];
      customerSubscriptions.add(customerSubscriptionId);
      registrationParts.add(registration.subscriptionId);
      registrationParts.add(registration.resourceGroup);
      registrationParts.add(registration.name);
    }
    this.subscriptions = new Containers(customerSubscriptions.added());
    this.registrations = new Containers(registrationParts.added());
  }

  at(span: Span): ErrorCode | null {
    return this.subscriptions.holds(span) ? 'InvalidCustomerSubscriptionId' : this.registrations.holds(span) ? 'RegistrationNotFound' : null;
  }
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
 * few distinct texts. Asked of every value: most of a dense script's values hold one, so testing each for a hint of
 * one first (`mayHoldPlaceholder`, which `findPlaceholder` does on a new text) cost more than it saved.
 */
class PlaceholderFinder {
  private readonly byText = new Map<string, FoundPlaceholder[]>();

  in(text: string): readonly FoundPlaceholder[] {
    let found = this.byText.get(text);
    if (!found) {
      found = placeholdersIn(text);
      this.byText.set(text, found);
    }
    return found;
  }
}

/**
 * The message values of a placeholder and the error it leads to, one object per distinct pair: lint.ts works a
 * message out once per values object, and a dense script has thousands of defects and a handful of distinct messages.
 */
class SharedMessageValues {
  private readonly byError = new Map<ErrorCode | null, Map<string, MessageValues>>();

  of(placeholder: string, azureError: ErrorCode | null): MessageValues {
    let byText = this.byError.get(azureError);
    if (!byText) {
      byText = new Map();
      this.byError.set(azureError, byText);
    }
    let values = byText.get(placeholder);
    if (!values) {
      values = { placeholder, ...(azureError ? { azureError } : {}) };
      byText.set(placeholder, values);
    }
    return values;
  }
}

type PlaceholderMessage = 'placeholderAzure' | 'placeholder';

/**
 * A placeholder's report, with what `place` finds it by: its start is its key, its end is kept here as a number
 * (a lazy span's is a getter), then the next report written from the same start, and the places of use listed for it.
 * The report and its entry are one object: a dense script has ten thousand.
 */
class PlacedReport implements Report<PlaceholderMessage> {
  declare readonly messageId: PlaceholderMessage;
  declare readonly values: MessageValues;
  declare readonly span: Span;
  declare readonly azureError: ErrorCode | null;
  declare readonly data: { placeholder: string };
  declare readonly usedAt: Span;
  declare alsoUsedAt: Span[] | undefined;
  /** Where the parameter file that gives the value writes the placeholder. */
  declare readonly givenIn: FileSpan | undefined;
  declare readonly end: number;
  declare readonly next: PlacedReport | undefined;
  /** The places of use after the first (`usedAt`), to list each once. */
  declare moreUses: SpanMap<true> | undefined;

  // Set in the constructor rather than as class fields or parameter properties (see LazyValue in facts.ts).
  constructor(
    placeholder: string, values: MessageValues, azureError: ErrorCode | null, span: Span, end: number, use: Span, given: FileSpan | undefined, next: PlacedReport | undefined,
  ) {
    this.messageId = azureError ? 'placeholderAzure' : 'placeholder';
    this.values = values;
    this.span = span;
    this.azureError = azureError;
    this.data = { placeholder };
    this.usedAt = use;
    this.alsoUsedAt = undefined;
    this.givenIn = given;
    this.end = end;
    this.next = next;
    this.moreUses = undefined;
  }
}

/**
 * One report per placeholder, by where it is written, listing every place it is used: a placeholder in a variable
 * that thousands of calls use is one finding (one report rather than one per use, which lint.ts would join).
 */
class PlaceholderReports {
  readonly list: PlacedReport[] = [];
  /**
   * Each placeholder's report by where its written place starts (then by end, `PlacedReport.next`): looked up by
   * numbers, so a placeholder met again makes no span (a dense script meets ≈ 40,000 again).
   */
  private readonly byStart = new Map<number, PlacedReport>();
  /** The slices placed so far, by the value they are cut from (the last one of each): see `placedAlready`. */
  private readonly slicesPlaced = new Map<Value, { start: number; end: number; fellBackTo: Span | undefined }>();
  private readonly placeholders = new PlaceholderFinder();
  private readonly messageValues = new SharedMessageValues();
  private errors: ErrorsByPlace | undefined;

  constructor(private readonly facts: FileFacts) {}

  /** Reports the placeholders of a value. */
  add(value: Value): void {
    if (!(value instanceof LazyValue)) {
      this.addWalking(value, this.placeholders.in(value.text), value.segments, 0);
      return;
    }
    const slice = sliceSource(value);
    if (!slice) {
      const found = this.placeholders.in(value.text);
      if (found.length === 0) return;
      const at = writtenAt(value);
      if (at === undefined) this.addEach(value, found);
      else this.addWritten(value, found, at);
      return;
    }
    if (this.placedAlready(slice, value)) return;
    const fellBackTo = this.addWalking(value, this.placeholders.in(value.text), slice.value.segments, slice.start);
    this.slicesPlaced.set(slice.value, { start: slice.start, end: slice.end, fellBackTo });
  }

  /**
   * Whether a slice of the same part of the same value was placed before, with the same span where its places fell
   * back to it: a dense script lists each request's path twice (a registration string, and the cmdlet's resource ID).
   */
  private placedAlready(slice: SliceSource, value: Value): boolean {
    const placed = this.slicesPlaced.get(slice.value);
    if (placed?.start !== slice.start || placed.end !== slice.end) return false;
    return !placed.fellBackTo || (placed.fellBackTo.start === value.span.start && placed.fellBackTo.end === value.span.end);
  }

  /**
   * The placeholders of a value written whole where it is used, from `at` on (`writtenAt`): where `locate` puts them,
   * by number, each used where the value is (`usedAt`).
   */
  private addWritten(value: Value, found: readonly FoundPlaceholder[], at: number): void {
    for (let i = 0; i < found.length; i++) {
      const { text, index } = found[i];
      this.place(text, at + index, at + index + text.length, undefined, value.span, undefined);
    }
  }

  /** Each placeholder placed by `locate` and `usedAt`, which know how each kind of lazy value is placed. */
  private addEach(value: Value, found: readonly FoundPlaceholder[]): void {
    for (let i = 0; i < found.length; i++) {
      const { text, index } = found[i];
      const written = locate(value, index, text.length);
      this.place(text, written.start, written.end, written, usedAt(value, index, text.length), givenAt(value, index, text.length));
    }
  }

  /**
   * The places `locate` and `usedAt` give, for all of a value's placeholders in one walk of the segments that hold its
   * text from `shift` on (its own, or those of the value a slice is cut from: `sliceSource`), both being in the order
   * of the text: the segment that holds a placeholder whole, else the value's span (returned when used).
   */
  private addWalking(value: Value, found: readonly FoundPlaceholder[], segments: readonly Segment[], shift: number): Span | undefined {
    let fellBackTo: Span | undefined;
    let at = 0; // the first segment that reaches the placeholder's end
    let offset = 0; // where it starts in the text the segments make
    // A slice's pieces start with the first segment that reaches into it.
    while (at < segments.length && offset + segments[at].text.length <= shift) offset += segments[at++].text.length;
    for (let i = 0; i < found.length; i++) {
      const { text } = found[i];
      const index = found[i].index + shift;
      while (at < segments.length && offset + segments[at].text.length < index + text.length) offset += segments[at++].text.length;
      const segment = at < segments.length && index >= offset ? segments[at] : undefined;
      let use = segment?.via;
      if (!use) use = fellBackTo = value.span;
      const given = segment?.from && givenPiece(segment.from, index - offset, text.length);
      if (segment?.at === undefined) this.place(text, use.start, use.end, use, use, given);
      else this.place(text, segment.at + index - offset, segment.at + index - offset + text.length, undefined, use, given);
    }
    return fellBackTo;
  }

  /**
   * A placeholder written at `start`–`end` (`written`, when that span is at hand) and used at `use`; `given` where the
   * parameter file that gives it writes it.
   */
  private place(placeholder: string, start: number, end: number, written: Span | undefined, use: Span, given: FileSpan | undefined): void {
    const first = this.byStart.get(start);
    for (let known = first; known; known = known.next) {
      if (known.end === end) {
        this.addUse(known, use);
        return;
      }
    }
    const span = written ?? { start, end };
    this.errors ??= new ErrorsByPlace(this.facts);
    const azureError = this.errors.at(span);
    const report = new PlacedReport(placeholder, this.messageValues.of(placeholder, azureError), azureError, span, end, use, given, first);
    this.byStart.set(start, report);
    this.list.push(report);
  }

  /**
   * A placeholder met again through a variable: the same finding, which lists this use too. A place of use met again
   * (a value is both a command's argument and a resource ID) adds nothing: a dense script has thousands.
   */
  private addUse(known: PlacedReport, use: Span): void {
    if ((known.usedAt.start === use.start && known.usedAt.end === use.end) || known.moreUses?.get(use)) return;
    (known.moreUses ??= new SpanMap()).add(use, true);
    (known.alsoUsedAt ??= []).push(use);
  }
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
    const reports = new PlaceholderReports(facts);
    // A value object met twice (an argument is both a command's value and a resource ID) adds nothing the second time.
    // Counted loops: this runs once per lint, often before V8 optimizes it, and `for…of` then makes an object per step.
    const { values, resourceIds } = facts;
    for (let i = 0; i < values.length; i++) reports.add(values[i]);
    for (let i = 0; i < resourceIds.length; i++) reports.add(resourceIds[i].path);
    return reports.list;
  },
  cloudIdLookup: (finding, document) => cloudIdLookupAt(document, finding.start),
  editorActions: ['pickRegistration'],
  // One report per place where a placeholder is written (`PlaceholderReports.place`).
  reportsDistinctPlaces: true,
});
