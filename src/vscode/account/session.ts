// The Azure sign-in: which cloud, which credential, and the registrations client built on them. Sign-in methods
// that need no interaction (environment, Azure CLI, a stored secret, an existing VS Code session) are tried quietly
// at start-up; the others wait for the Sign In command. A custom cloud's authority (any host that is not Microsoft's
// public sign-in) is used only after the user confirmed it once: until then nothing, not even AZURE_CLIENT_SECRET
// at the quiet start-up sign-in, is sent there.
import * as vscode from 'vscode';
import { resolveCloud, type AzureCloud, type CloudResult } from '../../azure/clouds';
import { authorityOrigin } from '../../azure/trust';
import type { CredentialFactory, DeviceCodePrompt, SignIn } from '../../azure/credentials';
import type { AzureFailure } from '../../azure/errors';
import { formatRequestLogEntry } from '../../azure/logging';
import type { RegistrationsClient } from '../../azure/registrations';
import { pick, type Locale } from '../../core/l10n';
import type { Logger } from '../infrastructure/logger';
import { UserCancelledError, type UserInput } from '../infrastructure/ui';
import { UserFacingError } from '../infrastructure/commands';
import { readSettings, type Settings } from '../settings';
import type { AuthorityConfirmations } from './authorities';

export type SessionState =
  /** `awaitingConfirmation`: the authority (origin) the quiet sign-in did not use because the user has not confirmed it yet. */
  | { kind: 'signedOut'; awaitingConfirmation?: string }
  | { kind: 'signingIn' }
  | { kind: 'signedIn'; cloud: AzureCloud; account: string; client: RegistrationsClient }
  | { kind: 'failed'; message: string };

export interface SessionDeps {
  secrets: vscode.SecretStorage;
  log: Logger;
  ui: () => UserInput;
  locale: Locale;
  authorities: AuthorityConfirmations;
}

const armScopeFor = (cloud: AzureCloud) => [cloud.armScope];

function secretKey(settings: Settings): string {
  return `azureStackCsp.clientSecret/${settings.tenantId}/${settings.clientId}`;
}

/** The identity platform's device-code sentence as a notification, with a button that copies the code and opens the page. */
export function showDeviceCode(ui: UserInput, info: DeviceCodePrompt): void {
  const copyAndOpen = vscode.l10n.t('Copy Code and Open');
  void ui.notify('info', info.message, copyAndOpen).then(async (choice) => {
    if (choice !== copyAndOpen) return;
    await vscode.env.clipboard.writeText(info.userCode);
    await vscode.env.openExternal(vscode.Uri.parse(info.verificationUri));
  });
}

function cloudOf(settings: Settings): CloudResult {
  return resolveCloud({
    cloud: settings.cloud, resourceManagerEndpoint: settings.customResourceManagerEndpoint,
    authorityHost: settings.customAuthorityHost, portalUrl: settings.customPortalUrl,
  });
}

