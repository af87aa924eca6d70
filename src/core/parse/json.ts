// JSON and JSONC → facts: ARM templates (with their parameter files), ARM parameter files, REST request examples
// (`{"parameters": …, "responses": …}`), saved GET/list responses, plain customer-subscription request bodies and
// recorded SDK sessions (requests with their URI, method and body; bodies often kept as JSON inside a JSON string).
import { billingModels } from '../azureStack';
import { LazyValue, emptyFacts, spanOf, unknownValueAt, type FileFacts, type Value } from '../facts';
import { LineMap } from '../text';
import { addTemplateFacts, armValue, templateScope, type ArmScope } from './arm';
import { findPlaceholder } from '../ids';
import { embeddedJson, isMap, member, parseJson, placeIn, wrapped, type Json, type JsonMap, type JsonPlace, type JsonSource } from './jsonSource';
import { addRequestFacts, readResourceId, registrationParts, registrationPath, registrationPathInString, type TenantBody } from './requests';
import { suppressionIn } from './suppressions';

export type JsonRole = 'template' | 'parameters' | 'other';

export interface JsonAnalysis {
  facts: FileFacts;
  role: JsonRole;
  /** For a parameter file: its string values by lower-case parameter name. */
  parameterValues?: Map<string, Value>;
}

/**
 * Reads a JSON document; `parameterValues` are those of the parameter file that goes with it, if it is a template.
 * `uri` names the document, so that the values a parameter file gives say where they are written.
 */
export function jsonFacts(text: string, parameterValues?: ReadonlyMap<string, Value>, uri?: string): JsonAnalysis {
  const parsed = parseJson(text);
  const { source } = parsed;
  const facts = emptyFacts();
  facts.syntaxErrors = source.hasErrors;
  const mentions = textMentions(text);
  if (mentions.suppression) addSuppressions(facts, source);
  const root = isMap(parsed.root) ? parsed.root : undefined;
  if (!root) return { facts, role: 'other' };
  const role = roleOf(root);
  const scope = role === 'template' ? templateScope(source, root, undefined, parameterValues) : undefined;
  // Resource IDs are looked for in every string of the document, the resources' too, after the resources are read.
  const readsIds = role !== 'other' && mentions.path;
  if (scope) addTemplateFacts(facts, source, root, undefined, scope, !readsIds);
  if (role === 'other') addDocumentFacts(facts, source, root);
  else if (readsIds) addResourceIds(facts, source, root, scope);
  // In a broken document a property may only seem absent (the text is cut before it): claim no absence then.
  if (source.hasErrors) for (const operation of facts.tenantOperations) delete operation.tenantIdMissingAt;
  return { facts, role, ...(role === 'parameters' ? { parameterValues: parameterFileValues(source, root, uri) } : {}) };
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
  return isParameterFile(root) ? 'parameters' : 'other';
}

/** The members a parameter file may have, and those of each parameter in it (ARM's deploymentParameters schema). */
const parameterFileMembers = new Set(['$schema', 'contentversion', 'parameters', 'extensionconfigs']);
const parameterMembers = new Set(['value', 'reference', 'metadata']);

/**
 * Whether a document without a deploymentParameters `$schema` is a parameter file all the same (deployments take one
 * without it): only the members that schema allows, and `parameters` an object of `{"value": …}` or `{"reference": …}`
 * objects. A template's parameters have a `type`; a request example, a policy assignment or a deployment body has
 * other members.
 */
function isParameterFile(root: JsonMap): boolean {
  const parameters = member(root, 'parameters')?.value;
  const entries = isMap(parameters) ? Object.values(parameters) : [];
  const isParameter = (entry: Json) => isMap(entry) && (member(entry, 'value') !== undefined || isMap(member(entry, 'reference')?.value))
    && Object.keys(entry).every((key) => parameterMembers.has(key.toLowerCase()));
  return entries.length > 0 && Object.keys(root).every((key) => parameterFileMembers.has(key.toLowerCase())) && entries.every(isParameter);
}

/**
 * The values a parameter file gives, for the template it goes with: every parameter it names, so that the template's
 * defaultValue is never read in its place (ARM deploys with the file's value). A string spans its contents in the
 * parameter file and, when the file is named, says it is written there (`Segment.from`): where it is copied from,
 * when it is written without escapes in a well-formed file, so that a fix of the value in the template writes there.
 * A number, `true`, `false` or `null` is its JSON text, written there but no string to fix; a Key Vault `reference`, an
 * object or an array is unknown (a secret is read at deployment; no rule reads those as a string).
 */
