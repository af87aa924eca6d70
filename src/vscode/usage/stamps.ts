// Connections to Azure Stack Hub stamps, for the Registrations view (tree/stampNodes.ts) and the usage report: each
// stamp's tenant subscriptions and — the join no portal shows — the Azure subscription their usage is billed to, from
// the stamp's registration (named by its activation, or found by its CloudDeploymentID). Each connection first reads
// the stamp's metadata and holds it against what the user pinned (stampSignIn.ts); only then does the stamp's own
// credential ask for a token, for the pinned audience, sent to the stamp's origin only.
import type { CredentialFactory } from '../../azure/credentials';
import { formatRequestLogEntry, type RequestLogEntry } from '../../azure/logging';
import type { RegistrationsClient } from '../../azure/registrations';
import type { StampRegistration } from '../../azure/stampBilling';
import type { StampClient, StampEndpoints, TenantSubscription } from '../../azure/stamps';
import { billingFor, type Billing } from '../../core/usage/billing';
import type { AzureSession } from '../account/session';
import type { Logger } from '../infrastructure/logger';
import { readSettings, type StampSetting } from '../settings';
import { sameStamp, type StampSignIn } from './stampSignIn';

export interface StampConnection {
  setting: StampSetting;
  endpoints: StampEndpoints;
  credentials: CredentialFactory;
  client: StampClient;
}

/** A stamp's subscriptions with where their usage is billed, and how the registration was found. */
export interface StampBilling {
  subscriptions: TenantSubscription[];
  billing: Map<string, Billing>;
  registration: StampRegistration | 'signedOut';
}

/** Connections to stamps (discovery, the check against the pin and sign-in happen once per stamp until Refresh). */
export class StampService {
  private readonly connections = new Map<string, Promise<StampConnection>>();

  constructor(private readonly session: AzureSession, readonly signIn: StampSignIn, private readonly log: Logger) {}

  stamps(): StampSetting[] {
    return readSettings().stamps.filter((s) => s && typeof s.name === 'string' && typeof s.adminEndpoint === 'string');
  }

  /** The stamp's entry as the settings hold it now (a tree node's copy may predate a pin). */
  private latest(setting: StampSetting): StampSetting {
    return this.stamps().find((s) => sameStamp(s, setting)) ?? setting;
  }

  forget(): void {
    this.connections.clear();
  }

  /** Drops one stamp's connection and session credential, so the next connection signs in anew. */
  async forgetStamp(setting: StampSetting, storedSecrets = false): Promise<void> {
    this.connections.delete(setting.adminEndpoint.toLowerCase());
    await this.signIn.forget(this.latest(setting), storedSecrets);
  }

  /** `interactive`: the user may be asked to confirm the stamp's sign-in and for its credentials. */
  connect(setting: StampSetting, interactive = false): Promise<StampConnection> {
    const key = setting.adminEndpoint.toLowerCase();
    let connection = this.connections.get(key);
    if (!connection) {
      connection = this.open(this.latest(setting), interactive);
      this.connections.set(key, connection);
      connection.catch(() => this.connections.delete(key));
    }
    return connection;
  }

  private async open(setting: StampSetting, interactive: boolean): Promise<StampConnection> {
    const sdk = await import('../../azure/sdk.js');
    const logger = (entry: RequestLogEntry) => this.log.info(`[${setting.name}] ${formatRequestLogEntry(entry)}`);
    const azureCloud = this.session.configuredCloud();
    const discovered = await sdk.discoverStamp(setting.adminEndpoint, { logger, azureCloud });
    const trusted = await this.signIn.trust(setting, discovered, interactive);
    // Built from the pin, which the check above found equal to the answer: a token is asked for what the user confirmed.
    const endpoints = sdk.stampEndpoints(discovered.adminEndpoint, trusted.pinned, discovered.portalUrl);
    const signedIn = await this.signIn.credentials(trusted, endpoints, interactive);
    const client = new sdk.StampClient({ stamp: endpoints, credentials: signedIn.credentials, logger, azureCloud });
    return { setting: signedIn.setting, endpoints, credentials: signedIn.credentials, client };
  }

  /** Tenant subscriptions with their billing; without an Azure sign-in the billing side stays unknown. */
  async billing(connection: StampConnection, options: { abortSignal?: AbortSignal } = {}): Promise<StampBilling> {
    const [subscriptions, activation] = await Promise.all([
      connection.client.listTenantSubscriptions(options),
      connection.client.getActivation(options),
    ]);
    const azure = this.session.state.kind === 'signedIn' ? this.session.state.client : undefined;
    if (!azure) return { subscriptions, billing: new Map(), registration: 'signedOut' };
    const registration = await this.registrationOf(azure, connection, activation, options);
    const billing = billingFor(subscriptions, registration.kind === 'found' ? registration.registration : undefined);
    return { subscriptions, billing, registration };
  }

  private async registrationOf(azure: RegistrationsClient, connection: StampConnection, activation: Awaited<ReturnType<StampClient['getActivation']>>, options: { abortSignal?: AbortSignal }): Promise<StampRegistration> {
    const { findStampRegistration } = await import('../../azure/sdk.js');
    return findStampRegistration(azure, { activation, cloudDeploymentId: connection.setting.cloudDeploymentId }, options);
  }
}