export class AzureSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SessionState>();
  readonly onDidChange = this.changed.event;
  private current: SessionState = { kind: 'signedOut' };
  /** Bumped on every sign-in or sign-out, so a slow sign-in that was overtaken does not win. */
  private generation = 0;

  constructor(private readonly deps: SessionDeps) {}

  get state(): SessionState {
    return this.current;
  }

  /** The client when signed in; otherwise a UserFacingError that says to sign in. */
  requireClient(): RegistrationsClient {
    if (this.current.kind === 'signedIn') return this.current.client;
    throw new UserFacingError(vscode.l10n.t('Sign in to Azure first (Azure Stack Hub CSP: Sign In).'));
  }

  private set(state: SessionState): void {
    this.current = state.kind === 'failed' ? { ...state, message: this.deps.log.redact(state.message) } : state;
    void vscode.commands.executeCommand('setContext', 'azureStackCsp.signedIn', state.kind === 'signedIn');
    this.changed.fire(this.current);
  }

  /** Signs in with the configured cloud and method; `interactive` allows prompts (secret, device code, account picker). */
  async signIn(interactive: boolean): Promise<boolean> {
    const generation = ++this.generation;
    const settings = readSettings();
    const cloud = cloudOf(settings);
    if (!cloud.ok) {
      this.set({ kind: 'failed', message: pick(cloud.message, this.deps.locale) });
      if (interactive) throw new UserFacingError(vscode.l10n.t('The cloud settings are not usable: {0}', pick(cloud.message, this.deps.locale)));
      return false;
    }
    if (!await this.authorityConfirmed(cloud.cloud, settings, interactive)) return false;
    if (generation !== this.generation) return false;
    const signIn = await this.signInFor(settings, cloud.cloud, interactive);
    if (!signIn) return false;
    this.set({ kind: 'signingIn' });
    const { checkSignIn, createCredentialFactory, RegistrationsClient } = await import('../../azure/sdk.js');
    const credentials = createCredentialFactory(signIn, cloud.cloud);
    const check = await checkSignIn(credentials, cloud.cloud);
    if (generation !== this.generation) return false;
    if (!check.ok) {
      const message = check.failure.serviceMessage ?? check.failure.code;
      this.deps.log.warn(`sign-in with ${settings.signInMethod} failed: ${check.failure.code}: ${message}`);
      this.set(interactive ? { kind: 'failed', message } : { kind: 'signedOut' });
      if (interactive) throw new UserFacingError(vscode.l10n.t('Sign-in failed: {0}', message));
      return false;
    }
    const client = new RegistrationsClient({
      cloud: cloud.cloud, credentials,
      logger: (entry) => this.deps.log.info(formatRequestLogEntry(entry)),
    });
    this.deps.log.info(`signed in to ${cloud.cloud.name} (${cloud.cloud.resourceManagerEndpoint}) with ${settings.signInMethod}`);
    this.set({ kind: 'signedIn', cloud: cloud.cloud, account: this.accountLabel(settings), client });
    return true;
  }

  /** Whether the cloud's authority may be signed in at: Microsoft's, confirmed before, or confirmed now (interactive only). */
  private async authorityConfirmed(cloud: AzureCloud, settings: Settings, interactive: boolean): Promise<boolean> {
    const { authorities } = this.deps;
    if (authorities.isTrusted(cloud.authorityHost)) return true;
    if (!interactive) {
      this.deps.log.info(`sign-in at ${authorityOrigin(cloud.authorityHost)} waits for your confirmation (Sign In): nothing was sent there`);
      this.set({ kind: 'signedOut', awaitingConfirmation: authorityOrigin(cloud.authorityHost) });
      return false;
    }
    if (await authorities.confirm(this.deps.ui(), cloud.authorityHost, this.whatIsSent(settings))) return true;
    throw new UserCancelledError();
  }

  /** What a sign-in with the configured method sends to the authority, for the confirmation. */
  private whatIsSent(settings: Settings): string {
    switch (settings.signInMethod) {
      case 'servicePrincipalEnvironment': return vscode.l10n.t('the client secret of service principal {0} (AZURE_CLIENT_SECRET)', process.env.AZURE_CLIENT_ID ?? '');
      case 'servicePrincipalSecret': return vscode.l10n.t('the client secret of service principal {0}', settings.clientId);
      case 'azureCli': return vscode.l10n.t('the Azure CLI\'s sign-in');
      case 'deviceCode': return vscode.l10n.t('your device code sign-in');
      case 'microsoftAccount': return vscode.l10n.t('your Microsoft account sign-in');
    }
  }

  /** The Azure cloud the settings name, signed in or not; undefined when the settings are not usable. */
  configuredCloud(): AzureCloud | undefined {
    const cloud = cloudOf(readSettings());
    return cloud.ok ? cloud.cloud : undefined;
  }

  /** The directory the Azure sign-in uses, when the settings or the environment name it. */
  directory(): string | undefined {
    const settings = readSettings();
    const fromEnvironment = settings.signInMethod === 'servicePrincipalEnvironment' ? process.env.AZURE_TENANT_ID : undefined;
    return settings.tenantId.trim() || fromEnvironment?.trim() || undefined;
  }

  /** Azure refused the sign-in even after one fresh token: the status and the view should ask to sign in again. */
  noteFailure(failure: AzureFailure): void {
    if (failure.kind !== 'notSignedIn' || this.current.kind !== 'signedIn') return;
    this.deps.log.warn(`Azure refused the sign-in: ${failure.code}`);
    this.set({ kind: 'failed', message: vscode.l10n.t('Azure no longer accepts the sign-in ({0}).', failure.code) });
  }

  async signOut(): Promise<void> {
    this.generation++;
    const settings = readSettings();
    if (settings.signInMethod === 'servicePrincipalSecret') await this.deps.secrets.delete(secretKey(settings));
    this.deps.log.info('signed out');
    this.set({ kind: 'signedOut' });
  }

  private accountLabel(settings: Settings): string {
    switch (settings.signInMethod) {
      case 'servicePrincipalEnvironment': return vscode.l10n.t('Service principal {0}', process.env.AZURE_CLIENT_ID ?? '');
      case 'servicePrincipalSecret': return vscode.l10n.t('Service principal {0}', settings.clientId);
      case 'azureCli': return vscode.l10n.t('Azure CLI account');
      case 'deviceCode': return vscode.l10n.t('Device code sign-in');
      case 'microsoftAccount': return vscode.l10n.t('Microsoft account');
    }
  }

  /**
   * The Azure sign-in's credential for an Entra ID stamp that signs in at the same authority in the same directory,
   * when the user chose it for that stamp (see azureSignInCanServeStamp). Undefined when it needs a prompt that may
   * not be shown.
   */
  async credentialsForStamp(stampCloud: AzureCloud, tenantId: string, interactive: boolean): Promise<CredentialFactory | undefined> {
    const signIn = await this.signInFor(readSettings(), stampCloud, interactive, tenantId);
    if (!signIn) return undefined;
    const { createCredentialFactory } = await import('../../azure/sdk.js');
    return createCredentialFactory(signIn, stampCloud);
  }

  /** The @azure/identity input for the configured method, or undefined when it needs a prompt we may not show. */
  private async signInFor(settings: Settings, cloud: AzureCloud, interactive: boolean, tenantOverride?: string): Promise<SignIn | undefined> {
    const tenantId = tenantOverride ?? (settings.tenantId || undefined);
    switch (settings.signInMethod) {
      case 'servicePrincipalEnvironment':
        return { method: 'servicePrincipalEnvironment', tenantId };
      case 'azureCli':
        return { method: 'azureCli', tenantId };
      case 'servicePrincipalSecret': {
        const signIn = await this.secretSignIn(settings, interactive);
        return signIn?.method === 'servicePrincipal' && tenantOverride ? { ...signIn, tenantId: tenantOverride } : signIn;
      }
      case 'deviceCode':
        return interactive ? { method: 'deviceCode', tenantId, prompt: (info) => showDeviceCode(this.deps.ui(), info) } : undefined;
      case 'microsoftAccount':
        return this.microsoftAccountSignIn(cloud, interactive);
    }
  }

  private async secretSignIn(settings: Settings, interactive: boolean): Promise<SignIn | undefined> {
    if (!settings.tenantId || !settings.clientId) {
      if (interactive) throw new UserFacingError(vscode.l10n.t('Set azureStackCsp.signIn.tenantId and azureStackCsp.signIn.clientId for the service principal sign-in.'));
      return undefined;
    }
    let secret = await this.deps.secrets.get(secretKey(settings));
    if (!secret && interactive) {
      secret = await this.deps.ui().input({
        title: vscode.l10n.t('Client secret of service principal {0}', settings.clientId),
        prompt: vscode.l10n.t('Kept in VS Code secret storage, never in settings or logs.'),
        password: true,
        validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the client secret.')),
      });
      await this.deps.secrets.store(secretKey(settings), secret);
    }
    if (!secret) return undefined;
    this.deps.log.addSecret(secret);
    return { method: 'servicePrincipal', tenantId: settings.tenantId, clientId: settings.clientId, clientSecret: secret };
  }

  private microsoftAccountSignIn(cloud: AzureCloud, interactive: boolean): SignIn | undefined {
    // VS Code's Microsoft account signs in at Microsoft's own login hosts only: not a custom cloud's or AD FS.
    if (!/^https:\/\/login\.(microsoftonline\.(com|us)|chinacloudapi\.cn)$/i.test(cloud.authorityHost.replace(/\/+$/, ''))) {
      if (interactive) throw new UserFacingError(vscode.l10n.t('The Microsoft account sign-in works with the public and sovereign clouds only; choose another sign-in method for a custom cloud.'));
      return undefined;
    }
    return {
      method: 'vscode',
      session: async (scopes, { renew }) => {
        const session = await vscode.authentication.getSession('microsoft', [...scopes, ...armScopeFor(cloud).filter((s) => !scopes.includes(s))],
          renew ? { forceNewSession: true } : { createIfNone: interactive, silent: !interactive });
        return session?.accessToken;
      },
    };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
