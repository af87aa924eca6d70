// The language-neutral model every parser reduces a document to. PowerShell, ARM JSON, REST Client files and
// shell scripts all yield these facts, so each rule is written once and works for all of them.
import { UNKNOWN, hasUnknown, type ParsedResourceId } from './ids';
import type { Span } from './text';

/**
 * A piece of a value's text. `at` is the offset in this document where the piece starts when it is copied
 * character for character from the document (so a part of it can be underlined exactly); absent otherwise.
 * `via` is where the piece is referenced at this use when it comes from elsewhere: the `$name` or `{{name}}` that
 * brought it in. So a finding can point at the place to fix (`at`) or at the place of use (`via`).
 */
export interface Segment {
  text: string;
  at?: number;
  via?: Span;
  /**
   * Where another document writes the piece (a template's parameter file gives it). Apart from `at`, which is always
   * this document's, so that nothing reads an offset of that one as this one's.
   */
  from?: Origin;
}

/** A range in a document named by its URI. */
export interface FileSpan extends Span {
  uri: string;
}

/** Where another document writes a piece of a value: `copied` when its characters there are the piece's, 1:1 (no escapes). */
export interface Origin extends FileSpan {
  copied: boolean;
}

/**
 * A value as far as it is known before run time. `text` is the concatenation of `segments`; UNKNOWN stands for each
 * part that only run time knows (a parameter, an environment variable, an ARM function). A rule never guesses it.
 */
export interface Value {
  text: string;
  segments: readonly Segment[];
  /** Where the value is written at the place it is used (a string's contents, a variable, an expression). */
  span: Span;
}

export function valueOf(segments: readonly Segment[], span: Span): Value {
  // Most values are one segment: an array literal holds it in one slot, where the first `push` reserves seventeen
  // (a dense script keeps tens of thousands of values alive through the whole lint).
  if (segments.length === 1 && segments[0].text !== '') return { text: segments[0].text, segments: [segments[0]], span };
  const merged: Segment[] = [];
  let text = '';
  for (const segment of segments) {
    if (segment.text === '') continue;
    if (segment.text === UNKNOWN && merged.length > 0 && merged[merged.length - 1].text === UNKNOWN) continue;
    merged.push(segment);
    text += segment.text;
  }
  return { text, segments: merged.length < 16 ? merged.slice() : merged, span };
}

/** Text written literally at `at` (when it maps 1:1 to the document) and used at `span`. */
export function literalValue(text: string, span: Span, at?: number): Value {
  return { text, segments: [at === undefined ? { text } : { text, at }], span };
}

export function unknownValue(span: Span): Value {
  return { text: UNKNOWN, segments: [{ text: UNKNOWN }], span };
}

/** True when no part of the value waits for run time. */
export function isKnown(value: Value | undefined): value is Value {
  return value !== undefined && !hasUnknown(value.text);
}

/** Marks segments that a reference at `via` (a variable, a file variable) brings into a value. */
export function referencedAt(segments: readonly Segment[], via: Span): Segment[] {
  return segments.map((s) => {
    const referenced: Segment = s.at === undefined ? { text: s.text, via } : { text: s.text, at: s.at, via };
    if (s.from) referenced.from = s.from;
    return referenced;
  });
}

/** `referencedAt` of a value's segments, without working out those of a one-piece value (see `OnePieceValue`). */
export function valueReferencedAt(value: Value, via: Span): Segment[] {
  if (value instanceof OnePieceValue) return [value.copied ? { text: value.text, at: value.start, via } : { text: value.text, via }];
  return referencedAt(value.segments, via);
}

/**
 * Where to fix `length` characters at `index` of the value's text: the exact characters when they were copied 1:1
 * (perhaps in a variable's assignment), else the reference that brought them in, else the whole value.
 */
