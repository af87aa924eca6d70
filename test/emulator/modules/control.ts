// The control API under /_emulator (outside every ARM path): replace or reset the data, read the request log,
// inject faults, expire tokens, set the latency. Not logged, no token needed: the emulator listens on 127.0.0.1 only.
import { faultProblem, type FaultSpec } from '../faults';
import { armError, type Reply, type RouteModule } from '../router';
import { readState } from '../stateFile';

const done: Reply = { status: 204 };

export const controlModule: RouteModule = {
  name: 'control',
  routes: [
    { method: 'GET', path: '/_emulator/health', handle: () => ({ status: 200, body: { ok: true } }) },
    { method: 'POST', path: '/_emulator/reset', handle: (_request, context) => (context.reset(), done) },
    {
      method: 'PUT', path: '/_emulator/state',
      handle: (request, context) => {
        const read = readState(request.json);
        if (!read.ok) return { status: 400, body: { error: { code: 'InvalidState', message: read.problems.join('\n') }, problems: read.problems } };
        context.replaceState(read.state);
        return done;
      },
    },
    {
      method: 'GET', path: '/_emulator/requests',
      handle: (request, context) => ({ status: 200, body: { requests: context.requests.since(Number(request.query.get('since') ?? 0) || 0) } }),
    },
    { method: 'DELETE', path: '/_emulator/requests', handle: (_request, context) => (context.requests.clear(), done) },
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
    { method: 'DELETE', path: '/_emulator/faults', handle: (_request, context) => (context.faults.clear(), done) },
    { method: 'POST', path: '/_emulator/tokens/expire', handle: (_request, context) => (context.tokens.expireAll(), done) },
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
