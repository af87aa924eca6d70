// JSON and JSONC → facts: ARM templates (with their parameter files), ARM parameter files, REST request examples
// (`{"parameters": …, "responses": …}`), saved GET/list responses and plain customer-subscription request bodies.
import { billingModels } from '../azureStack';
import { emptyFacts, spanOf, type FileFacts, type Value } from '../facts';
import { LineMap } from '../text';
import { addTemplateFacts, armValue, templateScope, type ArmScope } from './arm';
import { JsonSource, isMap, member, type Json, type JsonMap, type JsonPath } from './jsonSource';
import { registrationParts, registrationPath } from './requests';
import { suppressionIn } from './suppressions';

export type JsonRole = 'template' | 'parameters' | 'other';

export interface JsonAnalysis {
  facts: FileFacts;
  role: JsonRole;
  /** For a parameter file: its string values by lower-case parameter name. */
  parameterValues?: Map<string, Value>;
  /** Set when the document could not be read at all (nested beyond what the parser's recursion takes). */
  tooDeep?: boolean;
}

/** Reads a JSON document; `parameterValues` are those of the parameter file that goes with it, if it is a template. */
export function jsonFacts(text: string, parameterValues?: ReadonlyMap<string, Value>): JsonAnalysis {
  let source: JsonSource;
  try {
    source = new JsonSource(text);
  } catch (error) {
    if (error instanceof RangeError) return { facts: emptyFacts(), role: 'other', tooDeep: true };
    throw error;
  }
  const facts = emptyFacts();
  facts.syntaxErrors = source.hasErrors;
  if (/azs-disable/i.test(text)) addSuppressions(facts, source);
  const root = isMap(source.root) ? source.root : undefined;
  if (!root) return { facts, role: 'other' };
  const role = roleOf(root);
  const scope = role === 'template' ? templateScope(source, root, [], parameterValues) : undefined;
  if (scope) addTemplateFacts(facts, source, root, [], scope);
  if (role === 'other') addDocumentFacts(facts, source, root);
  addResourceIds(facts, source, root, scope);
  // In a broken document a property may only seem absent (the text is cut before it): claim no absence then.
  if (source.hasErrors) for (const operation of facts.tenantOperations) delete operation.tenantIdMissingAt;
  return { facts, role, ...(role === 'parameters' ? { parameterValues: parameterFileValues(root) } : {}) };
}

function addSuppressions(facts: FileFacts, source: JsonSource): void {
  const lines = new LineMap(source.text);
  for (const comment of source.comments()) {
    const suppression = suppressionIn(source.text.slice(comment.start, comment.end), lines.lineOf(comment.end));
    if (suppression) facts.suppressions.push(suppression);
  }
}

function roleOf(root: JsonMap): JsonRole {
  const schema = member(root, '$schema')?.value;
  if (typeof schema === 'string' && /deploymentParameters/i.test(schema)) return 'parameters';
  if ((typeof schema === 'string' && /deploymentTemplate/i.test(schema)) || member(root, 'resources')) return 'template';
  const parameters = member(root, 'parameters')?.value;
  const entries = isMap(parameters) ? Object.values(parameters) : [];
  const allValues = entries.length > 0 && entries.every((e) => member(e, 'value') || member(e, 'reference'));
  return allValues && !member(root, 'responses') ? 'parameters' : 'other';
}

/** A parameter file's string values, for the template it goes with; they carry no positions in that template. */
function parameterFileValues(root: JsonMap): Map<string, Value> {
  const values = new Map<string, Value>();
  const parameters = member(root, 'parameters')?.value;
  for (const [name, entry] of isMap(parameters) ? Object.entries(parameters) : []) {
    const value = member(entry, 'value')?.value;
    if (typeof value === 'string') values.set(name.toLowerCase(), { text: value, segments: [{ text: value }], span: { start: 0, end: 0 } });
  }
  return values;
}

interface Frame {
  container: Json[] | JsonMap;
  keys: (string | number)[];
  next: number;
  /** The key under which this container stands in the one above. */
  key: string | number;
}

/**
 * Calls `visit` for every value of the document, depth first, without recursion (documents may nest deeply) and
 * without building a path for each value: `path()` builds the one of the current value when asked.
 */
function walk(root: Json, visit: (value: Json, path: () => JsonPath) => void): void {
  const frames: Frame[] = [];
  const enter = (container: Json, key: string | number) => {
    if (Array.isArray(container)) frames.push({ container, keys: [], next: 0, key });
    else if (isMap(container)) frames.push({ container, keys: Object.keys(container), next: 0, key });
  };
  let current: { key: string | number; value: Json } | undefined;
  const path = () => [...frames.slice(1).map((f) => f.key), ...(current && frames.length > 0 ? [current.key] : [])];
  visit(root, () => []);
  enter(root, '');
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    const count = Array.isArray(frame.container) ? frame.container.length : frame.keys.length;
    if (frame.next >= count) {
      frames.pop();
      continue;
    }
    const key = Array.isArray(frame.container) ? frame.next : frame.keys[frame.next];
    frame.next++;
    const value: Json = Array.isArray(frame.container) ? frame.container[key as number] : frame.container[key as string];
    current = { key, value };
    visit(value, path);
    current = undefined;
    enter(value, key);
  }
}

