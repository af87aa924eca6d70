// What an ARM request says, whoever writes it: a REST Client request, `az rest`, `Invoke-RestMethod`, `New-AzResource`.
// Every parser hands its URL (or resource ID), method, api-version and body here and gets the same facts back.
import { billingModels } from '../azureStack';
import { UNKNOWN, looksLikeRegistrationId, parseRegistrationId, type ParsedResourceId } from '../ids';
import {
  isKnown, literalValue, locateWhole, sliceValue, valueOf, type ApiTarget, type FileFacts, type RegistrationDeclaration, type RegistrationRef, type ResourceIdUse, type TenantAction,
  type TenantOperation, type Value,
} from '../facts';
import type { Span } from '../text';
import { spanTree, type SpanTree } from './jsonSource';

// Patterns used per request are made once: a literal in a function makes a new object each time it is reached.
const subscriptionsSegment = /(?:^|\/)subscriptions?\//i;
const origin = /^\s*https?:\/\/[^/]*/i;
const leadingSlash = /^\s*\//;
const customerSubscriptionsSegment = /customerSubscriptions?(?:[/?#]|$)/i;
const apiVersionParameter = /[?&]api-version=([^&#\s]*)/i;

/** Where the resource path starts in a URL or ID: at `/subscriptions`, after a scheme and host, or at a leading slash. */
function pathStart(text: string): number {
  const subscriptions = text.search(subscriptionsSegment);
  if (subscriptions >= 0) return subscriptions;
  const scheme = origin.exec(text);
  if (scheme) return scheme[0].length;
  return leadingSlash.test(text) ? text.indexOf('/') : -1;
}

/**
 * Where a path that starts at `start` ends: at a query, or at a quote, backslash or line break (an ID written in JSON
 * or script text that a string holds ends where that inner string ends). Blanks stay: Azure trims a name, and a
 * display name where an ID belongs (`Contoso Ltd`) is the mistake to show whole.
 */
function pathEnd(text: string, start: number): number {
  // A loop, where a search of a copy of the rest of the text made a string and a pattern object per path.
  for (let i = start; i < text.length; i++) if (endsPath(text.charCodeAt(i))) return i;
  return text.length;
}

/** `?`, `#`, a quote, a backtick, a backslash or a line break. */
function endsPath(char: number): boolean {
  return char === 0x3f || char === 0x23 || char === 0x22 || char === 0x27 || char === 0x60 || char === 0x5c || char === 0x0d || char === 0x0a;
}

/** The registration path inside a URL or resource ID (no scheme, host or query), when the text is meant as one. */
export function registrationPath(value: Value): Value | undefined {
  return registrationPathFrom(value, pathStart(value.text));
}

/** `registrationPath`, where the path starts at `start` of the value's text (-1: nowhere). */
function registrationPathFrom(value: Value, start: number): Value | undefined {
  if (start < 0) return undefined;
  const end = pathEnd(value.text, start);
  const path = sliceValue(value, start, end);
  return looksLikeRegistrationId(path.text) ? path : undefined;
}

/**
 * A word and a blank right before a path: the path is part of a sentence ("registration /subscriptions/…"), unless
 * the word is an HTTP method ("PUT /subscriptions/…", a request written in a string). A parameter (`-ResourceId `),
 * a key (`id: `, `id = `) or a quote before it make it code.
 */
const sentenceBefore = /(?:^|\s)(?!(?:GET|PUT|POST|PATCH|DELETE|HEAD)\s)[A-Za-z]+[.,;]?\s+$/i;

/**
 * The registration path a string of code or data holds, unless it is part of a sentence (a message, a description),
 * where a placeholder or an odd segment is no mistake.
 */
export function registrationPathInString(value: Value): Value | undefined {
  const start = pathStart(value.text);
  return start >= 0 && sentenceBefore.test(value.text.slice(Math.max(0, start - 100), start)) ? undefined : registrationPathFrom(value, start);
}

/** The value of the `api-version` query parameter of a URL, if it has one. */
function apiVersionInUrl(url: Value): Value | undefined {
  const match = apiVersionParameter.exec(url.text);
  if (!match) return undefined;
  const start = match.index + match[0].length - match[1].length;
  return sliceValue(url, start, start + match[1].length);
}

interface PathParts {
  ref: RegistrationRef;
  kind: 'registration' | 'customerSubscription' | 'customerSubscriptions';
  customerSubscriptionId?: Value;
}

/**
 * Where each run of characters other than `/` starts and ends (what `/[^/]+/g` matches, without a match object each),
 * as start and end one after the other: no object per part (a dense script reads thousands of paths).
 */
function slashSeparated(text: string): number[] {
  const bounds: number[] = [];
  for (let start = 0; start < text.length;) {
    const slash = text.indexOf('/', start);
    const end = slash < 0 ? text.length : slash;
    if (end > start) bounds.push(start, end);
    start = end + 1;
  }
  return bounds;
}

/**
 * The texts parsed last, with what `parseRegistrationId` made of each (read only, so shared): a sample pasted many
 * times over repeats a few paths thousands of times. Bounded: a long run reads many files.
 */
const parsedPaths = new Map<string, ParsedResourceId>();

/** A registration path with its text parsed: once, for the facts and every rule that judges or follows it. */
export function readResourceId(path: Value): ResourceIdUse {
  return { path, parsed: parsedPath(path.text) };
}

/** What `parseRegistrationId` makes of a path's text, shared (see `parsedPaths`). */
function parsedPath(text: string): ParsedResourceId {
  let parsed = parsedPaths.get(text);
  if (!parsed) {
    if (parsedPaths.size >= 256) parsedPaths.clear();
    parsed = parseRegistrationId(text);
    parsedPaths.set(text, parsed);
  }
  return parsed;
}

/** Splits a well-formed registration path into values for its parts; undefined when the path is malformed. */
export function registrationParts({ path, parsed }: ResourceIdUse): PathParts | undefined {
  return parsed.ok ? partsAt(path, parsed.kind, slashSeparated(path.text)) : undefined;
}

/** `registrationParts` of a well-formed path of `kind` whose parts are at `bounds` of its text (see `slashSeparated`). */
function partsAt(path: Value, kind: PathParts['kind'], bounds: readonly number[]): PathParts {
  const piece = (index: number) => sliceValue(path, bounds[2 * index], bounds[2 * index + 1]);
  const parts: PathParts = { ref: { subscriptionId: piece(1), resourceGroup: piece(3), name: piece(7) }, kind };
  if (kind === 'customerSubscription') parts.customerSubscriptionId = piece(9);
  return parts;
}

/**
 * What a URL's or resource ID's text says of the registration path in it (`registrationPath`): where the path is in
 * the text, its text parsed, the API it targets and, once asked, where its parts are.
 */
interface PathInText {
  start: number;
  end: number;
  parsed: ParsedResourceId;
  target: ApiTarget;
  bounds: number[] | undefined;
}

/**
 * `PathInText` of each URL text read last (null: no registration path in it), shared as `parsedPaths` is: a sample
 * pasted many times over requests a few URLs thousands of times, and each read of one searched its text four times.
 */
const pathsInTexts = new Map<string, PathInText | null>();

function pathInText(text: string): PathInText | null {
  let found = pathsInTexts.get(text);
  if (found === undefined) {
    if (pathsInTexts.size >= 256) pathsInTexts.clear();
    const start = pathStart(text);
    const end = start < 0 ? start : pathEnd(text, start);
    // The text `sliceValue` gives the path (`registrationPathFrom`).
    const path = start < 0 ? '' : text.slice(start, end);
    found = start >= 0 && looksLikeRegistrationId(path)
      ? { start, end, parsed: parsedPath(path), target: customerSubscriptionsSegment.test(path) ? 'customerSubscription' : 'registration', bounds: undefined }
      : null;
    pathsInTexts.set(text, found);
  }
  return found;
}

export interface TenantBody {
  tenantId?: Value;
  billingModel?: Value;
  /** Set when the body is readable JSON without properties.tenantId: where to point. */
  missingTenantAt?: Span;
}

/** A value of a JSON text: where it is (from its first character, a string with its quotes), and a string's value. */
interface BodyNode {
  offset: number;
  length: number;
  string?: string;
}

/**
 * In a well-formed JSON(C) object, the value at each of `paths` (keys from the root), the last of its key in each
 * object on the way, as ARM reads a repeated key (and JSON.parse, and the template reader); undefined for a text that
 * is no object or has errors; and the object's own place. One visit (`spanTree`): a body nested however deep is read
 * whole (`parseTree` descends a call per level, and ran out of stack some thousands deep).
 */
function findNodes(text: string, paths: readonly (readonly string[])[]): { root: BodyNode; found: (BodyNode | undefined)[] } | undefined {
  const { root, errors } = spanTree(text, paths);
  if (errors || !root.span || text[root.span.start] !== '{') return undefined;
  const found = paths.map((path) => {
    const span = path.reduce<SpanTree | undefined>((tree, key) => tree?.children?.get(key), root)?.span;
    if (!span) return undefined;
    // A string's value read back from its text: the text has no errors, so the string is well-formed JSON.
    const string = text[span.start] === '"' ? { string: JSON.parse(text.slice(span.start, span.end)) as string } : {};
    return { offset: span.start, length: span.end - span.start, ...string };
  });
  return { root: { offset: root.span.start, length: root.span.end - root.span.start }, found };
}

/**
 * The string `node` of `body` holds, as a value: located to the character when it has no escapes; else, as a JSON
 * document's string with escapes (jsonSource.ts), one piece placed where the string is written, so that a finding
 * underlines it there and a fix writes over the whole of it.
 */
function stringAt(body: Value, node: BodyNode | undefined): Value | undefined {
  if (node?.string === undefined) return undefined;
  const written = sliceValue(body, node.offset + 1, node.offset + node.length - 1);
  return written.text === node.string ? written : literalValue(node.string, locateWhole(written));
}

/**
 * Reads a request body (JSON): the customer's tenantId and a billingModel, if any. `level` says whether the JSON is
 * the whole resource (`{"properties": {"tenantId": …}}`) or only its properties (`az resource create --properties`).
 * Unreadable bodies say nothing.
 */
export function readBody(body: Value, level: 'resource' | 'properties' = 'resource'): TenantBody {
  const prefix = level === 'resource' ? ['properties'] : [];
  const read = findNodes(body.text, [prefix, [...prefix, 'tenantId'], [...prefix, 'billingModel']]);
  if (!read) return {};
  const [properties, tenantNode, billingNode] = read.found;
  const tenantId = stringAt(body, tenantNode);
  const billingModel = stringAt(body, billingNode);
  const at = properties ?? read.root;
  return {
    ...(tenantId ? { tenantId } : {}),
    ...(billingModel ? { billingModel } : {}),
    ...(tenantNode ? {} : { missingTenantAt: sliceValue(body, at.offset, at.offset + at.length).span }),
  };
}

export interface Request {
  method: string | undefined;
  /** A URL or a resource ID. */
  url: Value;
  /** Given separately (New-AzResource -ApiVersion); otherwise read from the URL's query. */
  apiVersion?: Value;
  /** null: the request has no body; undefined: the body is not known. */
  body: TenantBody | null | undefined;
  /** What a finding about the whole request underlines. */
  span: Span;
  /** True when the URL was put together from parts (-ResourceType, -ResourceName): not judged as written text. */
  synthetic?: boolean;
}

/** What a request of one customer subscription does, by its method (made once: a literal is an object each time it is reached). */
const tenantActions = new Map<string, TenantAction>([['PUT', 'add'], ['DELETE', 'remove'], ['GET', 'get']]);

function tenantAction(method: string | undefined, kind: PathParts['kind']): TenantAction | undefined {
  const verb = method?.toUpperCase();
  if (kind === 'customerSubscriptions') return verb === 'GET' ? 'list' : undefined;
  return tenantActions.get(verb ?? '');
}

/**
 * Adds what one request shows: the resource ID, its api-version, a tenant operation or a registration it creates. True
 * when it lists the URL's registration path among the resource IDs.
 */
export function addRequestFacts(facts: FileFacts, request: Request): boolean {
  const found = pathInText(request.url.text);
  if (!found) return false;
  const id: ResourceIdUse = { path: sliceValue(request.url, found.start, found.end), parsed: found.parsed };
  if (!request.synthetic) facts.resourceIds.push(id);
  addOperationFacts(facts, request, id, found);
  return !request.synthetic;
}

/**
 * The api-version, tenant operation or registration a request of a registration path shows. Objects written out
 * property by property, in the order spreads of optional ones gave them: a dense script has thousands of requests.
 */
function addOperationFacts(facts: FileFacts, request: Request, id: ResourceIdUse, found: PathInText): void {
  const apiVersion = request.apiVersion ?? apiVersionInUrl(request.url);
  if (apiVersion) facts.apiVersions.push({ value: apiVersion, target: found.target });
  // The parts are cut out only where a registration or tenant operation takes them (a GET of a registration does not).
  const { parsed } = id;
  if (!parsed.ok || (parsed.kind === 'registration' && request.method?.toUpperCase() !== 'PUT')) return;
  const parts = partsAt(id.path, parsed.kind, (found.bounds ??= slashSeparated(id.path.text)));
  if (parts.kind === 'registration') {
    const billingModel = request.body?.billingModel;
    const declaration: RegistrationDeclaration = { span: request.span, ref: parts.ref };
    if (billingModel) {
      declaration.billingModel = { value: billingModel, implicit: false };
      facts.billingModels.push({ value: billingModel, accepted: billingModels, setBy: 'billingModel' });
    }
    facts.registrations.push(declaration);
    return;
  }
  const action = tenantAction(request.method, parts.kind);
  if (!action) return;
  const body = request.body;
  const missingAt = body === null ? request.span : body?.missingTenantAt;
  const operation: TenantOperation = { action, span: request.span, registration: parts.ref };
  if (parts.customerSubscriptionId) operation.customerSubscriptionId = parts.customerSubscriptionId;
  if (action === 'add' && body?.tenantId) operation.tenantId = body.tenantId;
  if (action === 'add' && missingAt) operation.tenantIdMissingAt = missingAt;
  facts.tenantOperations.push(operation);
}

/** True when a method value is known well enough to name the operation. */
export function methodOf(value: Value | undefined, fallback: string): string | undefined {
  if (!value) return fallback;
  return isKnown(value) ? value.text : undefined;
}

/**
 * The resource ID that a resource type (`Microsoft.AzureStack/registrations[/customerSubscriptions]`), a name
 * (`registration[/customer subscription ID]`) and a resource group stand for, with the subscription left to run time
 * (it is the signed-in context's). Undefined for other resource types.
 */
export function idFromParts(type: Value | undefined, name: Value | undefined, group: Value | undefined, span: Span): Value | undefined {
  if (!isKnown(type) || !name || !/^Microsoft\.AzureStack\/registrations(?:\/customerSubscriptions)?$/i.test(type.text.trim())) return undefined;
  const slash = name.text.indexOf('/');
  const registration = slash < 0 ? name : sliceValue(name, 0, slash);
  const tenant = slash < 0 ? undefined : sliceValue(name, slash + 1, name.text.length);
  const tenantPart = /customerSubscriptions$/i.test(type.text.trim())
    ? [{ text: '/customerSubscriptions' }, ...(tenant ? [{ text: '/' }, ...tenant.segments] : [])]
    : [];
  return valueOf([
    { text: `/subscriptions/${UNKNOWN}/resourceGroups/` }, ...(group?.segments ?? [{ text: UNKNOWN }]),
    { text: '/providers/Microsoft.AzureStack/registrations/' }, ...registration.segments, ...tenantPart,
  ], span);
}
