// ARM templates: Microsoft.AzureStack registrations and customerSubscriptions resources (also nested as child
// resources and inside nested deployments), with the few template expressions that can be worked out before a
// deployment: parameters() (from a parameter file or the default), variables(), concat() and format(). Every
// other function's result is unknown. Values get their positions only when a finding asks for them.
import { UNKNOWN, hasUnknown, mayHoldPlaceholder } from '../ids';
import { billingModels } from '../azureStack';
import {
  LazyValue, referencedAt, sliceValue, spanOf, unknownValue, valueOf, type ApiTarget, type ApiVersionUse, type FileFacts, type RegistrationRef,
  type Segment, type TenantAction, type TenantOperation, type Value,
} from '../facts';
import type { Span } from '../text';
import { isMap, member, memberKey, placeIn, sameLowerCase, type Json, type JsonMap, type JsonPlace, type JsonSource } from './jsonSource';

export interface ArmScope {
  parameter(name: string): Value | undefined;
  variable(name: string): Value | undefined;
  /**
   * A parameter or variable as `parameter` or `variable` gave it, without looking it up: undefined when it was not
   * looked up yet, null when it was and is unknown (or is being worked out: a cycle).
   */
  settled(kind: 'parameters' | 'variables', name: string): Value | null | undefined;
  /** Which parameters' and variables' values a value's text knew (see `SettledOrder`). */
  knownWhen(value: Value): (referenced: Value) => boolean;
  /** The expression a `[…]` string holds, read once per text: templates repeat some (an api-version variable) thousands of times. */
  expression(text: string): Expression | undefined;
  /**
   * The text of a short expression a resource writes (not one inside a parameter or variable), worked out once per
   * text: the api-version variable of every resource of a template is ≈ a fifth of the work otherwise.
   */
  resourceText(text: string): string;
  /**
   * One copy of a short text that resources write again and again (an api-version expression), to keep in place of
   * each resource's own: nothing is worked out.
   */
  shared(text: string): string;
}

export type Expression =
  | { kind: 'string'; text: string; index?: number }
  | { kind: 'call'; name: string; args: Expression[]; accessed: boolean };

const isDigit = (code: number) => code >= 48 && code <= 57;
const isNameStart = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isNamePart = (code: number) => isNameStart(code) || isDigit(code) || code === 46;
const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/** A call being read: its name, the arguments read so far, whether an accessor follows it, and whether the expression read now is an `[index]` accessor's. */
interface OpenCall {
  name: string;
  args: Expression[];
  accessed: boolean;
  inIndex: boolean;
}

/** What the reader says when the innermost open call waits for an expression inside it. */
const readInside = Symbol('read inside');

/**
 * A reader of one template expression (the text between the outer brackets), the calls open at each point kept in an
 * array rather than on the call stack: an expression written thousands of calls deep is read whole in any process.
 * It steps over character codes: large templates hold tens of thousands of expressions, and a loop over codes costs
 * less there than a pattern tried at each token.
 */
class ExpressionReader {
  private position = 0;

  constructor(private readonly source: string) {}

  read(): Expression | undefined {
    const expression = this.expression();
    this.space();
    return expression && this.position === this.source.length ? expression : undefined;
  }

  /** Moves past the characters `accepts` takes from here, and returns them. */
  private take(accepts: (code: number) => boolean): string {
    const start = this.position;
    while (this.position < this.source.length && accepts(this.source.charCodeAt(this.position))) this.position++;
    return this.source.slice(start, this.position);
  }

  private space(): void {
    while (isSpace(this.source.charCodeAt(this.position))) this.position++;
  }

  /** `-`? digits, as the pattern `[-0-9][0-9]*` took them. */
  private number(): string {
    const code = this.source.charCodeAt(this.position);
    if (code !== 45 && !isDigit(code)) return '';
    const start = this.position++;
    this.take(isDigit);
    return this.source.slice(start, this.position);
  }

  private name(): string {
    return isNameStart(this.source.charCodeAt(this.position)) ? this.take(isNamePart) : '';
  }

  /**
   * The expression from here; undefined when the text is no expression. A failure inside a call fails the calls
   * around it, up to an `[index]` accessor's, which ends its call's accessors there (the call's result is unknown).
   */
  private expression(): Expression | undefined {
    const open: OpenCall[] = [];
    for (;;) {
      let read = this.begin(open);
      if (read === readInside) continue;
      for (;;) {
        const call = open.at(-1);
        if (!call) return read;
        read = this.after(call, read);
        if (read === readInside) break;
        open.pop();
      }
    }
  }

  /** Reads a constant, or a call's name and `(` and on as far as an expression inside it (then the call is open). */
  private begin(open: OpenCall[]): Expression | undefined | typeof readInside {
    this.space();
    if (this.source[this.position] === "'") return this.string();
    const number = this.number();
    if (number) return number === '-' ? undefined : { kind: 'string', text: number };
    const name = this.name();
    if (!name) return undefined;
    this.space();
    if (this.source[this.position] !== '(') return undefined;
    this.position++;
    const call: OpenCall = { name: name.toLowerCase(), args: [], accessed: false, inIndex: false };
    this.space();
    const read = this.arguments(call);
    if (read === readInside) open.push(call);
    return read;
  }

  /** Goes on with an open call after the expression read inside it (undefined: none could be read). */
  private after(call: OpenCall, inside: Expression | undefined): Expression | undefined | typeof readInside {
    if (call.inIndex) {
      call.inIndex = false;
      call.accessed = true;
      if (!inside) return this.called(call);
      this.space();
      this.position++;
      return this.accessors(call);
    }
    if (!inside) return undefined;
    call.args.push(inside);
    this.space();
    if (this.source[this.position] === ',') this.position++;
    else if (this.source[this.position] !== ')') return undefined;
    return this.arguments(call);
  }