/** Strings anywhere in the document that are meant as registration paths. */
function addResourceIds(facts: FileFacts, source: JsonSource, root: JsonMap, scope: ArmScope | undefined): void {
  if (!/subscriptions?\//i.test(source.text)) return; // no string of the document can hold one
  walk(root, (text, path) => {
    if (typeof text !== 'string' || !text.includes('ubscription') || !/subscriptions?\//i.test(text) || !/registrations?\b|customerSubscriptions?\b/i.test(text)) return;
    const full = path();
    if (full.length === 0) return; // a document that is one string
    const parent = full.slice(0, -1);
    const key = full[full.length - 1];
    const found = registrationPath(scope ? armValue(source, parent, key, text, scope) : source.string(parent, key, text));
    if (found) facts.resourceIds.push(found);
  });
}

function addDocumentFacts(facts: FileFacts, source: JsonSource, root: JsonMap): void {
  if (member(root, 'responses')) addRequestExample(facts, source, root);
  addSnapshots(facts, source, root);
  addTenantBody(facts, source, root);
}

/** The string property `name` of the object at `path`, as a value. */
function stringAt(source: JsonSource, map: Json | undefined, path: JsonPath, name: string): Value | undefined {
  const found = member(map, name);
  return typeof found?.value === 'string' ? source.string(path, found.key, found.value) : undefined;
}

/**
 * A request example in the REST specs' format: `parameters` names the registration and customer subscription and
 * holds the body (`customerCreationParameters` for a tenant, `token` for a registration).
 */
function addRequestExample(facts: FileFacts, source: JsonSource, root: JsonMap): void {
  const block = member(root, 'parameters');
  if (!block) return;
  const parameters = block.value;
  const path = [block.key];
  const name = stringAt(source, parameters, path, 'registrationName');
  if (!name) return;
  const ref = { subscriptionId: stringAt(source, parameters, path, 'subscriptionId'), resourceGroup: stringAt(source, parameters, path, 'resourceGroup'), name };
  const customer = stringAt(source, parameters, path, 'customerSubscriptionName');
  const apiVersion = stringAt(source, parameters, path, 'api-version');
  facts.values.push(...[ref.subscriptionId, ref.resourceGroup, name, customer].filter((v): v is Value => v !== undefined));
  if (apiVersion) facts.apiVersions.push({ value: apiVersion, target: customer ? 'customerSubscription' : 'registration' });
  if (!customer) {
    if (member(parameters, 'token')) facts.registrations.push({ span: spanOf(name), ref });
    return;
  }
  const body = member(parameters, 'customerCreationParameters');
  const bodyPath = body ? [...path, body.key] : [];
  const properties = body && member(body.value, 'properties');
  const tenantId = properties && stringAt(source, properties.value, [...bodyPath, properties.key], 'tenantId');
  facts.tenantOperations.push({
    action: body ? 'add' : 'get', span: spanOf(customer), registration: ref, customerSubscriptionId: customer,
    ...(tenantId ? { tenantId } : {}),
    ...(body && !tenantId ? { tenantIdMissingAt: source.lazySpanAt(bodyPath) } : {}),
  });
}

/** Saved GET / list responses: each registration resource in them shows a registration and its billing model. */
function addSnapshots(facts: FileFacts, source: JsonSource, root: JsonMap): void {
  walk(root, (map, pathOf) => {
    if (!isMap(map) || typeof member(map, 'id')?.value !== 'string') return;
    const path = pathOf();
    const id = stringAt(source, map, path, 'id');
    const found = id && registrationPath(id);
    const parts = found && registrationParts(found);
    if (!found || parts?.kind !== 'registration') return;
    const type = member(map, 'type')?.value;
    const properties = member(map, 'properties');
    if (!properties && !(typeof type === 'string' && /registrations$/i.test(type))) return;
    const billingModel = properties && stringAt(source, properties.value, [...path, properties.key], 'billingModel');
    facts.registrations.push({ span: spanOf(found), ref: parts.ref, ...(billingModel ? { billingModel: { value: billingModel, implicit: false } } : {}) });
    if (billingModel) facts.billingModels.push({ value: billingModel, accepted: billingModels, setBy: 'billingModel' });
  });
}

/** A document that is only `{"properties": {"tenantId": …}}`: the body of a request that adds a tenant. */
function addTenantBody(facts: FileFacts, source: JsonSource, root: JsonMap): void {
  const properties = member(root, 'properties');
  if (Object.keys(root).length !== 1 || !properties || !isMap(properties.value) || Object.keys(properties.value).length !== 1) return;
  const tenantId = stringAt(source, properties.value, [properties.key], 'tenantId');
  if (!tenantId) return;
  facts.tenantOperations.push({ action: 'add', span: spanOf(tenantId), registration: {}, tenantId });
  facts.values.push(tenantId);
}
