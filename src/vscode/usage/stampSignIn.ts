// How the extension signs in to a stamp, and what it trusts about it. Each stamp has its own sign-in — a service
// principal with a secret or a certificate kept in secret storage for that stamp only, a device code, or, only when
// the user chooses it for an Entra ID stamp in the Azure sign-in's directory, the Azure sign-in — and the facts its
// metadata gave when the user confirmed them, pinned in its setting. Until those facts are confirmed and a later
// answer matches them, nothing but the metadata request goes to the stamp or its login endpoint.
import * as vscode from 'vscode';
import type { CredentialFactory, SignIn } from '../../azure/credentials';
import type { StampEndpoints } from '../../azure/stamps';
import { azureSignInCanServeStamp, loginEndpointExpected, pinChanges, type FactChange, type StampFact, type StampSignInFacts } from '../../azure/trust';
import { isGuid } from '../../core/ids';
import { pick, type Locale } from '../../core/l10n';
import type { AuthorityConfirmations } from '../account/authorities';
import { showDeviceCode, type AzureSession } from '../account/session';
import { UserFacingError } from '../infrastructure/commands';
import type { Logger } from '../infrastructure/logger';
import { UserCancelledError, type UserInput } from '../infrastructure/ui';
import { readSettings, stampSignInMethods, updateSetting, type PinnedStampFacts, type StampSetting, type StampSignInSetting } from '../settings';
import { decodeText } from '../../core/encoding';

export interface StampSignInDeps {
  session: AzureSession;
  authorities: AuthorityConfirmations;
  secrets: vscode.SecretStorage;
  log: Logger;
  ui: () => UserInput;
  locale: Locale;
}

/** Why a stamp waits for the user before anything more is sent to it. */
export type StampWait = 'unconfirmed' | 'changed' | 'authority' | 'credentials';

/** The stamp needs the user (Sign In to Stamp) before anything more is sent: to confirm its sign-in, or to give credentials. */
export class StampSignInNeeded extends UserFacingError {
  constructor(message: string) {
    super(message, undefined, { title: vscode.l10n.t('Sign In to Stamp'), command: 'azureStackCsp.signInToStamp' });
  }
}

const adminKey = (adminEndpoint: string) => adminEndpoint.trim().replace(/\/+$/, '').toLowerCase();

export const sameStamp = (a: { adminEndpoint: string }, b: { adminEndpoint: string }) => adminKey(a.adminEndpoint) === adminKey(b.adminEndpoint);

/** Replaces the stamp's entry in azureStackCsp.stamps (or adds it) and returns it as saved. */
export async function saveStamp<T extends StampSetting>(setting: T): Promise<T> {
  const stamps = readSettings().stamps;
  const found = stamps.some((s) => sameStamp(s, setting));
  await updateSetting('stamps', found ? stamps.map((s) => (sameStamp(s, setting) ? setting : s)) : [...stamps, setting]);
  return setting;
}

export function factsOf(stamp: StampSignInFacts): PinnedStampFacts {
  return { identitySystem: stamp.identitySystem, loginEndpoint: stamp.loginEndpoint, audience: stamp.audience };
}

const isHttps = (value: unknown) => {
  try {
    return typeof value === 'string' && new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
};

/** The pinned facts when the setting holds usable ones; a hand-edited, incomplete pin counts as none. */
export function validPin(pin: unknown): PinnedStampFacts | undefined {
  const value = pin as Partial<PinnedStampFacts> | undefined;
  const usable = typeof value === 'object' && value !== null && (value.identitySystem === 'entraId' || value.identitySystem === 'adfs')
    && isHttps(value.loginEndpoint) && typeof value.audience === 'string' && value.audience.trim() !== '';
  return usable ? { identitySystem: value.identitySystem!, loginEndpoint: value.loginEndpoint!, audience: value.audience! } : undefined;
}

function validSignIn(signIn: StampSignInSetting | undefined): StampSignInSetting | undefined {
  if (!signIn || !stampSignInMethods.includes(signIn.method)) return undefined;
  const needsClient = signIn.method === 'servicePrincipalSecret' || signIn.method === 'servicePrincipalCertificate';
  return needsClient && !signIn.clientId?.trim() ? undefined : signIn;
}

const identityName = (system: PinnedStampFacts['identitySystem']) => (system === 'adfs' ? 'AD FS' : 'Microsoft Entra ID');

function factLabel(fact: StampFact): string {
  switch (fact) {
    case 'identitySystem': return vscode.l10n.t('Identity system');
    case 'loginEndpoint': return vscode.l10n.t('Login endpoint');
    case 'audience': return vscode.l10n.t('Audience (the token is for)');
  }
}

function factValue(fact: StampFact, value: string): string {
  return fact === 'identitySystem' ? identityName(value as PinnedStampFacts['identitySystem']) : value;
}

type SecretKind = 'secret' | 'certificate';

const secretKey = (setting: { adminEndpoint: string }, clientId: string, kind: SecretKind) =>
  `azureStackCsp.stamp/${adminKey(setting.adminEndpoint)}/${clientId.trim().toLowerCase()}/${kind}`;

/** The private-key blocks of a PEM text: registered for masking on their own, as a log could quote one alone. */
const privateKeyBlocks = (pem: string) => pem.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g) ?? [];

