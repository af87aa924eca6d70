// For tests (unit and host): find the running emulator from the environment, send raw HTTPS requests to it, and
// drive its control API. The CA is trusted through NODE_EXTRA_CA_CERTS, or passed explicitly.
import { request as httpsRequest } from 'node:https';
import type { ActiveFault, FaultSpec } from './faults';
import type { ReadyStamp, ReadyStampPrincipal } from './modules/control';
import type { LoggedRequest } from './requestLog';
import type { GatewayTimeoutSeed, StateFile } from './stateFile';

export interface EmulatorAddress {
  url: string;
  controlUrl: string;
  caFile: string | undefined;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** The emulator the test runner started (its `env`), or undefined outside `npm test`. */
export function emulatorFromEnv(env: Record<string, string | undefined> = process.env): EmulatorAddress | undefined {
  const { AZS_EMULATOR_URL: url, AZS_EMULATOR_CONTROL_URL: controlUrl, AZURE_TENANT_ID: tenantId, AZURE_CLIENT_ID: clientId, AZURE_CLIENT_SECRET: clientSecret } = env;
  if (!url || !controlUrl || !tenantId || !clientId || !clientSecret) return undefined;
  return { url, controlUrl, caFile: env.NODE_EXTRA_CA_CERTS, tenantId, clientId, clientSecret };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method?: string;
  /** Sent exactly as given, e.g. `//subscriptions/…?api-version=…`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | object;
  /** A CA to trust for this request only (an emulator started by the test itself). */
  ca?: Buffer;
}

/** One HTTPS request with nothing between the test and the wire: no SDK, no URL normalisation. */
export function rawRequest(baseUrl: string, options: RawRequest): Promise<RawResponse> {
  const base = new URL(baseUrl);
  const body = options.body === undefined || typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers = { ...(body !== undefined && typeof options.body === 'object' ? { 'Content-Type': 'application/json' } : {}), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = httpsRequest({
      host: base.hostname, port: base.port, method: options.method ?? 'GET', path: options.path, headers, ca: options.ca, agent: false,
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export class EmulatorControl {
  private readonly base: URL;

  constructor(controlUrl: string, private readonly ca?: Buffer) {
    this.base = new URL(controlUrl);
  }

  private async call(method: string, path: string, body?: object): Promise<RawResponse> {
    const response = await rawRequest(this.base.origin, { method, path: `${this.base.pathname}${path}`, body, ca: this.ca });
    if (response.status >= 300) throw new Error(`emulator control ${method} ${path} answered ${response.status}: ${response.text}`);
    return response;
  }

  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }

  async replaceState(state: StateFile): Promise<void> {
    await this.call('PUT', '/state', state);
  }

  /** The admin endpoint of each stamp in the current state. */
  async stamps(): Promise<ReadyStamp[]> {
    return (JSON.parse((await this.call('GET', '/stamps')).text) as { stamps: ReadyStamp[] }).stamps;
  }

  /** Each stamp's own service principal. */
  async stampPrincipals(): Promise<ReadyStampPrincipal[]> {
    return (JSON.parse((await this.call('GET', '/stamps')).text) as { principals: ReadyStampPrincipal[] }).principals;
  }

  /**
   * What clients asked for since sequence number `since` (a request is logged once answered). `whenIdle`: read once
   * no request is in flight, so that it holds every request that arrived before (fails when some still are 10 s on).
   */
  async requests(since = 0, options: { whenIdle?: boolean } = {}): Promise<LoggedRequest[]> {
    return (JSON.parse((await this.call('GET', `/requests?since=${since}${options.whenIdle ? '&whenIdle' : ''}`)).text) as { requests: LoggedRequest[] }).requests;
  }

  /**
   * Empties the request log; a request in flight then is not logged when it ends. `whenIdle`: emptied once no request
   * is in flight, so that each is either cleared or logged (fails when some still are 10 s on).
   */
  async clearRequests(options: { whenIdle?: boolean } = {}): Promise<void> {
    await this.call('DELETE', `/requests${options.whenIdle ? '?whenIdle' : ''}`);
  }

  async addFaults(...faults: FaultSpec[]): Promise<ActiveFault[]> {
    return (JSON.parse((await this.call('POST', '/faults', faults)).text) as { faults: ActiveFault[] }).faults;
  }

  async faults(): Promise<ActiveFault[]> {
    return (JSON.parse((await this.call('GET', '/faults')).text) as { faults: ActiveFault[] }).faults;
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  async expireTokens(): Promise<void> {
    await this.call('POST', '/tokens/expire');
  }

  /** Makes a stamp's gateway give up on big unfiltered usage queries (null: never). */
  async setGatewayTimeout(stamp: string, timeout: GatewayTimeoutSeed | null): Promise<void> {
    await this.call('PUT', `/stamps/${encodeURIComponent(stamp)}/gatewayTimeout`, timeout ?? undefined);
  }

  async setLatency(ms: number): Promise<void> {
    await this.call('PUT', '/latency', { ms });
  }
}