  /** An argument to read next, or the call's `)` and its accessors. */
  private arguments(call: OpenCall): Expression | typeof readInside {
    if (this.source[this.position] !== ')') return readInside;
    this.position++;
    return this.accessors(call);
  }

  /** Skips `.property` and `[index]` after a call (the result is then unknown); an index's expression is read inside. */
  private accessors(call: OpenCall): Expression | typeof readInside {
    for (;;) {
      this.space();
      if (this.source[this.position] === '.' && isNameStart(this.source.charCodeAt(this.position + 1))) {
        this.position++;
        this.take(isNamePart);
        call.accessed = true;
      } else if (this.source[this.position] === '[') {
        this.position++;
        call.inIndex = true;
        return readInside;
      } else {
        return this.called(call);
      }
    }
  }

  private called(call: OpenCall): Expression {
    return { kind: 'call', name: call.name, args: call.args, accessed: call.accessed };
  }

  /** A quoted constant; `index` is where its text starts in the expression when it has no doubled quotes. */
  private string(): Expression | undefined {
    const start = this.position + 1;
    let text = '';
    let escaped = false;
    for (let i = start; i < this.source.length; i++) {
      const close = this.source.indexOf("'", i);
      if (close < 0) return undefined;
      text += this.source.slice(i, close);
      if (this.source[close + 1] !== "'") {
        this.position = close + 1;
        return escaped ? { kind: 'string', text } : { kind: 'string', text, index: start };
      }
      text += "'";
      escaped = true;
      i = close + 1;
    }
    return undefined;
  }
}

const maxDepth = 16;

/** The functions whose names `PlainExpression` tells apart: the others all give an unknown result. */
const callNames = ['concat', 'parameters', 'variables', 'format'] as const;
/** Those functions by the code of their initial, in which they differ: a name is compared with one of them only. */
const callNameByInitial = new Map<number, (typeof callNames)[number]>(callNames.map((name) => [name.charCodeAt(0), name]));

/**
 * The text of the commonest expressions, worked out in one pass over their characters without a syntax tree:
 * quoted constants, numbers and calls without accessors, where only concat(), parameters() and variables() give
 * anything known (a template's tenant names, its api-version variable). Reading thousands of tenant names into
 * trees made most of a large template's garbage. It looks up no parameter or variable itself: it takes only those
 * already worked out (`ArmScope.settled`), so a read it gives up half-way has looked nothing up, and the reader that
 * takes over looks them up in its own order, which decides cycles. Anything else (format(), an accessor, a doubled
 * quote, nesting beyond the depth limit, a parameter not yet worked out, text the reader refuses) gives undefined
 * and goes through the reader and `evaluate`, which agree with this on what they share. A template's first use of a
 * parameter goes that way; its thousands of later uses do not.
 */
class PlainExpression {
  private position = 1;
  /** Where the expression ends: at the closing bracket of the `[…]` string. */
  private readonly end: number;

  private constructor(private readonly source: string, private readonly scope: ArmScope) {
    this.end = source.length - 1;
  }

  static text(expression: string, scope: ArmScope, depth: number): string | undefined {
    const reader = new PlainExpression(expression, scope);
    const text = reader.expression(depth);
    reader.space();
    return reader.position === reader.end ? text : undefined;
  }

  private space(): void {
    while (isSpace(this.source.charCodeAt(this.position))) this.position++;
  }

  private expression(depth: number): string | undefined {
    this.space();
    const start = this.position;
    const code = this.source.charCodeAt(start);
    if (code === 39) {
      const close = this.source.indexOf("'", start + 1);
      if (close < 0 || this.source.charCodeAt(close + 1) === 39) return undefined;
      this.position = close + 1;
      return this.source.slice(start + 1, close);
    }
    if (code === 45 || isDigit(code)) {
      this.position++;
      while (isDigit(this.source.charCodeAt(this.position))) this.position++;
      if (this.position - start === 1 && code === 45) return undefined;
      return this.source.slice(start, this.position);
    }
    return isNameStart(code) ? this.call(depth) : undefined;
  }

  private call(depth: number): string | undefined {
    const start = this.position;
    while (isNamePart(this.source.charCodeAt(this.position))) this.position++;
    // `| 32` lower-cases an ASCII letter.
    const known = callNameByInitial.get(this.source.charCodeAt(start) | 32);
    const name = known !== undefined && this.isName(start, known) ? known : '';
    this.space();
    if (this.source.charCodeAt(this.position) !== 40 || depth > maxDepth || name === 'format') return undefined;
    this.position++;
    let text = '';
    let first: string | undefined;
    this.space();
    while (this.source.charCodeAt(this.position) !== 41) {
      const arg = this.expression(depth + 1);
      if (arg === undefined) return undefined;
      if (name === 'concat') text += arg;
      else first ??= arg;
      this.space();
      if (this.source.charCodeAt(this.position) === 44) this.position++;
      else if (this.source.charCodeAt(this.position) !== 41) return undefined;
    }
    this.position++;
    this.space();
    const next = this.source.charCodeAt(this.position);
    if (next === 91 || (next === 46 && isNameStart(this.source.charCodeAt(this.position + 1)))) return undefined;
    if (name === 'concat') return text;
    return name === 'parameters' || name === 'variables' ? this.reference(name, first ?? UNKNOWN) : UNKNOWN;
  }