export class StampSignIn {
  /** One credential per stamp, sign-in and pinned login endpoint, so a device-code sign-in is not asked for again after Refresh. */
  private readonly factories = new Map<string, CredentialFactory>();

  constructor(private readonly deps: StampSignInDeps) {}

  private needed(setting: StampSetting, wait: StampWait): StampSignInNeeded {
    const name = setting.name;
    const message = {
      unconfirmed: vscode.l10n.t('Confirm how stamp {0} signs in before its first use (nothing is sent to it until then)', name),
      changed: vscode.l10n.t('Stamp {0} now names another sign-in than the one you confirmed: nothing was sent', name),
      authority: vscode.l10n.t('Confirm the sign-in host of stamp {0} on this computer (nothing is sent to it until then)', name),
      credentials: vscode.l10n.t('Sign in to stamp {0} with its own credentials', name),
    }[wait];
    return new StampSignInNeeded(message);
  }

  /**
   * Compares what the stamp's metadata says now with what was pinned. Unpinned (a stamp from an earlier version), a
   * difference, or a sign-in host not confirmed on this computer: asks when it may, pins what the user confirms, and
   * otherwise stops with StampSignInNeeded before anything is sent. Returns the setting as saved.
   */
  async trust(setting: StampSetting, discovered: StampEndpoints, interactive: boolean): Promise<StampSetting & { pinned: PinnedStampFacts }> {
    const facts = factsOf(discovered);
    const pinned = validPin(setting.pinned);
    const changes = pinned ? pinChanges(pinned, facts) : [];
    const hostConfirmed = this.deps.authorities.isTrusted(facts.loginEndpoint);
    if (pinned && changes.length === 0 && hostConfirmed) return { ...setting, pinned };
    const wait: StampWait = !pinned ? 'unconfirmed' : changes.length ? 'changed' : 'authority';
    this.deps.log.warn(`stamp ${setting.name}: ${wait === 'changed' ? `its metadata differs from what was confirmed (${changes.map((c) => c.fact).join(', ')})` : 'its sign-in is not confirmed yet'}; nothing was sent`);
    if (!interactive) throw this.needed(setting, wait);
    const confirmed = changes.length ? await this.confirmChanges(setting.name, changes) : await this.confirmFacts(setting.name, discovered);
    if (!confirmed) throw new UserCancelledError();
    await this.deps.authorities.remember(facts.loginEndpoint);
    this.log(setting, `confirmed its sign-in: ${identityName(facts.identitySystem)} at ${facts.loginEndpoint}, audience ${facts.audience}`);
    return saveStamp({ ...setting, pinned: facts });
  }

  /** Modal, default Cancel: the facts a stamp's metadata gave, with a warning when the login endpoint is not where it should be. */
  async confirmFacts(name: string, stamp: StampEndpoints): Promise<boolean> {
    const lines = [
      `${vscode.l10n.t('Admin endpoint')}: ${stamp.adminEndpoint}`,
      `${factLabel('identitySystem')}: ${identityName(stamp.identitySystem)}`,
      `${factLabel('loginEndpoint')}: ${stamp.loginEndpoint}`,
      `${factLabel('audience')}: ${stamp.audience}`,
      '',
    ];
    if (!loginEndpointExpected(stamp.adminEndpoint, stamp, this.deps.session.configuredCloud())) {
      lines.push(vscode.l10n.t('Warning: the login endpoint is neither on the stamp\'s domain nor Microsoft\'s sign-in. The credentials you give for this stamp will be sent there.'), '');
    }
    lines.push(vscode.l10n.t('Only the credentials you give for this stamp go to its login endpoint, never your Azure sign-in\'s. These facts are kept with the stamp: if it later names others, nothing is sent and you are asked again.'));
    return this.deps.ui().confirm(vscode.l10n.t('Trust how {0} signs in?', name), lines.join('\n'), vscode.l10n.t('Trust'));
  }

