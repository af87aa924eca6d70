// What the known PowerShell cmdlets mean for registrations and tenants: Set-AzsRegistration and friends declare a
// registration, the generic resource cmdlets and REST calls reach customer subscriptions, ConvertTo-SecureString
// takes secrets. Works on the cmdlet facts alone (no tree), so it is the same for every way of writing a call.
import { UNKNOWN, findPlaceholder } from '../ids';
import { billingModels, defaultBillingModel, defaultResourceGroup, tokenBillingModels } from '../azureStack';
import { isKnown, literalValue, type CmdletUse, type FileFacts, type ParameterUse, type RegistrationRef, type Value } from '../facts';
import { addRequestFacts, idFromParts, methodOf, readBody, type Request, type TenantBody } from './requests';

/** The parameter given under any of `names` (case-insensitive, as PowerShell binds them). */
export function parameter(cmdlet: CmdletUse, ...names: string[]): ParameterUse | undefined {
  // Counted loops without a closure or a lower-case copy per pair: the facts of a dense script ask ≈ 30,000 times.
  const { parameters } = cmdlet;
  for (let i = 0; i < parameters.length; i++) {
    for (let j = 0; j < names.length; j++) if (sameName(parameters[i].name, names[j])) return parameters[i];
  }
  return undefined;
}

/** Whether a name as written is `asked` (ASCII) in any letter case: as `toLowerCase` of both, without the copies. */
export function sameName(written: string, asked: string): boolean {
  if (written.length !== asked.length) return false;
  for (let i = 0; i < written.length; i++) {
    const char = written.charCodeAt(i);
    if (char === asked.charCodeAt(i)) continue;
    // Outside ASCII (the Kelvin sign lower-cases to 'k'), as `toLowerCase` has it.
    if (char > 0x7f) return written.toLowerCase() === asked.toLowerCase();
    if ((char | 0x20) !== (asked.charCodeAt(i) | 0x20) || !isAsciiLetter(char)) return false;
  }
  return true;
}

export function isAsciiLetter(char: number): boolean {
  return (char >= 0x41 && char <= 0x5a) || (char >= 0x61 && char <= 0x7a);
}

/** Whether a parameter is given: undefined when an unresolved splat might give it. */
export function hasParameter(cmdlet: CmdletUse, name: string): boolean | undefined {
  if (parameter(cmdlet, name)) return true;
  return cmdlet.unresolvedSplat ? undefined : false;
}

/** `found`: the cmdlets read so far (the whole file's, for a handler that waits for `finish`). */
type Handler = (facts: FileFacts, cmdlet: CmdletUse, found: CmdletFacts) => void;

const handlers: [RegExp, Handler][] = [
  [/^Set-AzsRegistration$/i, setRegistration],
  [/^Register-AzsEnvironment$/i, registerEnvironment],
  [/^Get-AzsRegistrationToken$/i, registrationToken],
  [/^(?:New|Get|Set|Remove)-Az(?:ureRm)?Resource$/i, resourceCmdlet],
  [/^Invoke-AzRestMethod$/i, (_, cmdlet, found) => restCall(cmdlet, found, parameter(cmdlet, 'Path', 'Uri')?.value, 'Payload')],
  [/^Invoke-(?:RestMethod|WebRequest)$/i, (_, cmdlet, found) => restCall(cmdlet, found, parameter(cmdlet, 'Uri')?.value ?? cmdlet.positional[0], 'Body')],
  [/^ConvertTo-SecureString$/i, secureString],
];

function addFactsOf(facts: FileFacts, cmdlet: CmdletUse, found: CmdletFacts, handler: Handler | undefined): void {
  addArgumentValues(facts.values, cmdlet.parameters);
  facts.values.push(...cmdlet.positional);
  handler?.(facts, cmdlet, found);
}

/** The handler of the cmdlet named `name`, if it has one. */
function handlerOf(name: string): Handler | undefined {
  return handlers.find(([pattern]) => pattern.test(name))?.[1];
}

/**
 * What the known cmdlets say (values, registrations, requests, secrets), added as a reader finds them, in the order of
 * the text: each one's while its objects are fresh (a dense script's thousands, read again once all were found, were
 * each a wait on memory). Only Register-AzsEnvironment looks at the whole file: from the first one on, the cmdlets wait
 * for `finish`, in order, so that the facts come out in the order of the cmdlets all the same.
 */
