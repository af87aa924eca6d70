// The emulator: an HTTPS server on 127.0.0.1 that routes each request to one provider module, after the global
// latency and any injected fault, checks api-version and bearer token for ARM calls, and logs what it answered.
// Each stamp in the state gets a listener of its own on another port (same certificate): its admin ARM endpoint is
// an origin of its own, as a real one is, so the SDK uses it as a base URL and its paths never clash with ARM's.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorContext, TokenRule } from './context';
import { FaultBook, malformedJsonReply, statusFaultReply, type ActiveFault } from './faults';
import { azureStackModule, malformedRegistrationPath } from './modules/azureStack';
import { controlModule, readyStamps, stampPrincipals, type ReadyStamp, type ReadyStampPrincipal } from './modules/control';
import { identityModule } from './modules/identity';
import { resourcesModule } from './modules/resources';
import { stampModules, stampTokenRule } from './modules/stamp';
import { RequestLog, type ArrivedRequest, type CarriedCredential } from './requestLog';
import { armError, checkApiVersion, normalizePath, Router, type EmulatorRequest, type Reply, type RouteModule } from './router';
import type { StateFile } from './stateFile';
import { EmulatorStore } from './store';
import { createTlsFiles, type TlsFiles } from './tls';
import { TokenIssuer, type TokenClaims } from './tokens';

/** Provider modules of the ARM emulator, in matching order. Stamps' admin endpoints serve `stampModules`. */
export const modules: readonly RouteModule[] = [controlModule, identityModule, resourcesModule, azureStackModule];

export interface EmulatorOptions {
  state: StateFile;
  port?: number;
  latencyMs?: number;
}

/** What a client needs to use the emulator; printed as `{"ready": …}` by `main.js --ready-json`. */
export interface ReadyInfo {
  url: string;
  caFile: string;
  controlUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** For a client process: trust, the sandbox service principal, and where the emulator is. */
  env: Record<string, string>;
  /** The extension's settings that point it at the emulator. */
  workspaceSettings: Record<string, unknown>;
  /** The admin endpoint of each stamp in the state. */
  stamps: ReadyStamp[];
  /** Each stamp's own service principal (never in workspaceSettings: a secret belongs in secret storage). */
  stampPrincipals: ReadyStampPrincipal[];
}

export interface RunningEmulator {
  info: ReadyInfo;
  context: EmulatorContext;
  close(): Promise<void>;
}

const maxBodyBytes = 1024 * 1024;
const controlPrefix = '/_emulator';
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One listener: the ARM emulator or one stamp's admin endpoint. Shared data lives in the Emulator. */
abstract class Site implements EmulatorContext {
  abstract readonly stampName: string | undefined;
  abstract readonly router: Router;

  constructor(protected readonly emulator: Emulator, readonly url: string) {}

  /** The token this endpoint accepts, or the answer when the endpoint serves nothing any more. */
  abstract tokenRule(): TokenRule | Reply;

  get armUrl(): string { return this.emulator.arm.url; }
  get store(): EmulatorStore { return this.emulator.store; }
  get tokens(): TokenIssuer { return this.emulator.tokens; }
  get faults(): FaultBook { return this.emulator.faults; }
  get requests(): RequestLog { return this.emulator.requests; }
  get latencyMs(): number { return this.emulator.latencyMs; }
  set latencyMs(ms: number) { this.emulator.latencyMs = ms; }
  replaceState(file: StateFile): Promise<void> { return this.emulator.replaceState(file); }
  reset(): void { this.emulator.reset(); }
  stampEndpoint(name: string): string | undefined { return this.emulator.stampSites.get(name.toLowerCase())?.url; }
}

class ArmSite extends Site {
  readonly stampName = undefined;
  readonly router = new Router(modules);

  tokenRule(): TokenRule {
    return { audience: this.url, authorizationUri: `${this.url}/${this.store.signIn.tenantId}` };
  }
}

class StampSite extends Site {
  readonly router = new Router(stampModules);

  constructor(emulator: Emulator, url: string, readonly stampName: string) {
    super(emulator, url);
  }