function parameterFileValues(source: JsonSource, root: JsonMap, uri: string | undefined): Map<string, Value> {
  const values = new Map<string, Value>();
  const parameters = member(root, 'parameters');
  const parametersPlace = parameters && placeIn(undefined, parameters.key);
  for (const [name, entry] of parameters && isMap(parameters.value) ? Object.entries(parameters.value) : []) {
    const value = member(entry, 'value');
    const place = placeIn(parametersPlace, name);
    if (typeof value?.value === 'string') values.set(name.toLowerCase(), new ParameterFileValue(source.string(place, value.key, value.value), uri, source.hasErrors));
    else if (value && (value.value === null || typeof value.value !== 'object')) values.set(name.toLowerCase(), new ParameterFileValue(writtenJson(source, placeIn(place, value.key), value.value), uri, true));
    else if (value || member(entry, 'reference')) values.set(name.toLowerCase(), unknownValueAt(0, 0));
  }
  return values;
}

/** A number, boolean or null as its JSON text, spanning where it is written. */
function writtenJson(source: JsonSource, place: JsonPlace, value: null | boolean | number): Value {
  const text = JSON.stringify(value);
  return { text, segments: [{ text }], span: source.lazySpanAt(place) };
}

/** A value a parameter file gives, located when first asked (see `parameterFileValues`). */
class ParameterFileValue extends LazyValue {
  /** `uncopied`: its characters are not the value's (a broken file's string may end elsewhere than it seems; a number is no string). */
  constructor(private readonly written: Value, private readonly uri: string | undefined, private readonly uncopied: boolean) {
    super(written.text);
  }

  protected resolve(): Value {
    const { text, uri, written } = this;
    const { span } = written;
    // Its offsets are the parameter file's: never the segment's `at`, which a template would read as its own.
    const copied = !this.uncopied && written.segments[0]?.at !== undefined;
    return { text, segments: [uri === undefined ? { text } : { text, from: { uri, start: span.start, end: span.end, copied } }], span };
  }
}

interface Frame {
  container: Json[] | JsonMap;
  keys: (string | number)[];
  next: number;
  /** The key under which this container stands in the one above. */
  key: string | number;
  /** The container's place, once asked (the values in it share it). */
  place?: JsonPlace;
}

/** What `walk` says of each value: the value, its key and container (none for the root), and its place when asked. */
type Visit = (value: Json, place: () => JsonPlace | undefined, key: string | number | undefined, container: Json[] | JsonMap | undefined) => void;

/**
 * Calls `visit` for every value of the document, depth first, without recursion (documents may nest deeply) and
 * without building a place for each value: `place()` builds the one of the current value when asked (undefined for
 * the root).
 */
function walk(root: Json, visit: Visit): void {
  const frames: Frame[] = [];
  const enter = (container: Json, key: string | number) => {
    if (Array.isArray(container)) frames.push({ container, keys: [], next: 0, key });
    else if (isMap(container)) frames.push({ container, keys: Object.keys(container), next: 0, key });
  };
  let current: { key: string | number; value: Json } | undefined;
  // Each container's place is made once, from the one above it: a document nested n deep with a value asked about at
  // every level makes n places, not n² (the root container's place is undefined).
  const place = () => {
    let known = frames.length - 1;
    while (known > 0 && !frames[known].place) known--;
    for (let at = known + 1; at < frames.length; at++) frames[at].place = placeIn(frames[at - 1].place, frames[at].key);
    const found = frames.length > 0 ? frames[frames.length - 1].place : undefined;
    return current && frames.length > 0 ? placeIn(found, current.key) : found;
  };
  visit(root, () => undefined, undefined, undefined);
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
    visit(value, place, key, frame.container);
    current = undefined;
    enter(value, key);
  }
}

/**
 * Whether the text names a suppression, and whether any string of it can hold a registration path. Each is asked of
 * the text only when one scan for both finds either: most large templates hold neither (a scan of 5 MB ≈ 0.4 ms).
 */