  /** Whether the name read from `start` to here is `known` (lower case) in any letter case, without copying it out. */
  private isName(start: number, known: string): boolean {
    if (this.position - start !== known.length) return false;
    for (let i = 0; i < known.length; i++) {
      const code = this.source.charCodeAt(start + i);
      if ((code >= 65 && code <= 90 ? code + 32 : code) !== known.charCodeAt(i)) return false;
    }
    return true;
  }

  /** A parameter's or variable's text when it is worked out already; undefined (give up) when not yet. */
  private reference(kind: 'parameters' | 'variables', name: string): string | undefined {
    if (name.includes(UNKNOWN)) return UNKNOWN;
    const value = this.scope.settled(kind, name);
    return value === undefined ? undefined : value === null ? UNKNOWN : value.text;
  }
}

/** How an expression's results are built: as plain text, or as segments that know their positions. */
interface Build<T> {
  constant(expression: Extract<Expression, { kind: 'string' }>): T;
  unknown(): T;
  /** What parameters() or variables() bring in. */
  reference(value: Value): T;
  concat(parts: T[]): T;
  text(part: T): string;
}

const asText: Build<string> = {
  constant: (e) => e.text,
  unknown: () => UNKNOWN,
  reference: (value) => value.text,
  concat: (parts) => parts.join(''),
  text: (part) => part,
};

/**
 * Segments located in the document: `base` is the offset of the expression's first character, when its characters
 * stand 1:1 there. `known` tells the values brought in that the text knew (`ArmScope.knownWhen`); the others are unknown.
 */
function asSegments(base: number | undefined, via: Span, known: (value: Value) => boolean): Build<Segment[]> {
  return {
    constant: (e) => [base !== undefined && e.index !== undefined ? { text: e.text, at: base + e.index } : { text: e.text }],
    unknown: () => [{ text: UNKNOWN }],
    reference: (value) => (known(value) ? referencedAt(value.segments, via) : [{ text: UNKNOWN }]),
    concat: (parts) => parts.flat(),
    text: (part) => part.map((s) => s.text).join(''),
  };
}

/** The text, as `asText` builds it, noting in `found` each value brought in that `known` tells. */
function noting(found: Value[], known: (value: Value) => boolean): Build<string> {
  return { ...asText, reference: (value) => (known(value) ? (found.push(value), value.text) : UNKNOWN) };
}

/**
 * The order in which a read's parameters' and variables' values were settled (first looked up to the end). A value's
 * text knew only those settled before it: one still being worked out then (a cycle through it, or one refused past
 * the depth limit) was unknown, and is unknown in its positions too, however it was settled since. One per read of a
 * document, shared by its templates: a parameter file's values are settled afresh in each read of the template.
 */
class SettledOrder {
  private readonly order = new WeakMap<Value, number>();
  private count = 0;

  settle(value: Value): void {
    if (!this.order.has(value)) this.order.set(value, this.count++);
  }

  /** Which values a value's text knew: all for one that is no parameter's or variable's. */
  knownWhen(value: Value): (referenced: Value) => boolean {
    const order = this.order.get(value);
    return order === undefined ? () => true : (referenced) => (this.order.get(referenced) ?? Infinity) < order;
  }
}

function evaluate<T>(expression: Expression, scope: ArmScope, depth: number, build: Build<T>): T {
  if (expression.kind === 'string') return build.constant(expression);
  if (expression.accessed || depth > maxDepth) return build.unknown();
  const args = expression.args.map((a) => evaluate(a, scope, depth + 1, build));
  switch (expression.name) {
    case 'parameters':
    case 'variables': {
      const name = args.length > 0 ? build.text(args[0]) : UNKNOWN;
      const value = name.includes(UNKNOWN) ? undefined : expression.name === 'parameters' ? scope.parameter(name) : scope.variable(name);
      return value ? build.reference(value) : build.unknown();
    }
    case 'concat':
      return build.concat(args);
    case 'format':
      return format(args, build);
    default:
      return build.unknown();
  }
}

/** `format('{0}/{1}', a, b)`: the format string must be known; its placeholders take the arguments. */
function format<T>(args: T[], build: Build<T>): T {
  const pattern = args.length > 0 ? build.text(args[0]) : UNKNOWN;
  if (pattern.includes(UNKNOWN)) return build.unknown();
  const parts: T[] = [];
  let last = 0;
  for (const match of pattern.matchAll(/\{(\d+)\}/g)) {
    parts.push(build.constant({ kind: 'string', text: pattern.slice(last, match.index) }), args[Number(match[1]) + 1] ?? build.unknown());
    last = match.index + match[0].length;
  }
  parts.push(build.constant({ kind: 'string', text: pattern.slice(last) }));
  return build.concat(parts);
}

/**
 * An expression's result, located when first asked: one object per use (a closure over the same fields made three),
 * and templates hold tens of thousands of them.
 */
class ExpressionValue extends LazyValue {
  constructor(
    text: string,
    private readonly source: JsonSource,
    private readonly parent: JsonPlace | undefined,
    private readonly key: string | number,
    private readonly written: string,
    private readonly scope: ArmScope,
    private readonly depth: number,
  ) {
    super(text);
  }

  protected resolve(): Value {
    locateReferences(this);
    const literal = this.source.string(this.parent, this.key, this.written);
    // Read again rather than kept: few values are ever located, and a kept syntax tree per value cost more.
    const expression = this.scope.expression(this.written);
    if (!expression) return unknownValue(literal.span);
    const start = literal.segments[0]?.at;
    const build = asSegments(start === undefined ? undefined : start + 1, literal.span, this.scope.knownWhen(this));
    return valueOf(evaluate(expression, this.scope, this.depth, build), literal.span);
  }

  /** Whether its positions are worked out. */
  get located(): boolean {
    return this.resolvedValue !== undefined;
  }