  tokenRule(): TokenRule | Reply {
    const stamp = this.store.stamp(this.stampName);
    return stamp ? stampTokenRule(stamp, this) : armError(404, 'NotFound', `The emulator's state has no stamp ${this.stampName} any more.`);
  }
}

class Emulator {
  store: EmulatorStore;
  readonly tokens = new TokenIssuer();
  readonly faults = new FaultBook();
  readonly requests = new RequestLog();
  readonly stampSites = new Map<string, StampSite>();
  private readonly servers: Server[] = [];
  /** Set by startEmulator as soon as the ARM emulator's port is known, before any request can arrive. */
  arm!: ArmSite;

  constructor(private readonly initial: StateFile, public latencyMs: number, private readonly tls: TlsFiles) {
    this.store = new EmulatorStore(initial);
  }

  async replaceState(file: StateFile): Promise<void> {
    this.store = new EmulatorStore(file);
    await this.openStampSites();
  }

  reset(): void {
    this.store = new EmulatorStore(this.initial);
    this.faults.clear();
    this.requests.clear();
  }

  /** Starts listening on 127.0.0.1 for one site; `makeSite` gets the origin once the port is known. */
  async listen<T extends Site>(port: number, makeSite: (url: string) => T): Promise<T> {
    const server: Server = createServer({ key: this.tls.key, cert: this.tls.cert });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.servers.push(server);
    const site = makeSite(`https://127.0.0.1:${(server.address() as AddressInfo).port}`);
    // Attached in the same tick as the listen callback: no request can have been accepted before.
    server.on('request', (message: IncomingMessage, response: ServerResponse) => {
      this.handle(site, message, response).catch(() => message.socket.destroy());
    });
    return site;
  }

  /** An admin endpoint for every stamp of the state that has none yet (they stay open when a later state drops the stamp). */
  async openStampSites(): Promise<void> {
    for (const stamp of this.store.stamps()) {
      const key = stamp.name.toLowerCase();
      if (!this.stampSites.has(key)) this.stampSites.set(key, await this.listen(0, (url) => new StampSite(this, url, stamp.name)));
    }
  }

