// The emulator: an HTTPS server on 127.0.0.1 that routes each request to one provider module, after the global
// latency and any injected fault, checks api-version and bearer token for ARM calls, and logs what it answered.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorContext } from './context';
import { FaultBook, malformedJsonReply, statusFaultReply, type ActiveFault } from './faults';
import { azureStackModule } from './modules/azureStack';
import { controlModule } from './modules/control';
import { identityModule } from './modules/identity';
import { resourcesModule } from './modules/resources';
import { RequestLog } from './requestLog';
import { armError, checkApiVersion, normalizePath, Router, type EmulatorRequest, type Reply, type RouteModule } from './router';
import type { StateFile } from './stateFile';
import { EmulatorStore } from './store';
import { createTlsFiles } from './tls';
import { TokenIssuer } from './tokens';

/** Provider modules, in matching order. A stamp's admin API (issue 7) is one more module here. */
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
  workspaceSettings: Record<string, string>;
}

export interface RunningEmulator {
  info: ReadyInfo;
  context: EmulatorContext;
  close(): Promise<void>;
}

const maxBodyBytes = 1024 * 1024;
const controlPrefix = '/_emulator';
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Emulator implements EmulatorContext {
  store: EmulatorStore;
  readonly tokens = new TokenIssuer();
  readonly faults = new FaultBook();
  readonly requests = new RequestLog();
  private readonly router = new Router(modules);
  url = '';

  constructor(private readonly initial: StateFile, public latencyMs: number) {
    this.store = new EmulatorStore(initial);
  }

  replaceState(file: StateFile): void {
    this.store = new EmulatorStore(file);
  }

  reset(): void {
    this.store = new EmulatorStore(this.initial);
    this.faults.clear();
    this.requests.clear();
  }

  async handle(message: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrived = Date.now();
    const request = await readRequest(message);
    if (request.path === controlPrefix || request.path.startsWith(`${controlPrefix}/`)) {
      send(message, response, request.reply ?? this.dispatch(request));
      return;
    }
    const fault = this.faults.take(request.method, request.path);
    if (this.latencyMs) await delay(this.latencyMs);
    const reply = () => request.reply ?? this.dispatch(request);
    // afterApply: the request takes effect before the fault delays, fails, drops or garbles its answer.
    const applied = fault?.afterApply ? reply() : undefined;
    if (fault?.kind === 'latency') await delay(fault.ms ?? 0);
    const status = fault && fault.kind !== 'latency' ? act(fault, message, response) : send(message, response, applied ?? reply());
    this.requests.add({
      time: new Date(arrived).toISOString(),
      method: request.method,
      path: request.path,
      apiVersion: request.apiVersion,
      status,
      durationMs: Date.now() - arrived,
      ...(fault ? { fault: fault.kind === 'status' ? `status ${fault.status}` : fault.kind } : {}),
    });
  }

  private dispatch(request: EmulatorRequest): Reply {
    const match = this.router.match(request.method, request.path);
    if (match.kind === 'none') return armError(404, 'NotFound', `The emulator serves nothing at ${request.method} ${request.path}.`);
    if (match.kind === 'wrongMethod') {
      return armError(405, 'MethodNotAllowed', `The requested resource does not support http method '${request.method}'.`, undefined, { Allow: match.allowed.join(', ') });
    }
    const { route, params } = match;
    const routed = { ...request, params };
    const refusal = checkApiVersion(route.apiVersions, request.apiVersion, route.resourceType ?? route.path) ?? (route.auth ? this.authenticate(request) : undefined);
    if (refusal) return refusal;
    try {
      return route.handle(routed, this);
    } catch (error) {
      return armError(500, 'InternalServerError', `The emulator failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** ARM's answer to a call without a valid token for this emulator, or undefined when the token is good. */
  private authenticate(request: EmulatorRequest): Reply | undefined {
    const challenge = (description: string) => ({
      'WWW-Authenticate': `Bearer authorization_uri="${this.url}/${this.store.signIn.tenantId}", error="invalid_token", error_description="${description}"`,
    });
    const header = request.headers.authorization;
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) {
      const message = "Authentication failed. The 'Authorization' header is missing.";
      return armError(401, 'AuthenticationFailed', message, undefined, challenge('The authentication header is missing.'));
    }
    const check = this.tokens.check(token);
    if (!check.ok) return armError(401, check.code, check.message, undefined, challenge(check.message));
    if (check.claims.aud.replace(/\/+$/, '') !== this.url) {
      const message = `The access token has been obtained for wrong audience or resource '${check.claims.aud}'. It should exactly match with one of the allowed audiences '${this.url}', '${this.url}/'.`;
      return armError(401, 'InvalidAuthenticationTokenAudience', message, undefined, challenge('The access token is for another audience.'));
    }
    return undefined;
  }
}

interface ReadRequest extends EmulatorRequest {
  /** Set when the request is refused before routing (body too large or not JSON). */
  reply?: Reply;
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

function readyInfo(url: string, caFile: string, store: EmulatorStore): ReadyInfo {
  const { tenantId, clientId, clientSecret } = store.signIn;
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
    },
  };
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const tls = await createTlsFiles();
  const emulator = new Emulator(options.state, options.latencyMs ?? 0);
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (message, response) => {
    emulator.handle(message, response).catch(() => message.socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  emulator.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    info: readyInfo(emulator.url, tls.caFile, emulator.store),
    context: emulator,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        rmSync(tls.dir, { recursive: true, force: true });
        resolve();
      });
    }),
  };
}