  /** The values its positions bring in, those its parameters() and variables() calls give (`asSegments`). */
  references(): Value[] {
    const found: Value[] = [];
    const expression = this.scope.expression(this.written);
    if (expression) evaluate(expression, this.scope, this.depth, noting(found, this.scope.knownWhen(this)));
    return found;
  }
}

/**
 * Works out the positions of the expression values that `value` brings in, and of those they bring in, innermost
 * first: each then reads those it brings in as already worked out. Done on a stack of its own, not by recursion
 * through each value's positions: a name passed down through deployments nested thousands deep is such a chain.
 */
function locateReferences(value: ExpressionValue): void {
  const pending: ExpressionValue[] = [value];
  /** Those whose references were put on the stack: when one comes up again, they are worked out. */
  const opened = new Set<ExpressionValue>();
  while (pending.length > 0) {
    const next = pending[pending.length - 1];
    if (next.located) {
      pending.pop();
    } else if (opened.has(next)) {
      pending.pop();
      if (next !== value) void next.segments;
    } else {
      opened.add(next);
      // An opened one among them would be a cycle: none, as each brings in only values settled before it.
      for (const reference of next.references()) if (reference instanceof ExpressionValue && !reference.located && !opened.has(reference)) pending.push(reference);
    }
  }
}

/** Two parts in a row that only run time knows: they are shown as one. */
const unknownRun = UNKNOWN + UNKNOWN;

/** Whether a template string is an expression: `[…]`, but not `[[…` (an escaped bracket). */
function isExpression(text: string): boolean {
  return text.charCodeAt(0) === 91 && text.charCodeAt(text.length - 1) === 93 && !text.startsWith('[[');
}

/** Expressions no longer than this are worked out once per text at a resource; longer ones are mostly one of a kind. */
const shortExpression = 64;

/** The text of a template string's value (`armValue`'s), without a value to locate it: a resource's type. */
function armText(text: string, scope: ArmScope, depth = 0): string {
  if (text.startsWith('[[')) return text.slice(1);
  if (!isExpression(text)) return text;
  // Depth 0 is a resource's own string: parameters and variables are then read to their end, so the text is the same each time.
  return depth === 0 && text.length <= shortExpression ? scope.resourceText(text) : expressionText(text, scope, depth);
}

/** The text of an expression `[…]`, worked out as far as it can be. */
function expressionText(text: string, scope: ArmScope, depth: number): string {
  let worked = PlainExpression.text(text, scope, depth);
  if (worked === undefined) {
    const expression = scope.expression(text);
    worked = expression ? evaluate(expression, scope, depth, asText) : UNKNOWN;
  }
  return worked.includes(unknownRun) ? worked.replace(/\uE000+/g, UNKNOWN) : worked;
}

/** A template string as a value: a literal, `[[…` (an escaped bracket), or an expression worked out as far as possible. */
export function armValue(source: JsonSource, parent: JsonPlace | undefined, key: string | number, text: string, scope: ArmScope, depth = 0): Value {
  if (text.startsWith('[[')) return sliceValue(source.string(parent, key, text), 1, text.length); // [[ escapes the bracket
  if (!isExpression(text)) return source.string(parent, key, text); // no [ … ]
  return new ExpressionValue(armText(text, scope, depth), source, parent, key, text, scope, depth);
}

interface DeclarationBlock {
  value: Json;
  place: JsonPlace;
}

/** A parameter or a variable. */
type Declared = 'parameters' | 'variables';

/**
 * A template's `parameters` and `variables`. Read apart from `templateScope`: a closure there that named the template
 * kept the whole parsed document alive as long as any value of it.
 */
function declarationBlocks(template: JsonMap, place: JsonPlace | undefined): Partial<Record<Declared, DeclarationBlock>> {
  const blocks: Partial<Record<Declared, DeclarationBlock>> = {};
  for (const section of ['parameters', 'variables'] as const) {
    const block = member(template, section);
    if (block) blocks[section] = { value: block.value, place: placeIn(place, block.key) };
  }
  return blocks;
}

/**
 * The parameters and variables of a template, with parameter values from a parameter file taking precedence. It
 * holds on to those two blocks of the template only: the values read from it keep the scope, not the document. A
 * nested template's scope has its deployment's as `outer`: the names it does not declare are looked up there.
 */
export function templateScope(
  source: JsonSource, template: JsonMap, place: JsonPlace | undefined, parameterValues: ReadonlyMap<string, Value> | undefined, outer?: TemplateScope,
): TemplateScope {
  return new TemplateScope(source, declarationBlocks(template, place), parameterValues, outer);
}

/**
 * A template's scope. Its maps are made when first written: a template nested in each of thousands of deployments
 * keeps its scope as long as a value of the deepest, and most of its maps stay empty.
 */
class TemplateScope implements ArmScope {
  /** Each parameter and variable worked out, by its name as written: null when unknown. */
  private readonly settledValues: Partial<Record<Declared, Map<string, Value | null>>> = {};
  private expressions: Map<string, Expression | undefined> | undefined;
  private resourceTexts: Map<string, string> | undefined;
  private sharedTexts: Map<string, string> | undefined;
  private lastShared: string | undefined;
  /**
   * How many lookups are under way, one within another, in this template and those around it: a chain of them is
   * followed at most `maxDepth` deep whichever templates it goes through. Counted by each template for itself, a chain
   * that went outward through deployments nested n deep was followed n times as deep, on the call stack. And the
   * order their values were settled in, of the read as a whole.
   */
  private readonly lookups: { depth: number; settled: SettledOrder };