export class CmdletFacts {
  readonly cmdlets: CmdletUse[] = [];
  /** The index of the first cmdlet whose facts wait for `finish`. */
  private waitingFrom = -1;
  /**
   * Each name's handler (null: none), found once per name as written: a script calls a few cmdlets thousands of times,
   * and each search tried the handlers' patterns in turn.
   */
  private readonly handlerByName = new Map<string, Handler | null>();
  /** The URLs and resource IDs whose registration paths the requests listed among the resource IDs (see `listedPathOf`). */
  private readonly listedUrls = new Set<Value>();

  constructor(private readonly facts: FileFacts) {}

  add(cmdlet: CmdletUse): void {
    this.cmdlets.push(cmdlet);
    if (this.waitingFrom < 0 && this.handler(cmdlet.name) === registerEnvironment) this.waitingFrom = this.cmdlets.length - 1;
    if (this.waitingFrom < 0) addFactsOf(this.facts, cmdlet, this, this.handler(cmdlet.name));
  }

  /** Adds the facts of the cmdlets that waited; returns every cmdlet found. */
  finish(): CmdletUse[] {
    if (this.waitingFrom >= 0) {
      for (let i = this.waitingFrom; i < this.cmdlets.length; i++) addFactsOf(this.facts, this.cmdlets[i], this, this.handler(this.cmdlets[i].name));
    }
    return this.cmdlets;
  }

  /**
   * Whether a request of a cmdlet listed the registration path of `url` (an argument's value) among the resource IDs: a
   * reader that finds the same path in the string written there lists nothing more (no rule needs it twice).
   */
  listedPathOf(url: Value): boolean {
    return this.listedUrls.has(url);
  }

  /** Adds a cmdlet's request's facts (see `addRequestFacts`), noting a URL whose path it lists (see `listedPathOf`). */
  addRequest(request: Request): void {
    if (addRequestFacts(this.facts, request)) this.listedUrls.add(request.url);
  }

  private handler(name: string): Handler | undefined {
    let handler = this.handlerByName.get(name);
    if (handler === undefined) {
      handler = handlerOf(name) ?? null;
      this.handlerByName.set(name, handler);
    }
    return handler ?? undefined;
  }
}

/** Pushes each parameter's value, then those of its hashtable entries, in order (no arrays in between: a long script has thousands). */
function addArgumentValues(values: Value[], parameters: readonly ParameterUse[]): void {
  for (const p of parameters) {
    if (p.value) values.push(p.value);
    if (p.entries) addArgumentValues(values, p.entries);
  }
}

/** The registration a registration cmdlet names: -RegistrationName, and -ResourceGroupName or the cmdlets' default. */
function registrationRef(cmdlet: CmdletUse): RegistrationRef {
  const resourceGroup = parameter(cmdlet, 'ResourceGroupName')?.value;
  return {
    name: parameter(cmdlet, 'RegistrationName')?.value,
    resourceGroup: resourceGroup ?? (cmdlet.unresolvedSplat ? undefined : literalValue(defaultResourceGroup, cmdlet.nameSpan)),
  };
}

function setRegistration(facts: FileFacts, cmdlet: CmdletUse): void {
  const billingModel = parameter(cmdlet, 'BillingModel')?.value;
  facts.registrations.push({
    span: cmdlet.nameSpan,
    ref: registrationRef(cmdlet),
    ...(billingModel ? { billingModel: { value: billingModel, implicit: false } } : {}),
    ...(!billingModel && !cmdlet.unresolvedSplat ? { billingModel: { value: literalValue(defaultBillingModel, cmdlet.nameSpan), implicit: true } } : {}),
  });
  if (billingModel) facts.billingModels.push(billingModelUse(cmdlet, billingModel, billingModels));
}

function billingModelUse(cmdlet: CmdletUse, value: Value, accepted: readonly string[]) {
  return {
    value, accepted, setBy: cmdlet.name,
    hasAgreementNumber: hasParameter(cmdlet, 'AgreementNumber'), hasMsAssetTag: hasParameter(cmdlet, 'MsAssetTag'),
  };
}

function registrationToken(facts: FileFacts, cmdlet: CmdletUse): void {
  const billingModel = parameter(cmdlet, 'BillingModel')?.value;
  if (billingModel) facts.billingModels.push(billingModelUse(cmdlet, billingModel, tokenBillingModels));
}

