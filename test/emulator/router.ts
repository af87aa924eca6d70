// A small router: each provider is a module of routes with path templates such as
// `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}`, matched case-insensitively as ARM does.
import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorContext } from './context';

export interface EmulatorRequest {
  method: string;
  /** The path with runs of slashes collapsed and no trailing slash, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON, when it was JSON. */
  json: unknown;
  /** The body parsed as a form (token endpoints), when it was one. */
  form: URLSearchParams | undefined;
  /** Path parameters by template name, percent-decoded. */
  params: Record<string, string>;
  apiVersion: string | undefined;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** Sent as is instead of `body` (malformed JSON on purpose). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/**
 * Which api-versions a route accepts: a list (anything else gets the ARM error naming the list), `dated` (any
 * well-formed `yyyy-mm-dd[-preview]`, for Microsoft.Resources paths whose versions the SDKs pick), or none required.
 */
export type ApiVersionRule = readonly string[] | 'dated' | undefined;

export interface Route {
  method: string;
  path: string;
  apiVersions?: ApiVersionRule;
  /** Named in api-version errors, e.g. `Microsoft.AzureStack/registrations`. */
  resourceType?: string;
  /** True when the call needs a bearer token the emulator issued (every ARM call). */
  auth?: boolean;
  /** A promise only where the answer needs I/O (replacing the state opens listeners for new stamps). */
  handle(request: EmulatorRequest, context: EmulatorContext): Reply | Promise<Reply>;
}

export interface RouteModule {
  name: string;
  routes: Route[];
}

export type Match =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'wrongMethod'; allowed: string[] }
  | { kind: 'none' };

interface CompiledRoute {
  route: Route;
  segments: { literal?: string; param?: string }[];
}

/** `//subscriptions//x/` → `/subscriptions/x`: by-ID calls arrive with a doubled leading slash. */
export function normalizePath(rawPath: string): string {
  const collapsed = rawPath.replace(/\/{2,}/g, '/').replace(/\/$/, '');
  return collapsed.startsWith('/') ? collapsed || '/' : `/${collapsed}`;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(modules: readonly RouteModule[]) {
    this.compiled = modules.flatMap((module) => module.routes.map((route) => ({
      route,
      segments: splitPath(route.path).map((segment) => {
        const param = /^\{(\w+)\}$/.exec(segment);
        return param ? { param: param[1] } : { literal: segment.toLowerCase() };
      }),
    })));
  }

  match(method: string, path: string): Match {
    const segments = splitPath(path);
    const allowed: string[] = [];
    for (const candidate of this.compiled) {
      const params = matchSegments(candidate.segments, segments);
      if (!params) continue;
      if (candidate.route.method === method) return { kind: 'route', route: candidate.route, params };
      allowed.push(candidate.route.method);
    }
    return allowed.length ? { kind: 'wrongMethod', allowed } : { kind: 'none' };
  }
}

function matchSegments(template: CompiledRoute['segments'], segments: string[]): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const { literal, param } = template[i];
    if (param) params[param] = decodeSegment(segments[i]);
    else if (literal !== segments[i].toLowerCase()) return undefined;
  }
  return params;
}

/** The ARM error envelope: `{"error":{"code","message","target"}}`. */
export function armError(status: number, code: string, message: string, target?: string, headers?: Record<string, string>): Reply {
  return { status, body: { error: { code, message, ...(target ? { target } : {}) } }, headers };
}

export function subscriptionNotFound(subscriptionId: string): Reply {
  return armError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
}

export function resourceGroupNotFound(name: string): Reply {
  return armError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
}

const datedVersion = /^\d{4}-\d{2}-\d{2}(-preview|-beta|-alpha)?$/;

/** The ARM error for a missing or unsupported api-version, or undefined when the rule is met. */
export function checkApiVersion(rule: ApiVersionRule, apiVersion: string | undefined, resourceType: string): Reply | undefined {
  if (rule === undefined) return undefined;
  if (!apiVersion) {
    return armError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  }
  if (rule === 'dated' ? datedVersion.test(apiVersion) : rule.includes(apiVersion)) return undefined;
  const supported = rule === 'dated' ? 'a date such as 2022-12-01' : `'${rule.join(', ')}'`;
  return armError(400, 'InvalidApiVersionParameter',
    `The api-version '${apiVersion}' is invalid for the resource type '${resourceType}'. The supported api-versions are ${supported}.`);
}