  private confirmChanges(name: string, changes: FactChange[]): Promise<boolean> {
    const lines = changes.map((c) => vscode.l10n.t('{0}: was {1}, now {2}', factLabel(c.fact), factValue(c.fact, c.pinned), factValue(c.fact, c.now)));
    lines.push('', vscode.l10n.t('Nothing was sent to the stamp. If its operator did not change how it signs in, something else may be answering in its place: cancel and ask them.'));
    return this.deps.ui().confirm(vscode.l10n.t('Stamp {0} now signs in differently', name), lines.join('\n'), vscode.l10n.t('Trust the New Sign-In'));
  }

  /** The stamp's own credential; asks for the directory and the sign-in when they are missing and it may. */
  async credentials(setting: StampSetting, stamp: StampEndpoints, interactive: boolean): Promise<{ setting: StampSetting; credentials: CredentialFactory }> {
    let current = setting;
    if (stamp.identitySystem === 'entraId' && !current.tenantId?.trim()) {
      if (!interactive) throw this.needed(current, 'credentials');
      current = await saveStamp({ ...current, tenantId: await this.askDirectory(current.name) });
    }
    let signIn = validSignIn(current.signIn);
    if (signIn?.method === 'azureSignIn' && !this.azureSignInServes(current, stamp)) {
      this.log(current, 'was set to use the Azure sign-in, which no longer signs in at its authority and directory; choose another sign-in');
      signIn = undefined;
    }
    if (!signIn) {
      if (!interactive) throw this.needed(current, 'credentials');
      signIn = await this.chooseSignIn(current, stamp);
      current = await saveStamp({ ...current, signIn });
    }
    const key = [adminKey(current.adminEndpoint), signIn.method, signIn.clientId ?? '', current.tenantId ?? '', stamp.loginEndpoint, stamp.audience].join('|');
    const cached = this.factories.get(key);
    if (cached) return { setting: current, credentials: cached };
    const credentials = await this.factory(current, stamp, signIn, interactive);
    this.factories.set(key, credentials);
    return { setting: current, credentials };
  }

  private azureSignInServes(setting: StampSetting, stamp: StampSignInFacts): boolean {
    const cloud = this.deps.session.configuredCloud();
    return cloud !== undefined && azureSignInCanServeStamp({ facts: stamp, directory: setting.tenantId }, { cloud, directory: this.deps.session.directory() });
  }

  private async factory(setting: StampSetting, stamp: StampEndpoints, signIn: StampSignInSetting, interactive: boolean): Promise<CredentialFactory> {
    const sdk = await import('../../azure/sdk.js');
    const tenant = sdk.signInTenant(stamp, setting.tenantId);
    if (!tenant.ok) throw new UserFacingError(pick(tenant.message, this.deps.locale));
    if (signIn.method === 'azureSignIn') {
      const credentials = await this.deps.session.credentialsForStamp(stamp.cloud, tenant.tenantId, interactive);
      if (!credentials) throw this.needed(setting, 'credentials');
      return credentials;
    }
    const input = await this.signInInput(setting, signIn, tenant.tenantId, interactive);
    return sdk.createCredentialFactory(input, stamp.cloud);
  }

  private async signInInput(setting: StampSetting, signIn: StampSignInSetting, tenantId: string, interactive: boolean): Promise<SignIn> {
    const clientId = signIn.clientId?.trim() ?? '';
    switch (signIn.method) {
      case 'servicePrincipalSecret': {
        const clientSecret = await this.storedOrAsked(setting, clientId, 'secret', interactive);
        return { method: 'servicePrincipal', tenantId, clientId, clientSecret };
      }
      case 'servicePrincipalCertificate': {
        const certificate = await this.storedOrAsked(setting, clientId, 'certificate', interactive);
        return { method: 'servicePrincipalCertificate', tenantId, clientId, certificate };
      }
      default: {
        if (!interactive) throw this.needed(setting, 'credentials');
        return { method: 'deviceCode', tenantId, ...(clientId ? { clientId } : {}), prompt: (info) => showDeviceCode(this.deps.ui(), info) };
      }
    }
  }

  /** The stamp's secret or certificate from secret storage, registered for masking; asked for (and kept) when missing. */
  private async storedOrAsked(setting: StampSetting, clientId: string, kind: SecretKind, interactive: boolean): Promise<string> {
    let value = await this.deps.secrets.get(secretKey(setting, clientId, kind));
    if (!value) {
      if (!interactive) throw this.needed(setting, 'credentials');
      value = kind === 'secret' ? await this.askSecret(setting, clientId) : await this.askCertificate(setting, clientId);
      await this.deps.secrets.store(secretKey(setting, clientId, kind), value);
    }
    this.mask(value);
    return value;
  }

  private mask(value: string): void {
    this.deps.log.addSecret(value);
    for (const block of privateKeyBlocks(value)) this.deps.log.addSecret(block);
  }