export function locate(value: Value, index: number, length: number): Span {
  if (value instanceof OnePieceValue) return value.placeOf(index, length);
  const sliced = value instanceof SlicedValue ? value.placeOf(index, length, 'written') : undefined;
  if (sliced) return sliced;
  let offset = 0;
  for (const segment of value.segments) {
    const end = offset + segment.text.length;
    if (index >= offset && index + length <= end) {
      if (segment.at !== undefined) return { start: segment.at + index - offset, end: segment.at + index - offset + length };
      return segment.via ?? value.span;
    }
    offset = end;
  }
  return value.span;
}

/** Where to fix the value's whole text (`locate` of all of it). */
export function locateWhole(value: Value): Span {
  return locate(value, 0, value.text.length);
}

/**
 * True when `locateWhole` of the value finds only the reference that brings it in (a `$name`, a `parameters('x')`)
 * and no characters that hold its text (the variable's string has an escape; a parameter file gives it): a fix must
 * not write a bare text over that reference.
 */
export function locatesOnlyReference(value: Value): boolean {
  const written = locateWhole(value);
  const used = usedAt(value, 0, value.text.length);
  return written.start === used.start && written.end === used.end && value.segments.some((segment) => segment.via !== undefined);
}

/**
 * True when `locateWhole` of the value finds the characters that hold its whole text as written (perhaps in a
 * variable's assignment): a fix may write over them. Not when it finds a reference or an expression that brings the
 * value in, or makes it of pieces (a parameter file gives it, it is joined to other text, a string holds an escape).
 */
export function locatesCopy(value: Value): boolean {
  const [only, ...others] = value.segments;
  return only !== undefined && others.length === 0 && only.at !== undefined;
}

/**
 * Where a value's whole text is copied character for character from in another document (a parameter file gives the
 * value a template uses): a fix of the value writes there, not over the reference that brings it in.
 */
export function locateElsewhere(value: Value): FileSpan | undefined {
  const [only, ...others] = value.segments;
  const from = only?.from;
  return from?.copied && others.length === 0 ? { uri: from.uri, start: from.start, end: from.end } : undefined;
}

/**
 * Where another document (a parameter file) writes the first piece of the value it writes, if it writes any: this
 * document holds only a reference to that piece.
 */
export function givenElsewhere(value: Value): FileSpan | undefined {
  const from = value.segments.find((segment) => segment.from !== undefined)?.from;
  return from && { uri: from.uri, start: from.start, end: from.end };
}

/**
 * Where another document (a parameter file) writes `length` characters at `index` of the value's text, when one piece
 * of the value holds them all: to the character when that piece is copied from there, else the whole piece's place.
 */
export function givenAt(value: Value, index: number, length: number): FileSpan | undefined {
  if (value instanceof OnePieceValue) return undefined;
  let offset = 0;
  for (const segment of value.segments) {
    const end = offset + segment.text.length;
    if (index >= offset && index + length <= end) return segment.from && givenPiece(segment.from, index - offset, length);
    offset = end;
  }
  return undefined;
}

/** Where another document writes `length` characters at `index` of a piece it gives (see `givenAt`). */
export function givenPiece(from: Origin, index: number, length: number): FileSpan {
  return from.copied ? { uri: from.uri, start: from.start + index, end: from.start + index + length } : { uri: from.uri, start: from.start, end: from.end };
}

/**
 * Where `length` characters at `index` of the value's text stand at the place of use: the reference that brought them
 * in (a variable), else the whole value.
 */
export function usedAt(value: Value, index: number, length: number): Span {
  // A piece of its own is used where it is written, whichever part of it is asked for.
  if (value instanceof OnePieceValue) return value.span;
  const sliced = value instanceof SlicedValue ? value.placeOf(index, length, 'used') : undefined;
  if (sliced) return sliced;
  let offset = 0;
  for (const segment of value.segments) {
    const end = offset + segment.text.length;
    if (index >= offset && index + length <= end) return segment.via ?? value.span;
    offset = end;
  }
  return value.span;
}

/**
 * A value whose text is known at once and whose positions (segments, span) are worked out on first use. A large JSON
 * document has many thousands of values and only the few in findings ever need a position.
 */
