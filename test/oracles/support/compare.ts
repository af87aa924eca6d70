// Our reading of a PowerShell script (the facts of src/core/parse/powershell.ts and the variable bindings it sees)
// next to PowerShell's own (ast.ps1), as a list of disagreements. Each says what differs, where, and both readings.
//
// What is compared, for every call of a command our reader knows (isKnownCommand):
// - the call itself: found or not, where its name and its whole extent are;
// - its elements, in order: each parameter (`-Name` / `-Name:`) with its name, each argument with its extent;
// - each argument's value: a constant string's text (bare word, quoted, here-string, with its escapes); an expandable
//   string's text with its interpolations (PowerShell's format `a{0}b`); a variable as the variable; anything else as
//   unknown until run time;
// - `@splat`s: present or not;
// and every variable binding: assignments (`=` with their right-hand side; `+=` and the like), foreach variables and
// parameter defaults.
import { UNKNOWN } from '../../../src/core/ids';
import type { CmdletUse, FileFacts, Value } from '../../../src/core/facts';
import { isKnownCommand, type VariableBinding } from '../../../src/core/parse/powershell';
import type { Span } from '../../../src/core/text';
import type { PsBinding, PsCommand, PsElement, PsReading, PsSpan } from './powershell';

export type DisagreementKind =
  | 'command-missing' | 'command-extra' | 'command-extent'
  | 'element-missing' | 'element-extra' | 'parameter-name' | 'value' | 'splat'
  | 'binding-missing' | 'binding-extra' | 'binding-kind'
  /** PowerShell reports a parse error, and no finding of ours points at its line. */
  | 'unreported-parse-error';

export interface Disagreement {
  kind: DisagreementKind;
  /** Where it is: PowerShell's place when it has one, else ours. */
  span: Span;
  /** Other places it concerns: the command of an element, the right-hand sides of a binding. */
  context?: Span[];
  ours: string;
  powershell: string;
}

export interface OurReading {
  facts: FileFacts;
  bindings: VariableBinding[];
  /** The outermost places the grammar could not parse (its error recovery may swallow a whole region). */
  errors: Span[];
}

/** Whether a command has `@splat`s: none, only of hashtables our reader knows to be empty, or some others. */
type Splats = 'none' | 'empty' | 'some';

/** PowerShell's parameter dashes: the hyphen-minus and the en dash, em dash and horizontal bar. */
const dashes = '-\u2013\u2014\u2015';

const spanText = (span: Span) => `${span.start}–${span.end}`;
const sameSpan = (a: Span, b: Span) => a.start === b.start && a.end === b.end;

export function compareReadings(text: string, ours: OurReading, powershell: PsReading): Disagreement[] {
  // A splat of a hashtable that our reader knows to be empty adds nothing our facts could show.
  const empty = new Set(ours.bindings.filter((b) => b.rhs && /^@\{\s*\}$/.test(text.slice(b.rhs.start, b.rhs.end))).map((b) => b.name));
  const splats = (command: PsCommand): Splats => {
    const splatted = command.elements.filter((e) => e.splatted);
    if (splatted.length === 0) return 'none';
    return splatted.every((e) => empty.has((e.variable ?? '').toLowerCase())) ? 'empty' : 'some';
  };
  return [...compareCommands(text, ours.facts.cmdlets, powershell.commands, splats), ...compareBindings(ours.bindings, powershell.bindings)];
}

function compareCommands(text: string, ours: readonly CmdletUse[], theirs: readonly PsCommand[], splats: (command: PsCommand) => Splats): Disagreement[] {
  const found: Disagreement[] = [];
  const known = theirs.filter((c) => c.name !== null && isKnownCommand(c.name));
  const byStart = new Map(ours.map((c) => [c.nameSpan.start, c]));
  for (const command of known) {
    const mine = byStart.get(command.nameSpan.start);
    byStart.delete(command.nameSpan.start);
    if (!mine) {
      // Our command that swallowed it, if any, is where the cause is.
      const around = ours.filter((c) => c.span.start <= command.nameSpan.start && command.nameSpan.end <= c.span.end).map((c) => c.span);
      found.push({ kind: 'command-missing', span: command.nameSpan, context: around, ours: 'no command', powershell: `${command.name} at ${spanText(command.span)}` });
      continue;
    }
    if (!sameSpan(mine.nameSpan, command.nameSpan) || !sameSpan(mine.span, command.span)) {
      found.push({
        kind: 'command-extent', span: command.span,
        ours: `name ${spanText(mine.nameSpan)}, command ${spanText(mine.span)}`, powershell: `name ${spanText(command.nameSpan)}, command ${spanText(command.span)}`,
      });
    }
    found.push(...compareElements(text, mine, command, splats(command)).map((d) => ({ ...d, context: [command.span] })));
  }
  for (const mine of byStart.values()) {
    found.push({ kind: 'command-extra', span: mine.nameSpan, ours: `${mine.name} at ${spanText(mine.span)}`, powershell: 'no command of a known name' });
  }
  return found;
}