function textMentions(text: string): { suppression: boolean; path: boolean } {
  if (!/azs-disable|subscriptions?\//i.test(text)) return { suppression: false, path: false };
  return { suppression: /azs-disable/i.test(text), path: /subscriptions?\//i.test(text) };
}

/** Strings anywhere in the document that are meant as registration paths. */
function addResourceIds(facts: FileFacts, source: JsonSource, root: JsonMap, scope: ArmScope | undefined): void {
  walk(root, (text, placeOf) => {
    if (typeof text !== 'string' || !mayHoldId(text)) return;
    const place = placeOf();
    if (!place) return; // a document that is one string
    const found = registrationPath(scope ? armValue(source, place.parent, place.key, text, scope) : source.string(place.parent, place.key, text));
    if (found) facts.resourceIds.push(readResourceId(found));
  });
}

/** Cheap tests first: most strings of a large document are ruled out by the first. */
function mayHoldId(text: string): boolean {
  return text.includes('ubscription') && /subscriptions?\//i.test(text) && /registrations?\b|customerSubscriptions?\b|Microsoft\.AzureStack\//i.test(text);
}

/** Words without which a JSON document held in a string says nothing the rules read: tested before it is parsed. */
const mentionsRegistration = /subscriptions?\/|registrations?\b|customerSubscriptions?\b|tenantId/i;

/** Keys whose value is an ID or a name, where an unfilled placeholder is a mistake (not prose such as a description). */
const idOrNameKey = /^(?:id|name|resourceGroup)$|[a-z](?:Id|ID|Name)$/;

function addDocumentFacts(facts: FileFacts, source: JsonSource, root: JsonMap): void {
  if (member(root, 'responses')) addRequestExample(facts, source, root);
  addTenantBody(facts, source, root);
  addDocumentValues(facts, source, root);
}

/**
 * One visit of a document that is not a template, or of one held in one of its strings: registration snapshots,
 * recorded requests, resource IDs in strings, placeholders in ID and name fields, and the documents its strings hold.
 */
function addDocumentValues(facts: FileFacts, source: JsonSource, root: Json): void {
  /** A recorded request's URL key, by the request's object: the request's facts hold that URL already. */
  const requestUrls = new Map<Json[] | JsonMap, string>();
  walk(root, (value, placeOf, key, container) => {
    if (isMap(value)) {
      if (typeof member(value, 'id')?.value === 'string') addSnapshot(facts, source, value, placeOf());
      const url = addRecordedRequest(facts, source, value, placeOf);
      if (url) requestUrls.set(value, url);
      return;
    }
    if (typeof value !== 'string' || key === undefined || !container) return;
    // Most strings are no JSON: their place is only worked out for those that may be.
    const inner = wrapped(value) ? embeddedJson(source, placeOf()?.parent, key, value, mentionsRegistration) : undefined;
    if (inner) {
      if (inner.root !== undefined) addDocumentValues(facts, inner.source, inner.root);
      return;
    }
    if (requestUrls.get(container) === key) return;
    if (mayHoldId(value)) {
      const found = registrationPathInString(source.string(placeOf()?.parent, key, value));
      if (found) facts.resourceIds.push(readResourceId(found));
    } else if (typeof key === 'string' && idOrNameKey.test(key) && findPlaceholder(value)) {
      facts.values.push(source.string(placeOf()?.parent, key, value));
    }
  });
}

/** A key of a recorded request: `RequestUri` (Azure SDK recordings) or `uri`/`url`, and so on, in any letter case. */
function requestMember(map: JsonMap, names: readonly string[]): { key: string; value: Json } | undefined {
  for (const name of names) {
    const found = member(map, name);
    if (found) return found;
  }
  return undefined;
}

/**
 * A recorded request (`{"RequestUri": …, "RequestMethod": …, "RequestBody": …}`, or `uri`/`url`, `method`, `body`):
 * what it asks of a registration, as any other request's. Gives the URL's key when the object is one.
 */
function addRecordedRequest(facts: FileFacts, source: JsonSource, map: JsonMap, placeOf: () => JsonPlace | undefined): string | undefined {
  const url = requestMember(map, ['RequestUri', 'uri', 'url']);
  const method = requestMember(map, ['RequestMethod', 'method']);
  if (typeof url?.value !== 'string' || typeof method?.value !== 'string' || !mayHoldId(url.value)) return undefined;
  const place = placeOf();
  const urlValue = source.string(place, url.key, url.value);
  addRequestFacts(facts, { method: method.value, url: urlValue, body: recordedBody(source, map, place), span: spanOf(urlValue) });
  if (answeredWithSuccess(map)) addRecordedRegistration(facts, urlValue, method.value);
  return url.key;
}

/** True when the recording holds Azure's answer to the request and that answer was a success (200 or 201). */
function answeredWithSuccess(map: JsonMap): boolean {
  const status = requestMember(map, ['StatusCode', 'statusCode', 'status'])?.value;
  return status === 200 || status === 201 || status === '200' || status === '201';
}

/**
 * A registration Azure answered a request about with success exists: the recording declares it, as a saved response
 * does (other files' requests to it are no RegistrationNotFound risk, nor are this session's own later requests).
 * A successful DELETE of the registration itself says the opposite.
 */
function addRecordedRegistration(facts: FileFacts, url: Value, method: string): void {
  const found = registrationPath(url);
  const parts = found && registrationParts(readResourceId(found));
  if (!found || !parts || (parts.kind === 'registration' && /^delete$/i.test(method))) return;
  facts.registrations.push({ span: spanOf(parts.ref.name ?? found), ref: parts.ref });
}

/** A recorded request's body: an object, or JSON in a string; null when it has none, undefined when it cannot be read. */
function recordedBody(source: JsonSource, map: JsonMap, place: JsonPlace | undefined): TenantBody | null | undefined {
  const body = requestMember(map, ['RequestBody', 'body']);
  if (!body || body.value === null || body.value === '') return null;
  if (typeof body.value !== 'string') return tenantBodyIn(source, body.value, placeIn(place, body.key));
  const inner = embeddedJson(source, place, body.key, body.value, /[{[]/);
  return inner && tenantBodyIn(inner.source, inner.root, undefined);
}

/** A resource's body (`{"properties": {"tenantId": …, "billingModel": …}}`) as the rules read a request's body. */
function tenantBodyIn(source: JsonSource, root: Json | undefined, place: JsonPlace | undefined): TenantBody | undefined {
  if (!isMap(root)) return undefined;
  const properties = member(root, 'properties');
  const propertiesPlace = properties ? placeIn(place, properties.key) : undefined;
  const tenantId = properties && stringAt(source, properties.value, propertiesPlace, 'tenantId');
  const billingModel = properties && stringAt(source, properties.value, propertiesPlace, 'billingModel');
  return {
    ...(tenantId ? { tenantId } : { missingTenantAt: source.lazySpanAt(propertiesPlace ?? place) }),
    ...(billingModel ? { billingModel } : {}),
  };
}

/** The string property `name` of the object at `place`, as a value. */
function stringAt(source: JsonSource, map: Json | undefined, place: JsonPlace | undefined, name: string): Value | undefined {
  const found = member(map, name);
  return typeof found?.value === 'string' ? source.string(place, found.key, found.value) : undefined;
}

/**
 * A request example in the REST specs' format: `parameters` names the registration and customer subscription and
 * holds the body (`customerCreationParameters` for a tenant, `token` for a registration).
 */
function addRequestExample(facts: FileFacts, source: JsonSource, root: JsonMap): void {
  const block = member(root, 'parameters');
  if (!block) return;
  const parameters = block.value;
  const path = placeIn(undefined, block.key);
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
  const bodyPath = body ? placeIn(path, body.key) : undefined;
  const properties = body && member(body.value, 'properties');
  const tenantId = properties && stringAt(source, properties.value, placeIn(bodyPath, properties.key), 'tenantId');
  facts.tenantOperations.push({
    action: body ? 'add' : 'get', span: spanOf(customer), registration: ref, customerSubscriptionId: customer,
    ...(tenantId ? { tenantId } : {}),
    ...(body && !tenantId ? { tenantIdMissingAt: source.lazySpanAt(bodyPath) } : {}),
  });
}

/** A saved GET / list response's resource: a registration resource shows a registration and its billing model. */
function addSnapshot(facts: FileFacts, source: JsonSource, map: JsonMap, path: JsonPlace | undefined): void {
  const id = stringAt(source, map, path, 'id');
  const found = id && registrationPath(id);
  const parts = found && registrationParts(readResourceId(found));
  if (!found || parts?.kind !== 'registration') return;
  const type = member(map, 'type')?.value;
  const properties = member(map, 'properties');
  if (!properties && !(typeof type === 'string' && /registrations$/i.test(type))) return;
  const billingModel = properties && stringAt(source, properties.value, placeIn(path, properties.key), 'billingModel');
  facts.registrations.push({ span: spanOf(found), ref: parts.ref, ...(billingModel ? { billingModel: { value: billingModel, implicit: false } } : {}) });
  if (billingModel) facts.billingModels.push({ value: billingModel, accepted: billingModels, setBy: 'billingModel' });
}

/** A document that is only `{"properties": {"tenantId": …}}`: the body of a request that adds a tenant. */
function addTenantBody(facts: FileFacts, source: JsonSource, root: JsonMap): void {
  const properties = member(root, 'properties');
  if (Object.keys(root).length !== 1 || !properties || !isMap(properties.value) || Object.keys(properties.value).length !== 1) return;
  const tenantId = stringAt(source, properties.value, placeIn(undefined, properties.key), 'tenantId');
  if (!tenantId) return;
  facts.tenantOperations.push({ action: 'add', span: spanOf(tenantId), registration: {}, tenantId });
  facts.values.push(tenantId);
}
