// ARM templates: Microsoft.AzureStack registrations and customerSubscriptions resources (also nested as child
// resources and inside nested deployments), with the few template expressions that can be worked out before a
// deployment: parameters() (from a parameter file or the default), variables(), concat() and format(). Every
// other function's result is unknown.
import { UNKNOWN } from '../ids';
import { billingModels } from '../azureStack';
import { isKnown, referencedAt, sliceValue, unknownValue, valueOf, type FileFacts, type Segment, type Value } from '../facts';
import type { Span } from '../text';
import { at, jsonValue, property, type JsonLiteral, type JsonNode, type JsonObject } from './jsonTree';

export interface ArmScope {
  parameter(name: string): Value | undefined;
  variable(name: string): Value | undefined;
}

type Expression =
  | { kind: 'string'; text: string; at?: number }
  | { kind: 'call'; name: string; args: Expression[]; accessed: boolean };

/** A recursive-descent reader of one template expression (the text between the outer brackets). */
class ExpressionReader {
  private position = 0;

  /** `base`: the document offset of the expression's first character when its characters stand 1:1 in the document. */
  constructor(private readonly source: string, private readonly base: number | undefined) {}

  read(): Expression | undefined {
    const expression = this.expression();
    this.space();
    return expression && this.position === this.source.length ? expression : undefined;
  }

  private space(): void {
    while (/\s/.test(this.source[this.position] ?? '')) this.position++;
  }

  private expression(): Expression | undefined {
    this.space();
    const char = this.source[this.position];
    if (char === "'") return this.string();
    const number = /^-?\d+/.exec(this.source.slice(this.position));
    if (number) {
      this.position += number[0].length;
      return { kind: 'string', text: number[0] };
    }
    const name = /^[A-Za-z_][\w.]*/.exec(this.source.slice(this.position));
    if (!name) return undefined;
    this.position += name[0].length;
    this.space();
    if (this.source[this.position] !== '(') return undefined;
    this.position++;
    const args: Expression[] = [];
    this.space();
    while (this.source[this.position] !== ')') {
      const arg = this.expression();
      if (!arg) return undefined;
      args.push(arg);
      this.space();
      if (this.source[this.position] === ',') this.position++;
      else if (this.source[this.position] !== ')') return undefined;
    }
    this.position++;
    return { kind: 'call', name: name[0].toLowerCase(), args, accessed: this.accessors() };
  }

  /** Skips `.property` and `[index]` after a call; true when there were any (the result is then unknown). */
  private accessors(): boolean {
    let accessed = false;
    for (;;) {
      this.space();
      const member = /^\.[A-Za-z_]\w*/.exec(this.source.slice(this.position));
      if (member) {
        this.position += member[0].length;
      } else if (this.source[this.position] === '[') {
        this.position++;
        if (!this.expression()) return true;
        this.space();
        this.position++;
      } else {
        return accessed;
      }
      accessed = true;
    }
  }

  private string(): Expression | undefined {
    const start = this.position + 1;
    let text = '';
    let escaped = false;
    for (let i = start; i < this.source.length; i++) {
      if (this.source[i] !== "'") {
        text += this.source[i];
      } else if (this.source[i + 1] === "'") {
        text += "'";
        escaped = true;
        i++;
      } else {
        this.position = i + 1;
        return { kind: 'string', text, ...(this.base !== undefined && !escaped ? { at: this.base + start } : {}) };
      }
    }
    return undefined;
  }
}

const maxDepth = 16;

/** Works an expression out; what parameters() and variables() bring in is marked as referenced at `via` (the expression). */
function evaluate(expression: Expression, scope: ArmScope, depth: number, via: Span): Segment[] {
  if (expression.kind === 'string') return [expression.at === undefined ? { text: expression.text } : { text: expression.text, at: expression.at }];
  if (expression.accessed || depth > maxDepth) return [{ text: UNKNOWN }];
  const args = expression.args.map((a) => evaluate(a, scope, depth + 1, via));
  const text = (segments: Segment[] | undefined) => segments?.map((s) => s.text).join('');
  switch (expression.name) {
    case 'parameters':
    case 'variables': {
      const name = text(args[0]);
      const value = name === undefined || name.includes(UNKNOWN) ? undefined
        : expression.name === 'parameters' ? scope.parameter(name) : scope.variable(name);
      return value ? referencedAt(value.segments, via) : [{ text: UNKNOWN }];
    }
    case 'concat':
      return args.flat();
    case 'format':
      return format(args);
    default:
      return [{ text: UNKNOWN }];
  }
}