export abstract class LazyValue implements Value {
  // Set in the constructor rather than declared as class fields: a class field is defined through a path that is
  // slow once it meets objects of more than four classes, and this one initialises every kind of lazy value.
  declare readonly text: string;
  private declare resolved: Value | undefined;

  constructor(text: string) {
    this.text = text;
    this.resolved = undefined;
  }

  /** The value with its positions. */
  protected abstract resolve(): Value;

  /** The value with its positions, where already worked out. */
  protected get resolvedValue(): Value | undefined {
    return this.resolved;
  }

  get segments(): readonly Segment[] {
    this.resolved ??= this.resolve();
    return this.resolved.segments;
  }

  get span(): Span {
    this.resolved ??= this.resolve();
    return this.resolved.span;
  }
}

/**
 * A value of one piece, used where it is written (from `start` to `end`): copied there character for character
 * (`literalValue` with `at` at its start), or known only at run time (`unknownValue`). Its segment and span objects
 * are made when first asked: a dense script keeps thousands of these through the whole lint, most only read for
 * their text, and each object kept is copied by every young-generation collection it lives through.
 */
class OnePieceValue extends LazyValue {
  declare readonly start: number;
  declare readonly end: number;
  declare readonly copied: boolean;
  private declare placed: Span | undefined;

  constructor(text: string, start: number, end: number, copied: boolean) {
    super(text);
    this.start = start;
    this.end = end;
    this.copied = copied;
    this.placed = undefined;
  }

  /**
   * Where it is written and used, without working out its segments (a rule asks this of each placeholder in it). One
   * object, made when first asked, as other values' spans are.
   */
  override get span(): Span {
    this.placed ??= { start: this.start, end: this.end };
    return this.placed;
  }

  protected resolve(): Value {
    return this.copied ? literalValue(this.text, this.span, this.start) : unknownValue(this.span);
  }

  /** `locate` without the segments: a copied piece's own characters, else where it is used. */
  placeOf(index: number, length: number): Span {
    return this.copied && index >= 0 && index + length <= this.text.length ? { start: this.start + index, end: this.start + index + length } : this.span;
  }
}

/**
 * Where a value written whole and used there (`writtenValue`) starts in the document, so that a rule can place parts
 * of it by number (`locate` makes a span object for each); undefined for any other value.
 */
export function writtenAt(value: Value): number | undefined {
  return value instanceof OnePieceValue && value.copied ? value.start : undefined;
}

/** `literalValue` of `text`, written at `start` and used there (see `OnePieceValue`). */
export function writtenValue(text: string, start: number): Value {
  return new OnePieceValue(text, start, start + text.length, true);
}

/** `unknownValue` of what is written from `start` to `end` (see `OnePieceValue`). */
export function unknownValueAt(start: number, end: number): Value {
  return new OnePieceValue(UNKNOWN, start, end, false);
}

/**
 * The part of a value between two indexes of its text. Its span and the places of parts of it are read from the
 * pieces of the segments of the value it is sliced from (of the value that one is sliced from, for a slice of a
 * slice); its segments are worked out only when asked for (a dense script slices thousands of registration paths,
 * and the parts of each, and the rules need only places).
 */
class SlicedValue extends LazyValue {
  private declare usedSpan: Span | undefined;
  /** What the pieces are read from (`readsFrom`), and where the slice is in its text; unset until first needed. */
  private declare source: Value | undefined;
  private declare sourceStart: number;
  private declare sourceEnd: number;
  /** Whether two of the pieces in a row stand for run-time text; unset until first needed. */
  private declare joinsRunTimeParts: boolean | undefined;
  // Declared and set in the constructor, as parameter properties would be class fields: those left these objects'
  // fields in a second store, an object more per slice.
  private declare readonly whole: Value;
  private declare readonly start: number;
  private declare readonly end: number;

  constructor(whole: Value, start: number, end: number) {
    super(whole.text.slice(start, end));
    this.whole = whole;
    this.start = start;
    this.end = end;
    this.usedSpan = undefined;
    this.source = undefined;
    this.sourceStart = start;
    this.sourceEnd = end;
    this.joinsRunTimeParts = undefined;
  }