/** One parameter or argument, at the place our facts put it. */
interface Element {
  span: Span;
  name?: string;
  value?: Value;
  powershell?: PsElement;
}

const elementKey = (e: Element) => `${e.name === undefined ? 'argument' : 'parameter'} ${spanText(e.span)}`;

/** A parameter's place without the colon that binds a value to it: where the colon goes differs, not the reading. */
function withoutColon(text: string, span: Span): Span {
  return text[span.end - 1] === ':' ? { start: span.start, end: span.end - 1 } : span;
}

function ourElements(text: string, cmdlet: CmdletUse): Element[] {
  const elements: Element[] = [];
  for (const parameter of cmdlet.parameters) {
    // Entries of a splatted hashtable are named by its keys, elsewhere in the file; the splat is compared on its own.
    if (!dashes.includes(text[parameter.nameSpan.start])) continue;
    elements.push({ span: withoutColon(text, parameter.nameSpan), name: parameter.name });
    if (parameter.value) elements.push({ span: parameter.value.span, value: parameter.value });
  }
  for (const value of cmdlet.positional) elements.push({ span: value.span, value });
  return elements;
}

/** Where our facts put a value PowerShell reads at `span`: a quoted string's contents, without its quotes. */
function valueSpan(element: PsElement): Span {
  const quoted = element.stringKind === 'SingleQuoted' || element.stringKind === 'DoubleQuoted';
  return quoted && element.span.end - element.span.start > 2 ? { start: element.span.start + 1, end: element.span.end - 1 } : element.span;
}

function theirElements(text: string, command: PsCommand): Element[] {
  return command.elements.filter((e) => !e.splatted).flatMap((e): Element[] => {
    if (e.type !== 'Parameter') return [{ span: valueSpan(e), powershell: e }];
    const parameter: Element = { span: withoutColon(text, e.span), name: e.name ?? '' };
    return e.argument ? [parameter, { span: valueSpan(e.argument), powershell: e.argument }] : [parameter];
  });
}

function compareElements(text: string, mine: CmdletUse, command: PsCommand, splats: Splats): Disagreement[] {
  const found: Disagreement[] = [];
  const ours = new Map(ourElements(text, mine).map((e) => [elementKey(e), e]));
  for (const theirs of theirElements(text, command)) {
    const key = elementKey(theirs);
    const our = ours.get(key);
    ours.delete(key);
    if (!our) {
      found.push({ kind: 'element-missing', span: theirs.span, ours: 'no such element', powershell: key });
    } else if (theirs.name !== undefined && our.name !== theirs.name) {
      found.push({ kind: 'parameter-name', span: theirs.span, ours: `-${our.name}`, powershell: `-${theirs.name}` });
    } else if (our.value && theirs.powershell) {
      const difference = valueDifference(text, our.value, theirs.powershell);
      if (difference) found.push({ kind: 'value', span: theirs.span, ...difference });
    }
  }
  for (const our of ours.values()) found.push({ kind: 'element-extra', span: our.span, ours: elementKey(our), powershell: 'no such element' });
  const ourSplat = mine.unresolvedSplat || mine.parameters.some((p) => !dashes.includes(text[p.nameSpan.start]));
  if (ourSplat ? splats === 'none' : splats === 'some') {
    found.push({ kind: 'splat', span: command.span, ours: ourSplat ? 'a splat' : 'no splat', powershell: splats === 'none' ? 'no splat' : 'a splat' });
  }
  return found;
}

/** Stands for a part that run time fills in (an interpolation) in the texts compared below. */
const hole = '\uE001';

/** Our value's text with `hole` for each run of parts that an interpolation brings in. */
function ourTemplate(value: Value): string {
  let template = '';
  for (const segment of value.segments) template += segment.via ? hole : segment.text;
  return template.replace(/\uE001+/g, hole);
}