/** `format('{0}/{1}', a, b)`: the format string must be known; its placeholders take the arguments' segments. */
function format(args: Segment[][]): Segment[] {
  const pattern = args[0]?.map((s) => s.text).join('');
  if (pattern === undefined || pattern.includes(UNKNOWN)) return [{ text: UNKNOWN }];
  const out: Segment[] = [];
  let last = 0;
  for (const match of pattern.matchAll(/\{(\d+)\}/g)) {
    out.push({ text: pattern.slice(last, match.index) }, ...(args[Number(match[1]) + 1] ?? [{ text: UNKNOWN }]));
    last = match.index + match[0].length;
  }
  out.push({ text: pattern.slice(last) });
  return out;
}

/** A template string as a value: a literal, `[[…` (an escaped bracket), or an expression worked out as far as possible. */
export function armValue(literal: JsonLiteral, scope: ArmScope, depth = 0): Value {
  const value = jsonValue(literal);
  if (typeof literal.value !== 'string') return value;
  const text = literal.value;
  if (text.startsWith('[[')) return sliceValue(value, 1, text.length);
  if (!/^\[[\s\S]*\]$/.test(text)) return value;
  const base = literal.raw ? literal.span.start + 2 : undefined;
  const expression = new ExpressionReader(text.slice(1, -1), base).read();
  if (!expression) return unknownValue(value.span);
  return valueOf(evaluate(expression, scope, depth, value.span), value.span);
}

/** The parameters and variables of a template, with parameter values from a parameter file taking precedence. */
export function templateScope(template: JsonObject, parameterValues: ReadonlyMap<string, Value> | undefined, outer?: ArmScope): ArmScope {
  const cache = new Map<string, Value | undefined>();
  const depth = { current: 0 };
  const scope: ArmScope = {
    parameter: (name) => lookup(`p:${name.toLowerCase()}`, () => {
      const given = parameterValues?.get(name.toLowerCase());
      if (given) return given;
      const defaultValue = at(template, 'parameters', name, 'defaultValue');
      if (defaultValue?.kind === 'literal') return armValue(defaultValue, scope, depth.current);
      return at(template, 'parameters', name) ? undefined : outer?.parameter(name);
    }),
    variable: (name) => lookup(`v:${name.toLowerCase()}`, () => {
      const variable = at(template, 'variables', name);
      if (variable?.kind === 'literal') return armValue(variable, scope, depth.current);
      return variable ? undefined : outer?.variable(name);
    }),
  };
  function lookup(key: string, compute: () => Value | undefined): Value | undefined {
    if (cache.has(key)) return cache.get(key);
    if (depth.current > maxDepth) return undefined;
    cache.set(key, undefined); // a variable that refers to itself is unknown
    depth.current++;
    try {
      const value = compute();
      const known = value && value.text !== UNKNOWN ? value : undefined;
      cache.set(key, known);
      return known;
    } finally {
      depth.current--;
    }
  }
  return scope;
}

/** The resources of a `resources` property: an array, or (languageVersion 2.0) an object keyed by symbolic name. */
function resourcesIn(node: JsonNode | undefined): JsonObject[] {
  if (node?.kind === 'array') return node.items.filter((n): n is JsonObject => n.kind === 'object');
  if (node?.kind === 'object') return [...node.props.values()].map((e) => e.value).filter((n): n is JsonObject => n.kind === 'object');
  return [];
}

interface Parent {
  type: string;
  name: Value;
}

const registrationType = 'microsoft.azurestack/registrations';
const tenantType = 'microsoft.azurestack/registrations/customersubscriptions';