  override get span(): Span {
    this.usedSpan ??= slicedSpan(this.readsFrom(), this.sourceStart, this.sourceEnd, this.whole);
    return this.usedSpan;
  }

  /**
   * `locate` (written) or `usedAt` (used) of `length` characters at `index` of the slice, from its pieces: the same as
   * from its own segments, which are those pieces, unless two of them in a row stand for run-time text (`valueOf`
   * joins those, moving the places after them): then undefined.
   */
  placeOf(index: number, length: number, where: 'written' | 'used'): Span | undefined {
    // Its own loop rather than `Pieces`: this runs for each placeholder of a dense script, and each walk would be an object.
    const source = this.readsFrom();
    const { sourceStart: start, sourceEnd: end } = this;
    let offset = 0; // of the segment in the source's text
    let previousUnknown = false;
    for (const segment of source.segments) {
      if (offset >= end) break;
      const segmentEnd = offset + segment.text.length;
      if (Math.max(start, offset) < Math.min(end, segmentEnd)) {
        const unknown = segment.text === UNKNOWN;
        if (unknown && previousUnknown) return undefined;
        previousUnknown = unknown;
        if (index >= Math.max(start, offset) - start && index + length <= Math.min(end, segmentEnd) - start) {
          if (where === 'written' && segment.at !== undefined) return { start: segment.at + start + index - offset, end: segment.at + start + index - offset + length };
          return segment.via ?? this.span;
        }
      }
      offset = segmentEnd;
    }
    return this.span;
  }

  protected resolve(): Value {
    return valueOf(slicedSegments(this.whole, this.start, this.end), this.span);
  }

  /** What `placeOf` walks (see `sliceSource`). */
  sourceOf(): SliceSource | undefined {
    const value = this.readsFrom();
    // Two run-time pieces in a row put two UNKNOWNs in a row in the text: most texts rule that out without a walk.
    if (this.text.includes(UNKNOWN + UNKNOWN) && this.joinsRunTime()) return undefined;
    return { value, start: this.sourceStart, end: this.sourceEnd };
  }

  /**
   * The value whose segments hold the slice's pieces: the whole, or what the whole reads from when it is a slice
   * whose own segments are its pieces unchanged (nothing for `valueOf` to join), so a slice of a slice works out
   * neither's segments.
   */
  private readsFrom(): Value {
    if (this.source === undefined) {
      const whole = this.whole;
      if (whole instanceof SlicedValue && !whole.joinsRunTime()) {
        this.source = whole.readsFrom();
        this.sourceStart = whole.sourceStart + this.start;
        this.sourceEnd = Math.min(whole.sourceStart + this.end, whole.sourceEnd);
      } else {
        this.source = whole;
      }
    }
    return this.source;
  }

  private joinsRunTime(): boolean {
    if (this.joinsRunTimeParts === undefined) {
      let previousUnknown = false;
      this.joinsRunTimeParts = false;
      for (const pieces = new Pieces(this.readsFrom(), this.sourceStart, this.sourceEnd); pieces.next();) {
        const unknown = pieces.segment.text === UNKNOWN;
        if (unknown && previousUnknown) this.joinsRunTimeParts = true;
        previousUnknown = unknown;
      }
    }
    return this.joinsRunTimeParts;
  }
}

/** The span of a value, worked out when first read. */
class ValueSpan implements Span {
  constructor(private readonly value: Value) {}

  get start(): number {
    return this.value.span.start;
  }

  get end(): number {
    return this.value.span.end;
  }
}

/** Where a value is used, without working it out now. */
export function spanOf(value: Value): Span {
  return value instanceof LazyValue ? new ValueSpan(value) : value.span;
}

class LazySpan implements Span {
  private resolved: Span | undefined;

  constructor(private readonly resolve: () => Span) {}

  get start(): number {
    this.resolved ??= this.resolve();
    return this.resolved.start;
  }

  get end(): number {
    this.resolved ??= this.resolve();
    return this.resolved.end;
  }
}