  private log(setting: StampSetting, text: string): void {
    this.deps.log.info(`stamp ${setting.name}: ${text}`);
  }

  private async askDirectory(name: string): Promise<string> {
    return (await this.deps.ui().input({
      title: vscode.l10n.t('Sign In to Stamp {0}', name),
      prompt: vscode.l10n.t('The directory (tenant) ID the stamp is registered in (Microsoft Entra ID)'),
      validateInput: (value) => (isGuid(value.trim()) ? undefined : vscode.l10n.t('Enter a GUID such as 6f1d4a52-0e3b-4c8e-9a71-2b5d8c9e0f13.')),
    })).trim();
  }

  /** Asks how to sign in to the stamp, and for the service principal's ID and secret or certificate (kept in secret storage). */
  async chooseSignIn(setting: StampSetting, stamp: StampSignInFacts): Promise<StampSignInSetting> {
    const ui = this.deps.ui();
    const title = vscode.l10n.t('Sign In to Stamp {0}', setting.name);
    const items: (vscode.QuickPickItem & { method: StampSignInSetting['method'] })[] = [
      { label: vscode.l10n.t('Service principal with a client secret'), detail: vscode.l10n.t('The stamp\'s own application; the secret is kept in VS Code secret storage for this stamp only.'), method: 'servicePrincipalSecret' },
      { label: vscode.l10n.t('Service principal with a certificate'), detail: vscode.l10n.t('A PEM file with the certificate and its private key, kept in VS Code secret storage for this stamp only.'), method: 'servicePrincipalCertificate' },
      { label: vscode.l10n.t('Device code'), detail: vscode.l10n.t('Sign in as yourself in a browser, at the stamp\'s login endpoint, each session.'), method: 'deviceCode' },
    ];
    if (this.azureSignInServes(setting, stamp)) {
      items.push({
        label: vscode.l10n.t('The Azure sign-in'),
        detail: vscode.l10n.t('Offered because this stamp signs in with Microsoft Entra ID in the same directory ({0}) at the same sign-in host as Azure.', setting.tenantId ?? ''),
        method: 'azureSignIn',
      });
    }
    const method = (await ui.pick(items, { title, placeHolder: vscode.l10n.t('How to sign in to the stamp (never with your Azure credentials unless you choose them here)') })).method;
    if (method !== 'servicePrincipalSecret' && method !== 'servicePrincipalCertificate') return { method };
    const clientId = (await ui.input({
      title, prompt: vscode.l10n.t('The application (client) ID of the stamp\'s service principal'), value: setting.signIn?.clientId ?? '',
      validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the application ID.')),
    })).trim();
    const kind: SecretKind = method === 'servicePrincipalSecret' ? 'secret' : 'certificate';
    const value = kind === 'secret' ? await this.askSecret(setting, clientId) : await this.askCertificate(setting, clientId);
    await this.deps.secrets.store(secretKey(setting, clientId, kind), value);
    this.mask(value);
    return { method, clientId };
  }

  private askSecret(setting: StampSetting, clientId: string): Promise<string> {
    return this.deps.ui().input({
      title: vscode.l10n.t('Client secret of service principal {0} for stamp {1}', clientId, setting.name),
      prompt: vscode.l10n.t('Kept in VS Code secret storage for this stamp only, never in settings or logs.'),
      password: true,
      validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the client secret.')),
    });
  }

  private async askCertificate(setting: StampSetting, clientId: string): Promise<string> {
    const file = await this.deps.ui().openUri({
      title: vscode.l10n.t('Certificate of service principal {0} for stamp {1} (PEM with its private key)', clientId, setting.name),
      filters: { PEM: ['pem', 'crt', 'cer', 'key'] },
    });
    const text = decodeText(await vscode.workspace.fs.readFile(file));
    if (!text.includes('-----BEGIN CERTIFICATE-----') || privateKeyBlocks(text).length === 0) {
      throw new UserFacingError(vscode.l10n.t('{0} is not a PEM file with a certificate and its private key (convert a .pfx with: openssl pkcs12 -in cert.pfx -out cert.pem -nodes).', file.fsPath));
    }
    return text;
  }

  /** Forgets the stamp's credentials in this session, and, with `stored`, its secrets in secret storage. */
  async forget(setting: StampSetting, stored: boolean): Promise<void> {
    for (const key of [...this.factories.keys()]) if (key.startsWith(`${adminKey(setting.adminEndpoint)}|`)) this.factories.delete(key);
    const clientId = setting.signIn?.clientId;
    if (!stored || !clientId) return;
    for (const kind of ['secret', 'certificate'] as const) await this.deps.secrets.delete(secretKey(setting, clientId, kind));
  }
}