  constructor(
    private readonly source: JsonSource,
    private readonly blocks: Partial<Record<Declared, DeclarationBlock>>,
    private readonly parameterValues: ReadonlyMap<string, Value> | undefined,
    private readonly outer: TemplateScope | undefined,
  ) {
    this.lookups = outer?.lookups ?? { depth: 0, settled: new SettledOrder() };
  }

  parameter(name: string): Value | undefined {
    return this.lookup('parameters', name);
  }

  knownWhen(value: Value): (referenced: Value) => boolean {
    return this.lookups.settled.knownWhen(value);
  }

  variable(name: string): Value | undefined {
    return this.lookup('variables', name);
  }

  settled(kind: Declared, name: string): Value | null | undefined {
    return this.settledValues[kind]?.get(name);
  }

  /** The parameters or variables worked out, to write to. */
  private cache(kind: Declared): Map<string, Value | null> {
    return (this.settledValues[kind] ??= new Map<string, Value | null>());
  }

  expression(text: string): Expression | undefined {
    // Short expressions repeat (an api-version variable in every resource); long ones are mostly one of a kind
    // (a name with a subscription ID in it), and remembering those would cost more than reading them again.
    if (text.length > shortExpression) return new ExpressionReader(text.slice(1, -1)).read();
    const expressions = (this.expressions ??= new Map<string, Expression | undefined>());
    if (!expressions.has(text)) expressions.set(text, new ExpressionReader(text.slice(1, -1)).read());
    return expressions.get(text);
  }

  resourceText(text: string): string {
    const resourceTexts = (this.resourceTexts ??= new Map<string, string>());
    let worked = resourceTexts.get(text);
    if (worked === undefined) resourceTexts.set(text, worked = expressionText(text, this, 0));
    return worked;
  }

  shared(text: string): string {
    if (text.length > shortExpression) return text;
    // Compared with the last one first: resources mostly write the text the one before wrote, and each is a string
    // of its own, hashed anew for the map (≈ 4 times the comparison's cost).
    if (text === this.lastShared) return this.lastShared;
    const sharedTexts = (this.sharedTexts ??= new Map<string, string>());
    let copy = sharedTexts.get(text);
    if (copy === undefined) sharedTexts.set(text, copy = text);
    return this.lastShared = copy;
  }

  /**
   * Works a parameter or variable out once (by its name as written); one that refers to itself is unknown. A name
   * this template neither declares nor is given is the outer template's: the scopes it passes through are walked in a
   * loop, not by a call each (deployments nested thousands deep), and each keeps what the one that has it worked out.
   */
  private lookup(kind: Declared, name: string): Value | undefined {
    return TemplateScope.lookupFrom(this, kind, name);
  }

  private static lookupFrom(first: TemplateScope, kind: Declared, name: string): Value | undefined {
    const passing: TemplateScope[] = [];
    let scope = first;
    let value: Value | undefined;
    for (;;) {
      const settled = scope.settled(kind, name);
      if (settled !== undefined || scope.lookups.depth > maxDepth) {
        value = settled ?? undefined;
        break;
      }
      if (!scope.outer || scope.holds(kind, name)) {
        value = scope.workOut(kind, name);
        break;
      }
      passing.push(scope);
      scope = scope.outer;
    }
    for (const passed of passing) passed.cache(kind).set(name, value ?? null);
    return value;
  }

  /** Whether the name is given (a parameter's value) or declared here. */
  private holds(kind: Declared, name: string): boolean {
    return (kind === 'parameters' && this.parameterValues?.get(name.toLowerCase()) !== undefined) || this.declared(kind, name) !== undefined;
  }

  private declared(kind: Declared, name: string): { value: Json; parent: JsonPlace; key: string } | undefined {
    const block = this.blocks[kind];
    const entry = block && member(block.value, name);
    return block && entry ? { value: entry.value, parent: block.place, key: entry.key } : undefined;
  }

  /** A name this scope holds (or the outermost scope does not), worked out here; one that refers to itself is unknown. */
  private workOut(kind: Declared, name: string): Value | undefined {
    const cache = this.cache(kind);
    cache.set(name, null);
    this.lookups.depth++;
    try {
      const value = kind === 'parameters' ? this.parameterHere(name) : this.variableHere(name);
      const known = value && value.text !== UNKNOWN ? value : undefined;
      cache.set(name, known ?? null);
      if (known) this.lookups.settled.settle(known);
      return known;
    } finally {
      this.lookups.depth--;
    }
  }

  private parameterHere(name: string): Value | undefined {
    const given = this.parameterValues?.get(name.toLowerCase());
    if (given) return given;
    const found = this.declared('parameters', name);
    if (!found) return undefined;
    const defaultValue = member(found.value, 'defaultValue');
    if (typeof defaultValue?.value !== 'string') return undefined;
    return armValue(this.source, placeIn(found.parent, found.key), defaultValue.key, defaultValue.value, this, this.lookups.depth);
  }

  private variableHere(name: string): Value | undefined {
    const found = this.declared('variables', name);
    if (!found) return undefined;
    return typeof found.value === 'string' ? armValue(this.source, found.parent, found.key, found.value, this, this.lookups.depth) : undefined;
  }
}

/**
 * A resource, and where it is: the place of its list and its index or key there. Its own place is made when asked:
 * a tenant resource keeps these two instead, one object less per tenant for the garbage collector to copy.
 */
interface Resource {
  map: JsonMap;
  list: JsonPlace;
  key: string | number;
}

function placeOf(resource: Resource): JsonPlace {
  return placeIn(resource.list, resource.key);
}

/**
 * The resources of a `resources` property being read, one at a time: an array, or (languageVersion 2.0) an object
 * keyed by symbolic name. One at a time rather than as a list of them: a list of a template's thousands of resources
 * lived while they were all read, and the garbage collector copied it. With `release`, each resource's entry is emptied
 * once taken (see `addTemplateFacts`).
 */