/** A span worked out on first use. */
export function lazySpan(resolve: () => Span): Span {
  return new LazySpan(resolve);
}

/** Where a slice's pieces are: the value whose segments hold them, and where the slice lies in that value's text. */
export interface SliceSource {
  value: Value;
  start: number;
  end: number;
}

/**
 * Where `locate` and `usedAt` read a slice's places from (the pieces of its source's segments, falling back to the
 * slice's span), so that a rule can place all its parts in one walk; undefined for a value that is no slice, or a
 * slice with two pieces in a row that stand for run-time text (`locate` then reads its own segments).
 */
export function sliceSource(value: Value): SliceSource | undefined {
  return value instanceof SlicedValue ? value.sourceOf() : undefined;
}

/** The part of a value between two indexes of its text, as a value of its own, spanning where that part is written. */
export function sliceValue(value: Value, start: number, end: number): Value {
  // A part of a piece copied from the text is a piece copied from the text (the whole of it, the value itself: a
  // registration path is often a whole string, and both a command's and a string's facts slice it).
  if (value instanceof OnePieceValue && value.copied && start >= 0 && start < Math.min(end, value.text.length)) {
    return start === 0 && end >= value.text.length ? value : writtenValue(value.text.slice(start, end), value.start + start);
  }
  return new SlicedValue(value, start, end);
}

/**
 * The segments of a value with text between two indexes of its text, one after the other (`next`), each with that
 * stretch (`from` to `to`, in the value's text) and where it starts (`offset`). An object rather than a callback: a
 * dense script's slices are walked tens of thousands of times.
 */
const noPiece: Segment = { text: '' };

class Pieces {
  declare segment: Segment;
  declare from: number;
  declare to: number;
  declare offset: number;
  private declare index: number;
  private declare nextOffset: number;

  constructor(private readonly value: Value, private readonly start: number, private readonly end: number) {
    // Every field set here, so that all walks share one shape.
    this.segment = noPiece;
    this.from = 0;
    this.to = 0;
    this.offset = 0;
    this.index = -1;
    this.nextOffset = 0;
  }

  /** Moves to the next piece; false when there is none. */
  next(): boolean {
    const segments = this.value.segments;
    while (++this.index < segments.length && this.nextOffset < this.end) {
      const segment = segments[this.index];
      this.offset = this.nextOffset;
      this.nextOffset += segment.text.length;
      this.from = Math.max(this.start, this.offset);
      this.to = Math.min(this.end, this.nextOffset);
      if (this.from < this.to) {
        this.segment = segment;
        return true;
      }
    }
    return false;
  }
}

/** The pieces of a value's segments between two indexes of its text, each where it is written and used. */
function slicedSegments(value: Value, start: number, end: number): Segment[] {
  const segments: Segment[] = [];
  for (const pieces = new Pieces(value, start, end); pieces.next();) {
    const { segment, from, to, offset } = pieces;
    const piece: Segment = { text: segment.text.slice(from - offset, to - offset) };
    if (segment.at !== undefined) piece.at = segment.at + from - offset;
    if (segment.via) piece.via = segment.via;
    if (segment.from) piece.from = segment.from.copied ? { ...segment.from, start: segment.from.start + from - offset, end: segment.from.start + to - offset } : segment.from;
    segments.push(piece);
  }
  return segments;
}

/**
 * Where the part of a value between two indexes of its text stands at the place of use: around the places of its
 * pieces when each of them tells (the reference that brought it in, or where it is copied from), else the span of
 * `sliced` (the value, or the slice of it that the part is sliced from).
 */
function slicedSpan(value: Value, start: number, end: number, sliced: Value): Span {
  let useStart = Infinity;
  let useEnd = -Infinity;
  const pieces = new Pieces(value, start, end);
  if (!pieces.next()) return sliced.span;
  do {
    const { segment, from, to, offset } = pieces;
    if (segment.via) {
      useStart = Math.min(useStart, segment.via.start);
      useEnd = Math.max(useEnd, segment.via.end);
    } else if (segment.at !== undefined) {
      useStart = Math.min(useStart, segment.at + from - offset);
      useEnd = Math.max(useEnd, segment.at + to - offset);
    } else {
      return sliced.span;
    }
  } while (pieces.next());
  return { start: useStart, end: useEnd };
}