/**
 * PowerShell's format (`a{0}b`, braces doubled) as a pattern for our template: a run of interpolations is one hole, and
 * may be absent, as an interpolation of a variable our reader knows to be empty adds no part to our value.
 */
function formatPattern(format: string): RegExp {
  const parts = format.match(/\{\{|\}\}|\{\d+\}|[^{}]+/g) ?? [];
  let pattern = '';
  let inHole = false;
  for (const part of parts) {
    const isHole = /^\{\d+\}$/.test(part);
    if (isHole && !inHole) pattern += `${hole}?`;
    else if (!isHole) pattern += (part === '{{' ? '{' : part === '}}' ? '}' : part).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    inHole = isHole;
  }
  return new RegExp(`^${pattern}$`, 'u');
}

const show = (value: Value) => JSON.stringify(value.text.replaceAll(UNKNOWN, '⟨?⟩'));

/** Undefined when our value reads as PowerShell's element does. */
function valueDifference(text: string, value: Value, element: PsElement): { ours: string; powershell: string } | undefined {
  const written = text.slice(element.span.start, element.span.end);
  switch (element.type) {
    case 'StringConstantExpression':
      return value.text === element.value ? undefined : { ours: show(value), powershell: `${element.stringKind} ${JSON.stringify(element.value)}` };
    case 'ConstantExpression':
      return value.text === written ? undefined : { ours: show(value), powershell: `constant ${written}` };
    case 'ExpandableStringExpression': {
      const template = ourTemplate(value);
      const outside = value.segments.some((s) => s.via && !(element.nested ?? []).some((n: PsSpan) => sameSpan(n, s.via as Span)));
      return formatPattern(element.format ?? '').test(template) && !outside
        ? undefined
        : { ours: `format ${JSON.stringify(template.replaceAll(hole, '{}'))}`, powershell: `${element.stringKind} format ${JSON.stringify(element.format)}` };
    }
    case 'VariableExpression': {
      const constant = /^\$(?:true|false|null)$/i.test(written);
      const variable = value.segments.every((s) => s.via && sameSpan(s.via, element.span));
      return (constant ? value.text === written : variable) ? undefined : { ours: show(value), powershell: `variable $${element.variable}` };
    }
    default:
      return value.text === UNKNOWN ? undefined : { ours: show(value), powershell: `${element.type}, known at run time` };
  }
}

/** `$script:name` binds `name`; `$env:name` and the like are no variables of the script. */
function unscoped(name: string): string | undefined {
  const bare = name.replace(/^(?:script|global|local|private|using):/i, '');
  return bare.includes(':') ? undefined : bare.toLowerCase();
}

function compareBindings(ours: readonly VariableBinding[], theirs: readonly PsBinding[]): Disagreement[] {
  const found: Disagreement[] = [];
  const byAt = new Map(ours.map((b) => [b.at, b]));
  for (const binding of theirs) {
    const name = unscoped(binding.name);
    if (name === undefined) continue;
    const mine = byAt.get(binding.at);
    byAt.delete(binding.at);
    const described = `${binding.kind} $${binding.name}${binding.operator ? ` ${binding.operator} ${binding.rhs ? spanText(binding.rhs) : ''}` : ''}`;
    const at = { start: binding.at, end: binding.at + 1 + binding.name.length };
    if (!mine || mine.name !== name) {
      found.push({ kind: 'binding-missing', span: at, context: binding.rhs ? [binding.rhs] : [], ours: mine ? `$${mine.name}` : 'no binding', powershell: described });
      continue;
    }
    const simple = binding.kind === 'assignment' && binding.operator === '=' ? binding.rhs : undefined;
    const agrees = simple ? mine.rhs !== undefined && sameSpan(mine.rhs, simple) : mine.rhs === undefined;
    if (!agrees) {
      found.push({
        kind: 'binding-kind', span: at, context: [mine.rhs, binding.rhs].filter((s): s is Span => s !== undefined),
        ours: mine.rhs ? `= ${spanText(mine.rhs)}` : 'not a simple assignment', powershell: described,
      });
    }
  }
  for (const mine of byAt.values()) {
    found.push({ kind: 'binding-extra', span: { start: mine.at, end: mine.at + 1 + mine.name.length }, ours: `$${mine.name}${mine.rhs ? ` = ${spanText(mine.rhs)}` : ''}`, powershell: 'no binding' });
  }
  return found;
}
