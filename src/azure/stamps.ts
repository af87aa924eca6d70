// An Azure Stack Hub stamp's admin ARM endpoint (e.g. https://adminmanagement.local.azurestack.external): how to
// sign in to it, learnt from its `metadata/endpoints`, and a client on the Azure SDK's pipeline (retries, cancel,
// the request log, AzureFailure) for what usage reporting needs: the Default Provider Subscription, the tenant
// subscriptions with their directories, the activation that names the stamp's Azure registration, and usage.
//
// Sign-in, as @azure/identity 4.13 does it: Entra ID stamps take a ClientSecretCredential (or any credential) for the
// stamp's home directory with `authorityHost` = the login endpoint; AD FS stamps take tenant `adfs` with
// `authorityHost` = the login endpoint (`https://adfs.<domain>/adfs`; the bare AD FS host works too), for which the
// library skips instance discovery. Both ask for `<audience>/.default`. `stamp.cloud` carries all of it, so
// `createCredentialFactory(signIn, stamp.cloud)` makes the credential — with the stamp's own credentials, never the
// Azure cloud's (see trust.ts). What discovery finds is checked before anything else is sent: an audience that is
// Azure Resource Manager's or not the stamp's is refused, and the caller compares the rest with what the user pinned.
import {
  bearerTokenAuthenticationPolicy, createDefaultHttpClient, createHttpHeaders, createPipelineFromOptions, createPipelineRequest, RestError,
  type HttpClient, type Pipeline,
} from '@azure/core-rest-pipeline';
import { parseRegistrationId, type RegistrationRef } from '../core/ids';
import type { Localized } from '../core/l10n';
import type { UsageAggregator } from '../core/usage/aggregate';
import type { StampSubscription } from '../core/usage/billing';
import { collectPages, invalidArgument, invalidResponse, linkOnOrigin, listPageOf, record, RenewableClients, runCall, text, type CallOptions, type RetrySettings } from './calls';
import { httpsEndpoint, type AzureCloud, type EndpointResult } from './clouds';
import type { CredentialFactory } from './credentials';
import { AzureFailure } from './errors';
import { requestLogPolicy, type RequestLogger } from './logging';
import { audienceRefusal, isPublicAuthority, originGuardPolicy, refusalFailure, type IdentitySystem, type StampSignInFacts } from './trust';
import { checkUsageQuery, streamUsage, unfilteredUsageTimeoutPolicy, usagePath, type UsageFetchOptions, type UsageProgress, type UsageQuery } from './usage';

export type { IdentitySystem, StampSignInFacts } from './trust';

export interface StampEndpoints extends StampSignInFacts {
  /** The admin ARM endpoint, https, without a trailing slash. */
  adminEndpoint: string;
  /** The admin portal, when the stamp names one. */
  portalUrl: string | undefined;
  /** For the credential and the client: the admin endpoint, the authority host, the scope `<audience>/.default`. */
  cloud: AzureCloud;
}

export interface StampRequestOptions {
  /** Receives every HTTP attempt (never tokens or secrets). */
  logger?: RequestLogger;
  retry?: RetrySettings;
  /** Time limit of one call (one usage page), retries included; default 60 s. */
  timeoutMs?: number;
  userAgentPrefix?: string;
}

export interface StampClientOptions extends StampRequestOptions {
  /** Build it from the pinned facts (stampEndpoints) or a discovery the caller has compared with them. */
  stamp: StampEndpoints;
  /** The stamp's own credentials. */
  credentials: CredentialFactory;
  /** The Azure cloud in use, whose Resource Manager audience the stamp must not be given a token for. */
  azureCloud?: AzureCloud;
}

export interface DiscoverOptions extends StampRequestOptions, CallOptions {
  /** The Azure cloud in use: an audience equal to its Resource Manager's is refused like a public cloud's. */
  azureCloud?: AzureCloud;
}

/** One of the admin's own subscriptions on the stamp (Default Provider, Metering, Consumption). */
export interface AdminSubscription {
  subscriptionId: string;
  displayName: string;
  state: string | undefined;
}

/** A tenant (user) subscription on the stamp, with what the billing join needs. */
export interface TenantSubscription extends StampSubscription {
  id: string | undefined;
  /** The provider it belongs to: the Default Provider Subscription, or a reseller's (delegated provider's). */
  delegatedProviderSubscriptionId: string | undefined;
  /** False for a delegated provider's tenant: its usage is not the default provider's to ask for (SubscriberIdIsNotDirectTenant). */
  directTenant: boolean;
}