/** Register-AzsEnvironment registers with a token: its billing model is the one the file's token request names, if only one. */
function registerEnvironment(facts: FileFacts, cmdlet: CmdletUse, found: CmdletFacts): void {
  const billingModel = tokenBillingModel(found.cmdlets);
  facts.registrations.push({
    span: cmdlet.nameSpan,
    ref: registrationRef(cmdlet),
    ...(billingModel ? { billingModel: { value: billingModel, implicit: false } } : {}),
  });
}

/** Each file's token billing model, worked out once: a file of many Register-AzsEnvironment calls asks for it at each. */
const tokenModelOfFile = new WeakMap<CmdletUse[], Value | undefined>();

/** The billing model the file's token requests name, if they all name the same known one. */
function tokenBillingModel(file: CmdletUse[]): Value | undefined {
  if (tokenModelOfFile.has(file)) return tokenModelOfFile.get(file);
  const tokenModels = file.filter((c) => /^Get-AzsRegistrationToken$/i.test(c.name)).map((c) => parameter(c, 'BillingModel')?.value);
  const distinct = new Set(tokenModels.map((v) => (isKnown(v) ? v.text.toLowerCase() : UNKNOWN)));
  const billingModel = distinct.size === 1 && !distinct.has(UNKNOWN) ? tokenModels[0] : undefined;
  tokenModelOfFile.set(file, billingModel);
  return billingModel;
}

const resourceMethods: Record<string, string> = { new: 'PUT', set: 'PUT', get: 'GET', remove: 'DELETE' };

function resourceCmdlet(facts: FileFacts, cmdlet: CmdletUse, found: CmdletFacts): void {
  const method = resourceMethods[cmdlet.name.slice(0, cmdlet.name.indexOf('-')).toLowerCase()];
  const apiVersion = parameter(cmdlet, 'ApiVersion')?.value;
  const body = method === 'PUT' ? propertiesBody(cmdlet) : null;
  const id = parameter(cmdlet, 'ResourceId', 'Id')?.value;
  if (id) {
    found.addRequest({ method, url: id, body, span: cmdlet.nameSpan, apiVersion });
    return;
  }
  const type = parameter(cmdlet, 'ResourceType')?.value;
  const name = parameter(cmdlet, 'ResourceName', 'Name')?.value;
  const group = parameter(cmdlet, 'ResourceGroupName')?.value;
  const url = idFromParts(type, name, group, cmdlet.nameSpan);
  if (url) found.addRequest({ method, url, body, span: cmdlet.nameSpan, synthetic: true, apiVersion });
  // Registrations listed by type, without a name: the script finds its registration wherever it is. (One read by its
  // name, as the CloudDeploymentID check writes it, only confirms the registration the script names.)
  if (method === 'GET' && !name && !cmdlet.unresolvedSplat && isKnown(type) && /^Microsoft\.AzureStack\/registrations$/i.test(type.text.trim())) {
    facts.registrationLookups.push({ span: cmdlet.nameSpan, anyResourceGroup: !group, anyName: true });
  }
}

/** `-Properties @{ tenantId = … }` as a request body; null when a New/Set call sends no properties at all. */
function propertiesBody(cmdlet: CmdletUse): TenantBody | null | undefined {
  const properties = parameter(cmdlet, 'Properties', 'PropertyObject');
  if (!properties) return cmdlet.unresolvedSplat ? undefined : null;
  if (!properties.entries) return undefined;
  const entry = (name: string) => properties.entries?.find((e) => e.name.toLowerCase() === name.toLowerCase())?.value;
  const tenantId = entry('tenantId');
  const billingModel = entry('billingModel');
  return {
    ...(tenantId ? { tenantId } : { missingTenantAt: properties.value?.span ?? properties.nameSpan }),
    ...(billingModel ? { billingModel } : {}),
  };
}

function restCall(cmdlet: CmdletUse, found: CmdletFacts, url: Value | undefined, bodyParameter: string): void {
  if (!url) return;
  const body = parameter(cmdlet, bodyParameter);
  found.addRequest({
    method: methodOf(parameter(cmdlet, 'Method')?.value, 'GET'),
    url,
    body: body?.value && !body.entries ? readBody(body.value) : body || cmdlet.unresolvedSplat ? undefined : null,
    span: cmdlet.nameSpan,
  });
}

function secureString(facts: FileFacts, cmdlet: CmdletUse): void {
  if (!parameter(cmdlet, 'AsPlainText')) return;
  const secret = parameter(cmdlet, 'String')?.value ?? cmdlet.positional[0];
  if (isKnown(secret) && secret.text.trim() !== '' && !findPlaceholder(secret.text)) facts.secrets.push(secret);
}