class ResourceList {
  private next = 0;

  private constructor(
    /** What the resources are read with: a nested template's have a scope of their own. */
    readonly reading: Reading,
    private readonly listed: Json[] | JsonMap,
    /** The symbolic names of an object's resources; undefined for an array. */
    private readonly keys: string[] | undefined,
    private readonly list: JsonPlace,
    /** The resource whose child resources these are. */
    readonly parent: Parent | undefined,
  ) {}

  /** The list of the resources under `container` (a template, or a resource with child resources), if it has one. */
  static of(reading: Reading, container: JsonMap, place: JsonPlace | undefined, parent: Parent | undefined): ResourceList | undefined {
    const resources = member(container, 'resources');
    const listed = resources?.value;
    if (!resources || !(Array.isArray(listed) || isMap(listed))) return undefined;
    return new ResourceList(reading, listed, Array.isArray(listed) ? undefined : Object.keys(listed), placeIn(place, resources.key), parent);
  }

  /** The next resource (entries that are no object are passed over); undefined after the last. */
  take(): Resource | undefined {
    const { listed, keys } = this;
    const count = keys ? keys.length : (listed as Json[]).length;
    while (this.next < count) {
      const key = keys ? keys[this.next] : this.next;
      this.next++;
      const map = (listed as Record<string | number, Json>)[key];
      if (this.reading.release) (listed as Record<string | number, Json>)[key] = null;
      if (isMap(map)) return { map, list: this.list, key };
    }
    return undefined;
  }
}

interface Parent {
  /** Its full type as written (compared in any letter case): no lower-case copy, as a child's grows with its depth. */
  type: string;
  name: Value;
}

/** What reading a template needs at hand. */
interface Reading {
  facts: FileFacts;
  source: JsonSource;
  scope: TemplateScope;
  /** Whether each resource is let go of once read (`addTemplateFacts`). */
  release: boolean;
}

const registrationType = 'microsoft.azurestack/registrations';
const tenantType = 'microsoft.azurestack/registrations/customersubscriptions';
/** The tenant type as the documentation spells it, as most templates write it: compared whole before in any letter case. */
const tenantSpelling = 'Microsoft.AzureStack/registrations/customerSubscriptions';

/**
 * Adds the facts of a template's resources, with its expressions worked out in `scope`. `release`: nothing reads the
 * template's resources again, so each is let go of once read (its entry in `resources` emptied). The parsed template
 * is ≈ 1.3 times the size of its text, and every young-generation collection during the read copied all of it that
 * was still held, read or not; what a value needs later (parameters, variables, a nested template's) stays held by it.
 */
export function addTemplateFacts(facts: FileFacts, source: JsonSource, template: JsonMap, place: JsonPlace | undefined, scope: TemplateScope, release: boolean): void {
  addResources({ facts, source, scope, release }, template, place);
}

/** The string property `name` of a resource part as a template value. */
function stringIn(reading: Reading, map: Json | undefined, place: JsonPlace | undefined, name: string): Value | undefined {
  const key = memberKey(map, name);
  const text = key === undefined ? undefined : (map as JsonMap)[key];
  return typeof text === 'string' ? armValue(reading.source, place, key as string, text, reading.scope) : undefined;
}

/**
 * Adds the facts of the resources under `container`, depth first in the order they are written: a resource, then the
 * resources of its nested template, then its child resources. The lists open at each point are kept in an array, not
 * on the call stack: deployments nested thousands deep, or child resources, are read whole in any process.
 */
function addResources(reading: Reading, container: JsonMap, place: JsonPlace | undefined): void {
  const open: ResourceList[] = [];
  const first = ResourceList.of(reading, container, place, undefined);
  if (first) open.push(first);
  while (open.length > 0) {
    const list = open[open.length - 1];
    const resource = list.take();
    if (resource) addResource(list.reading, resource, list.parent, open);
    else open.pop();
  }
}

/** Adds one resource's facts, and opens (on `open`) the lists of resources under it: its nested template's on top. */
function addResource(reading: Reading, resource: Resource, parent: Parent | undefined, open: ResourceList[]): void {
  const typeKey = memberKey(resource.map, 'type');
  const writtenType = typeKey === undefined ? undefined : resource.map[typeKey];
  const type = typeof writtenType === 'string' ? armText(writtenType, reading.scope) : undefined;
  const written = writtenName(reading, resource, parent);
  if (type === undefined || !written) return;
  // Compared in any letter case without a lower-case copy of each resource's type; tenants first, the commonest.
  const fullType = parent && !type.includes('/') ? `${parent.type}/${type}` : type;
  let name: Value | undefined;
  let nested: ResourceList | undefined;
  if (fullType === tenantSpelling || sameLowerCase(fullType, tenantType)) name = addTenant(reading, resource, written);
  else if (sameLowerCase(fullType, registrationType)) addRegistration(reading, resource, name = resourceName(reading, resource, written));
  else if (sameLowerCase(fullType, 'microsoft.resources/deployments')) nested = nestedTemplate(reading, resource);
  const children = !hasUnknown(type) && memberKey(resource.map, 'resources') !== undefined
    ? ResourceList.of(reading, resource.map, placeOf(resource), { type: fullType, name: name ?? resourceName(reading, resource, written) })
    : undefined;
  if (children) open.push(children);
  if (nested) open.push(nested);
}

/** A resource's name as written and its text, after its parent's name and a slash for a child resource. */
function writtenName(reading: Reading, resource: Resource, parent: Parent | undefined): WrittenName | undefined {
  const key = memberKey(resource.map, 'name');
  const written = key === undefined ? undefined : resource.map[key];
  if (typeof written !== 'string') return undefined;
  const text = armText(written, reading.scope);
  return { key: key as string, written, text: parent ? `${parent.name.text}/${text}` : text, parent: parent?.name };
}