  close(): Promise<void> {
    return Promise.all(this.servers.map((server) => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }))).then(() => undefined);
  }

  async handle(site: Site, message: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrived = Date.now();
    const logged = this.requests.arrived();
    try {
      await this.answer(site, message, response, arrived, logged);
    } finally {
      logged.ended();
    }
  }

  private async answer(site: Site, message: IncomingMessage, response: ServerResponse, arrived: number, logged: ArrivedRequest): Promise<void> {
    const request = await readRequest(message);
    if (site.stampName === undefined && (request.path === controlPrefix || request.path.startsWith(`${controlPrefix}/`))) {
      // Not logged, nor in flight: a clearing that waits for the requests in flight does not wait for itself.
      logged.ended();
      send(message, response, request.reply ?? await this.dispatch(site, request));
      return;
    }
    const fault = this.faults.take(request.method, request.path, site.stampName, request.query.toString());
    if (this.latencyMs) await delay(this.latencyMs);
    const reply = () => request.reply ?? this.dispatch(site, request);
    // afterApply: the request takes effect before the fault delays, fails, drops or garbles its answer.
    const applied = fault?.afterApply ? await reply() : undefined;
    if (fault?.kind === 'latency') await delay(fault.ms ?? 0);
    const status = fault && fault.kind !== 'latency' ? act(fault, message, response) : send(message, response, applied ?? await reply());
    logged.log({
      time: new Date(arrived).toISOString(),
      method: request.method,
      path: request.path,
      apiVersion: request.apiVersion,
      status,
      durationMs: Date.now() - arrived,
      ...(fault ? { fault: fault.kind === 'status' ? `status ${fault.status}` : fault.kind } : {}),
      ...(site.stampName ? { stamp: site.stampName } : {}),
      ...carriedBy(site, request),
    });
  }

  private async dispatch(site: Site, request: EmulatorRequest): Promise<Reply> {
    const match = site.router.match(request.method, request.path);
    if (match.kind === 'none') {
      const malformed = site.stampName === undefined ? malformedRegistrationPath(request.path) : undefined;
      return malformed ? this.authenticate(site, request) ?? malformed : armError(404, 'NotFound', `The emulator serves nothing at ${request.method} ${request.path}.`);
    }
    if (match.kind === 'wrongMethod') {
      return armError(405, 'MethodNotAllowed', `The requested resource does not support http method '${request.method}'.`, undefined, { Allow: match.allowed.join(', ') });
    }
    const { route, params } = match;
    const routed = { ...request, params };
    const refusal = checkApiVersion(route.apiVersions, request.apiVersion, route.resourceType ?? route.path) ?? (route.auth ? this.authenticate(site, request) : undefined);
    if (refusal) return refusal;
    try {
      return await route.handle(routed, site);
    } catch (error) {
      return armError(500, 'InternalServerError', `The emulator failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** ARM's answer to a call without a valid token for this endpoint, or undefined when the token is good. */
  private authenticate(site: Site, request: EmulatorRequest): Reply | undefined {
    const rule = site.tokenRule();
    if ('status' in rule) return rule;
    const challenge = (description: string) => ({
      'WWW-Authenticate': `Bearer authorization_uri="${rule.authorizationUri}", error="invalid_token", error_description="${description}"`,
    });
    const header = request.headers.authorization;
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) {
      const message = "Authentication failed. The 'Authorization' header is missing.";
      return armError(401, 'AuthenticationFailed', message, undefined, challenge('The authentication header is missing.'));
    }
    const check = this.tokens.check(token);
    if (!check.ok) return armError(401, check.code, check.message, undefined, challenge(check.message));
    const refused = tokenRefusal(check.claims, rule);
    return refused && armError(401, refused.code, refused.message, undefined, challenge(refused.description));
  }
}

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/** Why a genuine token is not good here: issued for another audience, or by another identity system. */
function tokenRefusal(claims: TokenClaims, rule: TokenRule): { code: string; message: string; description: string } | undefined {
  if (!sameUrl(claims.aud, rule.audience)) {
    const audience = rule.audience.replace(/\/+$/, '');
    return {
      code: 'InvalidAuthenticationTokenAudience',
      message: `The access token has been obtained for wrong audience or resource '${claims.aud}'. It should exactly match with one of the allowed audiences '${audience}', '${audience}/'.`,
      description: 'The access token is for another audience.',
    };
  }
  if (rule.issuer && !sameUrl(claims.iss, rule.issuer)) {
    return {
      code: 'InvalidAuthenticationTokenTenant',
      message: `The access token is from the wrong issuer '${claims.iss}'. It must match '${rule.issuer}'.`,
      description: 'The access token is from another identity provider.',
    };
  }
  return undefined;
}

interface ReadRequest extends EmulatorRequest {
  /** Set when the request is refused before routing (body too large or not JSON). */
  reply?: Reply;
  /** The body as text, for finding credentials in it (never logged). */
  text: string;
}

const sameAudience = (a: unknown, b: string) => typeof a === 'string' && a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/** The kinds of credential a request carried, for the request log: found by looking, never recorded themselves. */
function carriedBy(site: Site, request: ReadRequest): { carried?: CarriedCredential[] } {
  const carried = new Set<CarriedCredential>();
  const azureSecret = site.store.signIn.clientSecret;
  const headerValues = Object.values(request.headers).flat().filter((v): v is string => typeof v === 'string');
  const formValues = [...request.form?.values() ?? []];
  if ([request.text, ...headerValues, ...formValues].some((text) => text.includes(azureSecret))) carried.add('azureSecret');
  const secret = request.form?.get('client_secret');
  if (secret && secret !== azureSecret) carried.add('clientSecret');
  if (request.form?.get('client_assertion')) carried.add('clientAssertion');
  const bearer = /^Bearer\s+(\S+)/i.exec(String(request.headers.authorization ?? ''))?.[1];
  if (bearer) carried.add(sameAudience(site.tokens.signedClaims(bearer)?.aud, site.armUrl) ? 'armToken' : 'token');
  return carried.size ? { carried: [...carried] } : {};
}

async function readBody(message: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readRequest(message: IncomingMessage): Promise<ReadRequest> {
  const raw = message.url ?? '/';
  const queryStart = raw.indexOf('?');
  const query = new URLSearchParams(queryStart < 0 ? '' : raw.slice(queryStart + 1));
  const request: ReadRequest = {
    text: '',
    method: (message.method ?? 'GET').toUpperCase(),
    path: normalizePath(queryStart < 0 ? raw : raw.slice(0, queryStart)),
    query,
    headers: message.headers,
    json: undefined,
    form: undefined,
    params: {},
    apiVersion: query.get('api-version') ?? undefined,
  };
  const body = await readBody(message);
  if (!body) return { ...request, reply: armError(413, 'RequestEntityTooLarge', `The request body is larger than ${maxBodyBytes} bytes.`) };
  const text = body.toString('utf8');
  request.text = text;
  if (/application\/x-www-form-urlencoded/i.test(message.headers['content-type'] ?? '')) return { ...request, form: new URLSearchParams(text) };
  if (!text.trim()) return request;
  try {
    return { ...request, json: JSON.parse(text) as unknown };
  } catch {
    return { ...request, reply: armError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized: it is not JSON.') };
  }
}

/** Sends a reply with the headers ARM sends (request and correlation IDs); returns the status. */
function send(message: IncomingMessage, response: ServerResponse, reply: Reply): number {
  const correlation = message.headers['x-ms-correlation-request-id'];
  const clientRequestId = message.headers['x-ms-client-request-id'];
  const headers: Record<string, string> = {
    'Cache-Control': 'no-cache',
    'x-ms-request-id': randomUUID(),
    'x-ms-correlation-request-id': typeof correlation === 'string' ? correlation : randomUUID(),
    ...(typeof clientRequestId === 'string' ? { 'x-ms-client-request-id': clientRequestId } : {}),
    ...reply.headers,
  };
  const body = reply.rawBody ?? (reply.body === undefined ? undefined : JSON.stringify(reply.body));
  if (body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = String(Buffer.byteLength(body ?? ''));
  response.writeHead(reply.status, headers);
  response.end(body);
  return reply.status;
}

/** Answers in place of the real reply: an error status, a dropped connection (status 0) or a garbled body. */
function act(fault: ActiveFault, message: IncomingMessage, response: ServerResponse): number {
  switch (fault.kind) {
    case 'drop':
      message.socket.destroy();
      return 0;
    case 'malformedJson':
      return send(message, response, malformedJsonReply);
    default:
      return send(message, response, statusFaultReply(fault));
  }
}

function readyInfo(emulator: Emulator, caFile: string): ReadyInfo {
  const url = emulator.arm.url;
  const { tenantId, clientId, clientSecret } = emulator.store.signIn;
  const controlUrl = `${url}${controlPrefix}`;
  return {
    url, caFile, controlUrl, tenantId, clientId, clientSecret,
    env: {
      NODE_EXTRA_CA_CERTS: caFile,
      AZURE_TENANT_ID: tenantId,
      AZURE_CLIENT_ID: clientId,
      AZURE_CLIENT_SECRET: clientSecret,
      AZURE_AUTHORITY_HOST: url,
      AZS_EMULATOR_URL: url,
      AZS_EMULATOR_CONTROL_URL: controlUrl,
    },
    workspaceSettings: {
      'azureStackCsp.cloud': 'Custom',
      'azureStackCsp.customCloud.resourceManagerEndpoint': url,
      'azureStackCsp.customCloud.authorityHost': url,
      'azureStackCsp.signIn.method': 'servicePrincipalEnvironment',
      'azureStackCsp.signIn.tenantId': tenantId,
      'azureStackCsp.stamps': readyStamps(emulator.arm),
    },
    stamps: readyStamps(emulator.arm),
    stampPrincipals: stampPrincipals(emulator.arm),
  };
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const tls = await createTlsFiles();
  const emulator = new Emulator(options.state, options.latencyMs ?? 0, tls);
  emulator.arm = await emulator.listen(options.port ?? 0, (url) => new ArmSite(emulator, url));
  await emulator.openStampSites();
  return {
    info: readyInfo(emulator, tls.caFile),
    context: emulator.arm,
    close: async () => {
      await emulator.close();
      rmSync(tls.dir, { recursive: true, force: true });
    },
  };
}