/** A registration as a request or a declaration names it; an absent part is not named at all. */
export interface RegistrationRef {
  subscriptionId?: Value;
  resourceGroup?: Value;
  name?: Value;
}

/** Where a registration is created or shown: Set-AzsRegistration, an ARM resource, a saved GET response, a PUT request. */
export interface RegistrationDeclaration {
  span: Span;
  ref: RegistrationRef;
  /** The billing model; `implicit` when a cmdlet's default applies because none is given. */
  billingModel?: { value: Value; implicit: boolean };
}

/** A value as plain data, its positions worked out (lazy values are objects that hold on to the document's reading). */
export function plainValue(value: Value): Value {
  return { text: value.text, segments: value.segments.map((s) => ({ ...s, ...(s.via ? { via: plainSpan(s.via) } : {}) })), span: plainSpan(value.span) };
}

function plainSpan(span: Span): Span {
  return { start: span.start, end: span.end };
}

/** A declaration as plain data, to hand to another thread. */
export function plainDeclaration(declaration: RegistrationDeclaration): RegistrationDeclaration {
  const plain = (value: Value | undefined) => value && plainValue(value);
  const { subscriptionId, resourceGroup, name } = declaration.ref;
  return {
    span: plainSpan(declaration.span),
    ref: { ...(subscriptionId ? { subscriptionId: plain(subscriptionId) } : {}), ...(resourceGroup ? { resourceGroup: plain(resourceGroup) } : {}), ...(name ? { name: plain(name) } : {}) },
    ...(declaration.billingModel ? { billingModel: { value: plainValue(declaration.billingModel.value), implicit: declaration.billingModel.implicit } } : {}),
  };
}

/** A place that sets a billing model, with the values it accepts and whether the parameters that model needs are given. */
export interface BillingModelUse {
  value: Value;
  accepted: readonly string[];
  /** Undefined when it cannot be told (the parameters come from a hashtable the file does not show). */
  hasAgreementNumber?: boolean;
  hasMsAssetTag?: boolean;
  /** The command or resource that sets it, for messages. */
  setBy: string;
}

export type TenantAction = 'add' | 'remove' | 'get' | 'list';

/** Adding, removing, reading or listing customer subscriptions (tenants) of a registration. */
export interface TenantOperation {
  action: TenantAction;
  /** What a finding about the whole operation underlines: a cmdlet name, a request URL, a template resource. */
  span: Span;
  registration: RegistrationRef;
  customerSubscriptionId?: Value;
  tenantId?: Value;
  /** Set for an add whose request body is known and has no tenantId: where to point. */
  tenantIdMissingAt?: Span;
}

export type ApiTarget = 'registration' | 'customerSubscription';

export interface ApiVersionUse {
  value: Value;
  target: ApiTarget;
}

export interface ParameterUse {
  /** As written, without the leading dash. */
  name: string;
  nameSpan: Span;
  /** Absent for a bare switch. */
  value?: Value;
  /** The keys and values when the value is a hashtable the file shows (written there or held by a variable). */
  entries?: ParameterUse[];
}

/** A PowerShell command the linter knows about, with its arguments. */
export interface CmdletUse {
  name: string;
  nameSpan: Span;
  span: Span;
  parameters: ParameterUse[];
  positional: Value[];
  /** True when `@splat` arguments come from a hashtable the file does not show, so any parameter may be among them. */
  unresolvedSplat: boolean;
}

export interface Suppression {
  /** Empty: every rule. */
  codes: string[];
  /** `lines`: from `line` to `lastLine` (a Markdown code block). */
  scope: 'file' | 'nextLine' | 'lines';
  /** 0-based line the suppression applies to (for nextLine: the line after the comment). */
  line: number;
  lastLine?: number;
}