/** The key as written of a resource's apiVersion, when that is a string (`writtenApiVersion` reads it). */
function apiVersionKey(resource: Resource): string | undefined {
  const key = memberKey(resource.map, 'apiVersion');
  return key !== undefined && typeof resource.map[key] === 'string' ? key : undefined;
}

/** A resource's apiVersion string as written, one copy per template of a short one. */
function writtenApiVersion(reading: Reading, resource: Resource, key: string): string {
  return reading.scope.shared(resource.map[key] as string);
}

/**
 * A resource's apiVersion and its value, one object for both: the text is worked out when read (once per template for
 * the commonest, a short expression) and the positions when a finding asks. A value made at each read of the text
 * was one more object of garbage. A tenant resource keeps its apiVersion as written instead, and makes this when read.
 */
class TemplateApiVersion implements ApiVersionUse, Value {
  /** `list` and `entry`: the resource's list and its index or key there (`Resource`), its place made when located. */
  constructor(
    private readonly reading: Reading, private readonly list: JsonPlace, private readonly entry: string | number,
    private readonly key: string, private readonly written: string, readonly target: ApiTarget,
  ) {}

  get value(): Value {
    return this;
  }

  get text(): string {
    return armText(this.written, this.reading.scope);
  }

  get segments(): readonly Segment[] {
    return this.located().segments;
  }

  get span(): Span {
    return this.located().span;
  }

  private located(): Value {
    return armValue(this.reading.source, placeIn(this.list, this.entry), this.key, this.written, this.reading.scope);
  }
}

function addApiVersion(reading: Reading, resource: Resource, target: ApiTarget): void {
  const key = apiVersionKey(resource);
  if (key !== undefined) reading.facts.apiVersions.push(new TemplateApiVersion(reading, resource.list, resource.key, key, writtenApiVersion(reading, resource, key), target));
}

function addRegistration(reading: Reading, resource: Resource, name: Value): void {
  const { facts } = reading;
  const properties = member(resource.map, 'properties');
  const billingModel = properties && stringIn(reading, properties.value, placeIn(placeOf(resource), properties.key), 'billingModel');
  facts.registrations.push({ span: spanOf(name), ref: { name }, ...(billingModel ? { billingModel: { value: billingModel, implicit: false } } : {}) });
  if (billingModel) facts.billingModels.push({ value: billingModel, accepted: billingModels, setBy: 'Microsoft.AzureStack/registrations' });
  addApiVersion(reading, resource, 'registration');
  facts.values.push(name, ...(billingModel ? [billingModel] : []));
}

/** A resource's name as written, its text worked out, and its parent resource's name when it is a child resource. */
interface WrittenName {
  key: string;
  written: string;
  text: string;
  parent: Value | undefined;
}

/**
 * A resource's name as a value, located when first asked: from the name as written, and for a child resource its
 * parent's name before a slash.
 */
class ResourceName extends LazyValue {
  /** The resource's list and its index or key there (`Resource`). */
  protected readonly list: JsonPlace;
  protected readonly entry: string | number;
  private readonly key: string;
  /** Kept only in a document with errors: otherwise read back from the text, as few names are ever located. */
  private readonly written: string | undefined;
  private readonly parent: Value | undefined;

  constructor(protected readonly reading: Reading, resource: Resource, name: WrittenName) {
    super(name.text);
    this.list = resource.list;
    this.entry = resource.key;
    this.key = name.key;
    this.written = reading.source.hasErrors ? name.written : undefined;
    this.parent = name.parent;
  }

  /** The resource's place. */
  protected get place(): JsonPlace {
    return placeIn(this.list, this.entry);
  }

  protected resolve(): Value {
    const own = this.ownValue();
    if (!this.parent) return own;
    // The parents' own parts, gathered on the way up: each parent's whole name, made in turn, cost the square of the depth.
    const parts = [own.segments];
    let parent: Value = this.parent;
    for (; parent instanceof ResourceName && parent.parent && !parent.resolvedValue; parent = parent.parent) parts.push(parent.ownValue().segments);
    const segments: Segment[] = [...parent.segments];
    for (let i = parts.length - 1; i >= 0; i--) segments.push({ text: '/' }, ...parts[i]);
    return valueOf(segments, own.span);
  }

  /** The name as the resource writes it, without its parents'. */
  private ownValue(): Value {
    const { source, scope } = this.reading;
    return armValue(source, this.place, this.key, this.written ?? source.stringAt(placeIn(this.place, this.key)), scope);
  }
}

function resourceName(reading: Reading, resource: Resource, name: WrittenName): Value {
  return new ResourceName(reading, resource, name);
}

/**
 * A customerSubscriptions resource as a tenant operation, its name as a value and its use of an api-version (one
 * object for all three, as a template has thousands): the name is `{registration}/{customer subscription ID}`. The
 * parts of the name, the tenantId's and api-version's values and the spans are made afresh when read: each object kept
 * for each tenant while the rest of the template is read was copied by the garbage collector (the parts read by the
 * rules die young).
 */
class TemplateTenant extends ResourceName implements TenantOperation, ApiVersionUse {
  /** The key of the resource's `properties` as written; undefined when it has none. */
  private readonly properties: string | undefined;
  /** Whether `properties` is an object: one without a tenantId is where the finding points. */
  private readonly propertiesObject: boolean;
  /** The tenantId's key and string as written, when it is a string. */
  private readonly tenantIdKey: string | undefined;
  private readonly tenantIdWritten: string | undefined;
  /** Its apiVersion's key and string as written (empty when it has none: then the api-version uses do not list it). */
  private readonly apiVersionKey: string;
  private readonly apiVersionWritten: string;

