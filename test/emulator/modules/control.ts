// The control API under /_emulator (outside every ARM path): replace or reset the data, list the stamps' admin
// endpoints, read the request log, inject faults, expire tokens, set the latency. Not logged, no token needed: the
// emulator listens on 127.0.0.1 only.
import { faultProblem, type FaultSpec } from '../faults';
import type { EmulatorContext } from '../context';
import { armError, type EmulatorRequest, type Reply, type Route, type RouteModule } from '../router';
import { gatewayTimeoutShape, readState, type GatewayTimeoutSeed } from '../stateFile';

const done: Reply = { status: 204 };

/** A stamp's admin endpoint, in the shape of the extension's `azureStackCsp.stamps` setting. */
export interface ReadyStamp {
  name: string;
  adminEndpoint: string;
  /** The directory to sign in to (Entra ID stamps; AD FS stamps sign in to `adfs`). */
  tenantId?: string;
  cloudDeploymentId: string;
}

/** The admin endpoints of the stamps in the current state. */
export function readyStamps(context: EmulatorContext): ReadyStamp[] {
  return context.store.stamps().map((stamp) => ({
    name: stamp.name,
    adminEndpoint: context.stampEndpoint(stamp.name) ?? '',
    ...(stamp.identitySystem === 'entraId' ? { tenantId: stamp.directoryTenantId } : {}),
    cloudDeploymentId: stamp.cloudId,
  }));
}

/** A stamp's own service principal: what a test (or a person trying the demo) signs in to the stamp with. */
export interface ReadyStampPrincipal {
  name: string;
  clientId: string;
  clientSecret: string;
}

export function stampPrincipals(context: EmulatorContext): ReadyStampPrincipal[] {
  return context.store.stamps().map((stamp) => ({ name: stamp.name, clientId: stamp.principal.clientId, clientSecret: stamp.principal.clientSecret }));
}

/** With ?whenIdle, waits until no request is in flight; the refusal when some still are after 10 s. */
async function notIdle(request: EmulatorRequest, context: EmulatorContext): Promise<Reply | undefined> {
  if (!request.query.has('whenIdle') || await context.requests.whenIdle(10_000)) return undefined;
  return armError(409, 'RequestsInFlight', 'Requests were still in flight after 10 s.');
}

/** A control call that does one thing and answers 204. */
function action(method: string, path: string, act: (context: EmulatorContext) => void): Route {
  return {
    method, path,
    handle: (_request, context) => {
      act(context);
      return done;
    },
  };
}

export const controlModule: RouteModule = {
  name: 'control',
  routes: [
    { method: 'GET', path: '/_emulator/health', handle: () => ({ status: 200, body: { ok: true } }) },
    action('POST', '/_emulator/reset', (context) => context.reset()),
    {
      method: 'PUT', path: '/_emulator/state',
      handle: async (request, context) => {
        const read = readState(request.json);
        if (!read.ok) return { status: 400, body: { error: { code: 'InvalidState', message: read.problems.join('\n') }, problems: read.problems } };
        await context.replaceState(read.state);
        return done;
      },
    },
    {
      method: 'GET', path: '/_emulator/stamps',
      handle: (_request, context) => ({ status: 200, body: { stamps: readyStamps(context), principals: stampPrincipals(context) } }),
    },
    {
      // Until the next state or reset: {"unfilteredRecordsAbove": N, "status"?: 502|504, "fromPage"?: N}, or null to wait again.
      method: 'PUT', path: '/_emulator/stamps/{stampName}/gatewayTimeout',
      handle: (request, context) => {
        const stamp = context.store.stamp(request.params.stampName ?? '');
        if (!stamp) return armError(404, 'StampNotFound', `No stamp named ${request.params.stampName} in the state.`);
        const problems: string[] = [];
        const clear = request.json === null || request.json === undefined;
        if (!clear) gatewayTimeoutShape(request.json, 'gatewayTimeout', problems);
        if (problems.length) return armError(400, 'InvalidGatewayTimeout', problems.join('; '));
        stamp.gatewayTimeout = clear ? undefined : request.json as GatewayTimeoutSeed;
        return done;
      },
    },
    // ?whenIdle: once the requests in flight have ended (409 when they have not within 10 s).
    {
      method: 'GET', path: '/_emulator/requests',
      handle: async (request, context) => await notIdle(request, context) ?? { status: 200, body: { requests: context.requests.since(Number(request.query.get('since') ?? 0) || 0) } },
    },
    {
      method: 'DELETE', path: '/_emulator/requests',
      handle: async (request, context) => {
        const refused = await notIdle(request, context);
        if (!refused) context.requests.clear();
        return refused ?? done;
      },
    },
    { method: 'GET', path: '/_emulator/faults', handle: (_request, context) => ({ status: 200, body: { faults: context.faults.list() } }) },
    {
      method: 'POST', path: '/_emulator/faults',
      handle: (request, context) => {
        const specs = (Array.isArray(request.json) ? request.json : [request.json]) as FaultSpec[];
        const problems = specs.map((spec, index) => [index, faultProblem(spec)] as const).filter(([, problem]) => problem);
        if (problems.length) return armError(400, 'InvalidFault', problems.map(([index, problem]) => `fault ${index}: ${problem}`).join('; '));
        return { status: 200, body: { faults: specs.map((spec) => context.faults.add(spec)) } };
      },
    },
    action('DELETE', '/_emulator/faults', (context) => context.faults.clear()),
    action('POST', '/_emulator/tokens/expire', (context) => context.tokens.expireAll()),
    {
      method: 'PUT', path: '/_emulator/latency',
      handle: (request, context) => {
        const ms = (request.json as { ms?: unknown } | undefined)?.ms;
        if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 120_000) return armError(400, 'InvalidLatency', 'Send {"ms": 0 … 120000}.');
        context.latencyMs = ms;
        return done;
      },
    },
  ],
};