/** The stamp's activation: which Azure registration it reports usage through. */
export interface StampActivation {
  registrationId: string;
  /** The registration, when the ID is a well-formed registration resource ID. */
  registration: RegistrationRef | undefined;
  usageReportingEnabled: boolean | undefined;
}

export const metadataApiVersion = '2015-01-01';
export const adminSubscriptionsApiVersion = '2016-06-01';
export const tenantSubscriptionsApiVersion = '2015-11-01';
export const activationApiVersion = '2016-01-01';
export const defaultProviderSubscriptionName = 'Default Provider Subscription';

const defaultTimeoutMs = 60_000;

/** The admin endpoint a person typed, as an https URL without query or trailing slash, or why it is not one. */
export function parseAdminEndpoint(value: string | undefined): EndpointResult {
  return httpsEndpoint('adminEndpoint', value, {
    en: "Give the stamp's admin endpoint, e.g. https://adminmanagement.local.azurestack.external",
    sv: 'Ange stämpelns administrativa slutpunkt, t.ex. https://adminmanagement.local.azurestack.external',
  });
}

/** The directory to sign in to: `adfs` for AD FS stamps, the stamp's home directory (given by the operator) for Entra ID. */
export function signInTenant(stamp: StampEndpoints, directoryTenantId: string | undefined): { ok: true; tenantId: string } | { ok: false; message: Localized } {
  if (stamp.identitySystem === 'adfs') return { ok: true, tenantId: 'adfs' };
  if (directoryTenantId?.trim()) return { ok: true, tenantId: directoryTenantId.trim() };
  return {
    ok: false,
    message: {
      en: "This stamp signs in with Microsoft Entra ID: give its home directory (tenant ID or domain, e.g. contoso.onmicrosoft.com).",
      sv: 'Den här stämpeln loggar in med Microsoft Entra ID: ange dess hemkatalog (klient-ID eller domän, t.ex. contoso.onmicrosoft.com).',
    },
  };
}

let sharedHttpClient: HttpClient | undefined;
const httpClient = () => (sharedHttpClient ??= createDefaultHttpClient());

function buildPipeline(options: StampRequestOptions, auth?: { credential: ReturnType<CredentialFactory>; scope: string; origin: string }): Pipeline {
  const pipeline = createPipelineFromOptions({
    retryOptions: options.retry,
    userAgentOptions: { userAgentPrefix: options.userAgentPrefix ?? 'azure-stack-csp-tools' },
  });
  pipeline.addPolicy(unfilteredUsageTimeoutPolicy(), { afterPhase: 'Retry' });
  if (auth) {
    pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: auth.credential, scopes: [auth.scope] }), { phase: 'Sign' });
    pipeline.addPolicy(originGuardPolicy(auth.origin), { afterPhase: 'Sign' });
  }
  if (options.logger) pipeline.addPolicy(requestLogPolicy(options.logger), { afterPhase: 'Sign' });
  return pipeline;
}

/** GETs one JSON answer; an error status becomes a RestError (and so an AzureFailure), an unreadable body too. */
async function getJson(pipeline: Pipeline, url: string, abortSignal: AbortSignal): Promise<unknown> {
  const request = createPipelineRequest({ url, method: 'GET', abortSignal, headers: createHttpHeaders({ Accept: 'application/json' }) });
  const response = await pipeline.sendRequest(httpClient(), request);
  if (response.status >= 400) throw new RestError(`The stamp answered ${response.status}.`, { statusCode: response.status, request, response });
  try {
    return JSON.parse(response.bodyAsText ?? '') as unknown;
  } catch {
    throw new RestError('The stamp sent an answer that is not JSON.', { code: RestError.PARSE_ERROR, statusCode: response.status, request, response });
  }
}

function withApiVersion(path: string, apiVersion: string | undefined): string {
  return apiVersion === undefined ? path : `${path}${path.includes('?') ? '&' : '?'}api-version=${apiVersion}`;
}