/** Adds the facts of a template's resources, with its expressions worked out in `scope`. */
export function addTemplateFacts(facts: FileFacts, template: JsonObject, scope: ArmScope): void {
  addResources(facts, resourcesIn(property(template, 'resources')), scope, undefined);
}

function addResources(facts: FileFacts, resources: JsonObject[], scope: ArmScope, parent: Parent | undefined): void {
  for (const resource of resources) {
    const typeNode = property(resource, 'type');
    const nameNode = property(resource, 'name');
    if (typeNode?.kind !== 'literal' || nameNode?.kind !== 'literal') continue;
    const type = armValue(typeNode, scope);
    const ownName = armValue(nameNode, scope);
    const fullType = (parent && !type.text.includes('/') ? `${parent.type}/${type.text}` : type.text).toLowerCase();
    const name = parent ? valueOf([...parent.name.segments, { text: '/' }, ...ownName.segments], ownName.span) : ownName;
    if (fullType === registrationType) addRegistration(facts, resource, name, scope);
    else if (fullType === tenantType) addTenant(facts, resource, name, scope);
    else if (fullType === 'microsoft.resources/deployments') addNestedTemplate(facts, resource, scope);
    if (isKnown(type)) addResources(facts, resourcesIn(property(resource, 'resources')), scope, { type: fullType, name });
  }
}

function literalIn(node: JsonNode | undefined, scope: ArmScope): Value | undefined {
  return node?.kind === 'literal' ? armValue(node, scope) : undefined;
}

function addApiVersion(facts: FileFacts, resource: JsonObject, scope: ArmScope, target: 'registration' | 'customerSubscription'): void {
  const apiVersion = literalIn(property(resource, 'apiVersion'), scope);
  if (apiVersion) facts.apiVersions.push({ value: apiVersion, target });
}

function addRegistration(facts: FileFacts, resource: JsonObject, name: Value, scope: ArmScope): void {
  const billingModel = literalIn(at(resource, 'properties', 'billingModel'), scope);
  facts.registrations.push({ span: name.span, ref: { name }, ...(billingModel ? { billingModel: { value: billingModel, implicit: false } } : {}) });
  if (billingModel) facts.billingModels.push({ value: billingModel, accepted: billingModels, setBy: 'Microsoft.AzureStack/registrations' });
  addApiVersion(facts, resource, scope, 'registration');
  facts.values.push(name, ...(billingModel ? [billingModel] : []));
}

/** A customerSubscriptions resource: its name is `{registration}/{customer subscription ID}`. */
function addTenant(facts: FileFacts, resource: JsonObject, name: Value, scope: ArmScope): void {
  const slash = name.text.indexOf('/');
  const registration = slash < 0 ? undefined : sliceValue(name, 0, slash);
  const customer = slash < 0 ? undefined : sliceValue(name, slash + 1, name.text.length);
  const properties = property(resource, 'properties');
  const tenantId = literalIn(property(properties, 'tenantId'), scope);
  const missingAt = !properties ? name.span : properties.kind === 'object' && !tenantId ? properties.span : undefined;
  facts.tenantOperations.push({
    action: 'add', span: name.span, registration: registration ? { name: registration } : {},
    ...(customer ? { customerSubscriptionId: customer } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(missingAt ? { tenantIdMissingAt: missingAt } : {}),
  });
  addApiVersion(facts, resource, scope, 'customerSubscription');
  facts.values.push(name, ...(tenantId ? [tenantId] : []));
}

/** A nested deployment's template: its own parameters take the values the deployment passes, worked out outside. */
function addNestedTemplate(facts: FileFacts, deployment: JsonObject, scope: ArmScope): void {
  const template = at(deployment, 'properties', 'template');
  if (template?.kind !== 'object') return;
  const passed = new Map<string, Value>();
  const parameters = at(deployment, 'properties', 'parameters');
  for (const [key, entry] of parameters?.kind === 'object' ? parameters.props : []) {
    const value = literalIn(property(entry.value, 'value'), scope);
    if (value) passed.set(key, value);
  }
  addTemplateFacts(facts, template, templateScope(template, passed, scope));
}