/** A part of a document written in another language: a Markdown code block, and the language that reads it. */
export interface EmbeddedRegion {
  kind: string;
  start: number;
  end: number;
}

/**
 * Where a file finds a registration at run time by its resource type (`Get-AzResource -ResourceType
 * Microsoft.AzureStack/registrations`): in any resource group, and with any name, unless the lookup names them.
 */
export interface RegistrationLookup {
  span: Span;
  anyResourceGroup: boolean;
  anyName: boolean;
}

/**
 * A PowerShell line continuation that PowerShell does not see: a backtick with blanks after it (it escapes the blank,
 * so the command ends at the line break), or a line that starts with a parameter after a line that does not end in a
 * backtick (PowerShell runs it as a command named like the parameter).
 */
export type LostContinuation =
  | { kind: 'blankAfterBacktick'; /** The blanks after the backtick. */ span: Span }
  | {
    kind: 'parameterLine';
    /** The parameter that starts the line, as written (with its dash). */
    span: Span;
    parameter: string;
    /** Where a backtick continues the line before: the end of its code (undefined when it ends in a comment or is no command). */
    continueAt?: Span;
  };

/** A run of characters outside ASCII in a script's code (not in a comment), as written. */
export interface NonAsciiRun {
  start: number;
  end: number;
  text: string;
}

/** Where a call on a registration or its customer subscriptions goes, where the script tells. */
export interface CloudCall {
  /** The command, or the URL that names the host. */
  span: Span;
  destination: 'stamp' | 'azure';
  /** `environment`: the PowerShell session's active environment; `cloud`: the Azure CLI's; `url`: the host the URL names. */
  by: 'environment' | 'cloud' | 'url';
  /** The environment or cloud (AzureStackAdmin, …) or host it goes to. */
  target: string;
  /** Where the script made the environment active, and on which line (1-based). */
  switchedAt?: Span;
  switchedLine?: number;
}

/** A registration path as written, and what `parseRegistrationId` makes of its text: parsed once, when read. */
export interface ResourceIdUse {
  path: Value;
  parsed: ParsedResourceId;
}

export interface FileFacts {
  cmdlets: CmdletUse[];
  registrations: RegistrationDeclaration[];
  billingModels: BillingModelUse[];
  tenantOperations: TenantOperation[];
  /** Strings meant as Microsoft.AzureStack registration paths, cut to the path (from `/subscriptions`, no query). */
  resourceIds: ResourceIdUse[];
  apiVersions: ApiVersionUse[];
  /**
   * Values sent to Azure or to a command, where an unfilled placeholder is a mistake. A reader may leave out those
   * that cannot hold one (`mayHoldPlaceholder`): a template's thousands of tenant names mostly cannot.
   */
  values: Value[];
  /** Literal secrets turned into credentials. */
  secrets: Value[];
  suppressions: Suppression[];
  /** True when the file looks the stamp's CloudDeploymentID (cloudId) up or compares it. */
  checksCloudId: boolean;
  registrationLookups: RegistrationLookup[];
  /** True when the parser met text it could not read (PowerShell, JSON): fixes cannot be sure where its values end. */
  syntaxErrors?: boolean;
  /** PowerShell: line continuations PowerShell does not see, in the order of the text. */
  lostContinuations?: LostContinuation[];
  /** PowerShell: characters outside ASCII in code (comments left out), in the order of the text. */
  nonAsciiCode?: NonAsciiRun[];
  /** True when the text starts with a byte order mark character (a fix wrote one; it is saved as the file's BOM). */
  startsWithBom?: boolean;
  /** Calls on registrations and customer subscriptions whose destination the script makes certain. */
  cloudCalls?: CloudCall[];
  /** The code blocks of a Markdown document, each read as the language it is tagged with. */
  embedded?: EmbeddedRegion[];
}

export function emptyFacts(): FileFacts {
  return {
    cmdlets: [], registrations: [], billingModels: [], tenantOperations: [], resourceIds: [], apiVersions: [], values: [],
    secrets: [], suppressions: [], checksCloudId: false, registrationLookups: [],
  };
}
