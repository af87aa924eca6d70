// JSON and JSONC → facts: ARM templates (with their parameter files), ARM parameter files, REST request examples
// (`{"parameters": …, "responses": …}`), saved GET/list responses and plain customer-subscription request bodies.
import { billingModels } from '../azureStack';
import { emptyFacts, type FileFacts, type Value } from '../facts';
import { LineMap } from '../text';
import { addTemplateFacts, armValue, templateScope, type ArmScope } from './arm';
import { at, jsonValue, objects, property, readJson, stringAt, strings, type JsonNode, type JsonObject } from './jsonTree';
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
  let reading;
  try {
    reading = readJson(text);
  } catch (error) {
    if (error instanceof RangeError) return { facts: emptyFacts(), role: 'other', tooDeep: true };
    throw error;
  }
  const facts = emptyFacts();
  addSuppressions(facts, text, reading.comments);
  const root = reading.root?.kind === 'object' ? reading.root : undefined;
  if (!root) return { facts, role: 'other' };
  const role = roleOf(root);
  const scope = role === 'template' ? templateScope(root, parameterValues) : undefined;
  if (scope) addTemplateFacts(facts, root, scope);
  if (role === 'other') addDocumentFacts(facts, root);
  addResourceIds(facts, root, scope);
  // In a broken document a property may only seem absent (the text is cut before it): claim no absence then.
  if (reading.hasErrors) for (const operation of facts.tenantOperations) delete operation.tenantIdMissingAt;
  return { facts, role, ...(role === 'parameters' ? { parameterValues: parameterFileValues(root) } : {}) };
}

function addSuppressions(facts: FileFacts, text: string, comments: { start: number; end: number }[]): void {
  let lines: LineMap | undefined;
  for (const comment of comments) {
    const body = text.slice(comment.start, comment.end);
    if (!/azs-disable/i.test(body)) continue;
    lines ??= new LineMap(text);
    const suppression = suppressionIn(body, lines.lineOf(comment.end));
    if (suppression) facts.suppressions.push(suppression);
  }
}

function roleOf(root: JsonObject): JsonRole {
  const schema = stringAt(property(root, '$schema')) ?? '';
  if (/deploymentParameters/i.test(schema)) return 'parameters';
  if (/deploymentTemplate/i.test(schema) || property(root, 'resources')) return 'template';
  const parameters = property(root, 'parameters');
  const entries = parameters?.kind === 'object' ? [...parameters.props.values()] : [];
  const allValues = entries.length > 0 && entries.every((e) => property(e.value, 'value') || property(e.value, 'reference'));
  return allValues && !property(root, 'responses') ? 'parameters' : 'other';
}

/** A parameter file's string values, for the template it goes with; they carry no positions in that template. */
function parameterFileValues(root: JsonObject): Map<string, Value> {
  const values = new Map<string, Value>();
  const parameters = property(root, 'parameters');
  for (const [name, entry] of parameters?.kind === 'object' ? parameters.props : []) {
    const value = stringAt(property(entry.value, 'value'));
    if (value !== undefined) values.set(name, { text: value, segments: [{ text: value }], span: entry.keySpan });
  }
  return values;
}

/** Strings anywhere in the document that are meant as registration paths. */
function addResourceIds(facts: FileFacts, root: JsonNode, scope: ArmScope | undefined): void {
  for (const literal of strings(root)) {
    const text = String(literal.value);
    if (!/subscriptions?\//i.test(text) || !/registrations?\b|customerSubscriptions?\b/i.test(text)) continue;
    const path = registrationPath(scope ? armValue(literal, scope) : jsonValue(literal));
    if (path) facts.resourceIds.push(path);
  }
}

function addDocumentFacts(facts: FileFacts, root: JsonObject): void {
  if (property(root, 'responses')) addRequestExample(facts, root);
  addSnapshots(facts, root);
  addTenantBody(facts, root);
}

function stringValue(node: JsonNode | undefined): Value | undefined {
  return node?.kind === 'literal' && typeof node.value === 'string' ? jsonValue(node) : undefined;
}

/**
 * A request example in the REST specs' format: `parameters` names the registration and customer subscription and
 * holds the body (`customerCreationParameters` for a tenant, `token` for a registration).
 */
function addRequestExample(facts: FileFacts, root: JsonObject): void {
  const parameters = property(root, 'parameters');
  const name = stringValue(property(parameters, 'registrationName'));
  if (!name) return;
  const ref = { subscriptionId: stringValue(property(parameters, 'subscriptionId')), resourceGroup: stringValue(property(parameters, 'resourceGroup')), name };
  const customer = stringValue(property(parameters, 'customerSubscriptionName'));
  const apiVersion = stringValue(property(parameters, 'api-version'));
  facts.values.push(...[ref.subscriptionId, ref.resourceGroup, name, customer].filter((v): v is Value => v !== undefined));
  if (apiVersion) facts.apiVersions.push({ value: apiVersion, target: customer ? 'customerSubscription' : 'registration' });
  if (!customer) {
    if (property(parameters, 'token')) facts.registrations.push({ span: name.span, ref });
    return;
  }
  const body = property(parameters, 'customerCreationParameters');
  const tenantId = stringValue(at(body, 'properties', 'tenantId'));
  facts.tenantOperations.push({
    action: body ? 'add' : 'get', span: customer.span, registration: ref, customerSubscriptionId: customer,
    ...(tenantId ? { tenantId } : {}),
    ...(body && !tenantId ? { tenantIdMissingAt: body.span } : {}),
  });
}

/** Saved GET / list responses: each registration resource in them shows a registration and its billing model. */
function addSnapshots(facts: FileFacts, root: JsonObject): void {
  for (const object of objects(root)) {
    const id = stringValue(property(object, 'id'));
    const path = id && registrationPath(id);
    const parts = path && registrationParts(path);
    if (!path || parts?.kind !== 'registration') continue;
    if (!property(object, 'properties') && !/registrations$/i.test(stringAt(property(object, 'type')) ?? '')) continue;
    const billingModel = stringValue(at(object, 'properties', 'billingModel'));
    facts.registrations.push({ span: path.span, ref: parts.ref, ...(billingModel ? { billingModel: { value: billingModel, implicit: false } } : {}) });
    if (billingModel) facts.billingModels.push({ value: billingModel, accepted: billingModels, setBy: 'billingModel' });
  }
}

/** A document that is only `{"properties": {"tenantId": …}}`: the body of a request that adds a tenant. */
function addTenantBody(facts: FileFacts, root: JsonObject): void {
  const properties = property(root, 'properties');
  if (root.props.size !== 1 || properties?.kind !== 'object' || properties.props.size !== 1) return;
  const tenantId = stringValue(property(properties, 'tenantId'));
  if (!tenantId) return;
  facts.tenantOperations.push({ action: 'add', span: tenantId.span, registration: {}, tenantId });
  facts.values.push(tenantId);
}