function httpsUrl(value: unknown): URL | undefined {
  try {
    const url = new URL(text(value) ?? '');
    return url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const withoutTrailingSlash = (value: string) => value.replace(/\/+$/, '');

/** The endpoints of a stamp from its sign-in facts (pinned or just read): the credential's authority and the token scope. */
export function stampEndpoints(adminEndpoint: string, facts: StampSignInFacts, portalUrl?: string): StampEndpoints {
  const { identitySystem, loginEndpoint, audience } = facts;
  return {
    adminEndpoint, identitySystem, loginEndpoint, audience, portalUrl,
    cloud: {
      name: 'Custom',
      resourceManagerEndpoint: adminEndpoint,
      authorityHost: withoutTrailingSlash(new URL(loginEndpoint).toString()),
      portalUrl,
      armScope: `${withoutTrailingSlash(audience)}/.default`,
      // The identity platform's instance discovery knows only Microsoft's hosts; AD FS and any other authority skip it.
      disableInstanceDiscovery: identitySystem === 'adfs' || !isPublicAuthority(loginEndpoint),
    },
  };
}

/** What a stamp's `metadata/endpoints` says about signing in, or undefined when it says nothing usable. Not yet checked: see discoverStamp. */
export function readStampMetadata(adminEndpoint: string, body: unknown): StampEndpoints | undefined {
  const authentication = record(record(body).authentication);
  const login = httpsUrl(authentication.loginEndpoint);
  const audiences = Array.isArray(authentication.audiences) ? authentication.audiences : [];
  const audience = text(audiences[0])?.trim();
  if (!login || !audience) return undefined;
  const identitySystem: IdentitySystem = /\/adfs\/*$/i.test(login.pathname) ? 'adfs' : 'entraId';
  const portalUrl = httpsUrl(record(body).portalEndpoint)?.toString();
  return stampEndpoints(adminEndpoint, { identitySystem, loginEndpoint: text(authentication.loginEndpoint)!, audience }, portalUrl && withoutTrailingSlash(portalUrl));
}

/**
 * Reads `{adminEndpoint}/metadata/endpoints` (no sign-in needed): identity system, login endpoint, audience. Refuses
 * (AzureFailure of kind `untrusted`) an audience that is Azure Resource Manager's or not the stamp's.
 */
export async function discoverStamp(adminEndpoint: string, options: DiscoverOptions = {}): Promise<StampEndpoints> {
  const parsed = parseAdminEndpoint(adminEndpoint);
  if (!parsed.ok) throw invalidArgument(parsed.message.en);
  const pipeline = buildPipeline(options);
  const body = await runCall((abortSignal) =>
    getJson(pipeline, `${parsed.url}/metadata/endpoints?api-version=${metadataApiVersion}`, abortSignal), options, options.timeoutMs ?? defaultTimeoutMs);
  const endpoints = readStampMetadata(parsed.url, body);
  if (!endpoints) throw invalidResponse("the stamp's metadata/endpoints names no https loginEndpoint and audience");
  const refusal = audienceRefusal(parsed.url, endpoints.audience, options.azureCloud);
  if (refusal) throw refusalFailure(refusal);
  return endpoints;
}

function toAdminSubscription(json: unknown): AdminSubscription | undefined {
  const body = record(json);
  const subscriptionId = text(body.subscriptionId);
  return subscriptionId ? { subscriptionId, displayName: text(body.displayName) ?? subscriptionId, state: text(body.state) } : undefined;
}

function toTenantSubscription(json: unknown, providerSubscriptionId: string): TenantSubscription | undefined {
  const body = record(json);
  const subscriptionId = text(body.subscriptionId);
  if (!subscriptionId) return undefined;
  const delegatedProviderSubscriptionId = text(body.delegatedProviderSubscriptionId);
  return {
    id: text(body.id),
    subscriptionId,
    displayName: text(body.displayName) ?? subscriptionId,
    owner: text(body.owner) ?? '',
    tenantId: text(body.tenantId) ?? '',
    offerId: text(body.offerId),
    state: text(body.state),
    delegatedProviderSubscriptionId,
    directTenant: !delegatedProviderSubscriptionId || delegatedProviderSubscriptionId.toLowerCase() === providerSubscriptionId.toLowerCase(),
  };
}

export class StampClient {
  private readonly pipelines: RenewableClients<Pipeline>;
  private readonly origin: string;
  private providerSubscription: AdminSubscription | undefined;

  /** Throws (AzureFailure of kind `untrusted`) for a stamp whose audience is Azure Resource Manager's or not the stamp's. */
  constructor(private readonly options: StampClientOptions) {
    const { stamp, credentials } = options;
    const refusal = audienceRefusal(stamp.adminEndpoint, stamp.audience, options.azureCloud);
    if (refusal) throw refusalFailure(refusal);
    this.origin = new URL(stamp.adminEndpoint).origin;
    this.pipelines = new RenewableClients((renew) => buildPipeline(options, { credential: credentials({ renew }), scope: stamp.cloud.armScope, origin: this.origin }),
      options.timeoutMs ?? defaultTimeoutMs);
  }

  get stamp(): StampEndpoints {
    return this.options.stamp;
  }

  /** One JSON answer: a path below the admin endpoint (with its api-version), or an absolute nextLink on the stamp's host. */
  private read(pathOrLink: string, apiVersion: string | undefined, options: CallOptions): Promise<unknown> {
    return this.pipelines.run((pipeline, abortSignal) => {
      const url = /^https?:/i.test(pathOrLink)
        ? `${this.origin}/${linkOnOrigin(pathOrLink, this.origin)}`
        : `${this.stamp.adminEndpoint}/${withApiVersion(pathOrLink, apiVersion)}`;
      return getJson(pipeline, url, abortSignal);
    }, options);
  }

  private list<T>(path: string, apiVersion: string, options: CallOptions, convert: (json: unknown) => T | undefined): Promise<T[]> {
    return collectPages(path, async (link) => listPageOf(await this.read(link, link === path ? apiVersion : undefined, options)), convert);
  }

  /** The admin's own subscriptions: Default Provider, Metering and Consumption on a real stamp. */
  listAdminSubscriptions(options: CallOptions = {}): Promise<AdminSubscription[]> {
    return this.list('subscriptions', adminSubscriptionsApiVersion, options, toAdminSubscription);
  }

  /** The Default Provider Subscription, which holds the provider's admin resources; asked for once per client. */
  async defaultProviderSubscription(options: CallOptions = {}): Promise<AdminSubscription> {
    if (this.providerSubscription) return this.providerSubscription;
    const subscriptions = await this.listAdminSubscriptions(options);
    const found = subscriptions.find((s) => s.displayName.toLowerCase() === defaultProviderSubscriptionName.toLowerCase());
    if (!found) {
      throw new AzureFailure({
        kind: 'service', code: 'DefaultProviderSubscriptionNotFound', transient: false,
        serviceMessage: `The account sees no "${defaultProviderSubscriptionName}" on this stamp (it sees ${subscriptions.length} subscriptions): sign in as a stamp operator.`,
      });
    }
    this.providerSubscription = found;
    return found;
  }

  /** Every tenant subscription on the stamp (Microsoft.Subscriptions.Admin), all pages. */
  async listTenantSubscriptions(options: CallOptions = {}): Promise<TenantSubscription[]> {
    const provider = (await this.defaultProviderSubscription(options)).subscriptionId;
    const path = `subscriptions/${encodeURIComponent(provider)}/providers/Microsoft.Subscriptions.Admin/subscriptions`;
    return this.list(path, tenantSubscriptionsApiVersion, options, (json) => toTenantSubscription(json, provider));
  }

  /** The activation (Microsoft.AzureBridge.Admin), naming the Azure registration; undefined when the stamp is not activated. */
  async getActivation(options: CallOptions = {}): Promise<StampActivation | undefined> {
    const provider = (await this.defaultProviderSubscription(options)).subscriptionId;
    const path = `subscriptions/${encodeURIComponent(provider)}/resourceGroups/azurestack-activation/providers/Microsoft.AzureBridge.Admin/activations/default`;
    let body: unknown;
    try {
      body = await this.read(path, activationApiVersion, options);
    } catch (error) {
      if (error instanceof AzureFailure && error.status === 404) return undefined;
      throw error;
    }
    const properties = record(record(body).properties);
    const registrationId = text(properties.azureRegistrationResourceIdentifier);
    if (!registrationId) throw invalidResponse('an activation without azureRegistrationResourceIdentifier');
    const parsed = parseRegistrationId(registrationId);
    return {
      registrationId,
      registration: parsed.ok && parsed.kind === 'registration' ? parsed.ref : undefined,
      usageReportingEnabled: typeof properties.usageReportingEnabled === 'boolean' ? properties.usageReportingEnabled : undefined,
    };
  }

  /**
   * Streams a usage query into `aggregator`, page by page (see usage.ts); the Default Provider Subscription is
   * looked up first when this client has not seen it yet.
   */
  async fetchUsage(query: UsageQuery, aggregator: UsageAggregator, options: UsageFetchOptions = {}): Promise<UsageProgress> {
    checkUsageQuery(query);
    const provider = (await this.defaultProviderSubscription({ abortSignal: options.abortSignal, timeoutMs: options.timeoutMs })).subscriptionId;
    return streamUsage((link, pageOptions) => this.read(link, undefined, pageOptions), options.resumeFrom ?? usagePath(provider, query), aggregator, options);
  }
}