  /** Reads its parts from the resource as written, with no object in between (a template has thousands of tenants). */
  constructor(reading: Reading, resource: Resource, name: WrittenName) {
    super(reading, resource, name);
    const { map } = resource;
    const properties = memberKey(map, 'properties');
    const part = properties === undefined ? undefined : map[properties];
    const tenantIdKey = memberKey(part, 'tenantId');
    const tenantId = tenantIdKey === undefined ? undefined : (part as JsonMap)[tenantIdKey];
    const apiVersion = apiVersionKey(resource);
    this.properties = properties;
    this.propertiesObject = isMap(part);
    this.tenantIdKey = typeof tenantId === 'string' ? tenantIdKey : undefined;
    this.tenantIdWritten = typeof tenantId === 'string' ? tenantId : undefined;
    this.apiVersionKey = apiVersion ?? '';
    this.apiVersionWritten = apiVersion === undefined ? '' : writtenApiVersion(reading, resource, apiVersion);
  }

  /** Whether it writes an apiVersion (a string): only then is it among the template's api-version uses. */
  get writesApiVersion(): boolean {
    return this.apiVersionKey !== '';
  }

  /** The tenantId's text, worked out at each call; undefined when it has none. */
  tenantIdText(): string | undefined {
    return this.tenantIdWritten === undefined ? undefined : armText(this.tenantIdWritten, this.reading.scope);
  }

  get target(): ApiTarget {
    return 'customerSubscription';
  }

  /** The api-version's value (ApiVersionUse's), not the name's. */
  get value(): Value {
    return new TemplateApiVersion(this.reading, this.list, this.entry, this.apiVersionKey, this.apiVersionWritten, this.target);
  }

  get action(): TenantAction {
    return 'add';
  }

  get registration(): RegistrationRef {
    const slash = this.text.indexOf('/');
    return slash < 0 ? {} : { name: sliceValue(this, 0, slash) };
  }

  get customerSubscriptionId(): Value | undefined {
    const slash = this.text.indexOf('/');
    return slash < 0 ? undefined : sliceValue(this, slash + 1, this.text.length);
  }

  get tenantId(): Value | undefined {
    const { properties, tenantIdKey: key, tenantIdWritten: written } = this;
    if (properties === undefined || key === undefined || written === undefined) return undefined;
    return new TemplateTenantId(this, armText(written, this.reading.scope), properties, key, written);
  }

  /** The string `written` under `key` of the resource's part `part`, as a located template value. */
  valueIn(part: string, key: string, written: string): Value {
    return armValue(this.reading.source, placeIn(this.place, part), key, written, this.reading.scope);
  }

  /** Absent in a broken document: there a property may only seem absent (the text is cut before it). */
  get tenantIdMissingAt(): Span | undefined {
    const { source } = this.reading;
    if (source.hasErrors) return undefined;
    if (this.properties === undefined) return this.span;
    return this.propertiesObject && this.tenantIdWritten === undefined ? source.spanAt(placeIn(this.place, this.properties)) : undefined;
  }
}

/**
 * A tenant resource's tenantId, located when first asked: AZS202 reads every tenant's, and a value located at once
 * (`armValue`) took two objects more for its place.
 */
class TemplateTenantId extends LazyValue {
  constructor(private readonly tenant: TemplateTenant, text: string, private readonly properties: string, private readonly key: string, private readonly written: string) {
    super(text);
  }

  protected resolve(): Value {
    return this.tenant.valueIn(this.properties, this.key, this.written);
  }
}

/** Adds a tenant resource's facts; gives its name. */
function addTenant(reading: Reading, resource: Resource, name: WrittenName): Value {
  const tenant = new TemplateTenant(reading, resource, name);
  // Worked out now, as the other values of the template are, in the order that decides a cycle among parameters.
  const tenantIdText = tenant.tenantIdText();
  reading.facts.tenantOperations.push(tenant);
  if (tenant.writesApiVersion) reading.facts.apiVersions.push(tenant);
  // Listed only when they may hold a placeholder (AZS102's first test): a template's thousands of tenant names and IDs mostly do not.
  if (mayHoldPlaceholder(tenant.text)) reading.facts.values.push(tenant);
  const placeholderTenantId = tenantIdText !== undefined && mayHoldPlaceholder(tenantIdText) ? tenant.tenantId : undefined;
  if (placeholderTenantId) reading.facts.values.push(placeholderTenantId);
  return tenant;
}

/**
 * The resources of a nested deployment's template, to be read in its scope: its own parameters take the values the
 * deployment passes, worked out outside (now, before any resource of it is read).
 */
function nestedTemplate(reading: Reading, deployment: Resource): ResourceList | undefined {
  const properties = member(deployment.map, 'properties');
  const template = properties && member(properties.value, 'template');
  if (!properties || !template || !isMap(template.value)) return undefined;
  const passed = new Map<string, Value>();
  const parameters = member(properties.value, 'parameters');
  for (const [key, entry] of parameters && isMap(parameters.value) ? Object.entries(parameters.value) : []) {
    const value = stringIn(reading, entry, placeIn(placeIn(placeIn(placeOf(deployment), properties.key), parameters?.key ?? ''), key), 'value');
    if (value) passed.set(key.toLowerCase(), value);
  }
  const place = placeIn(placeIn(placeOf(deployment), properties.key), template.key);
  const scope = templateScope(reading.source, template.value, place, passed, reading.scope);
  return ResourceList.of({ ...reading, scope }, template.value, place, undefined);
}
