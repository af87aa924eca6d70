// Trust boundaries in the real host, against the emulator: the custom cloud's sign-in host is confirmed before
// anything is posted to it; a stamp from an earlier version is confirmed and pinned on first use and signs in with
// its own credentials; hostile stamps (test/fixtures/emulator/hostile-stamps.json) get no Azure secret and no token
// for the Azure emulator's Resource Manager — read from the emulator's request log — and the user is asked; and what
// the user is shown has its secrets masked.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ScriptedUserInput } from '../../src/vscode/infrastructure/ui';
import type { StampSetting } from '../../src/vscode/settings';
import type { TestApi } from '../../src/vscode/testApi';
import type { LoggedRequest } from '../emulator/requestLog';
import type { StampSeed, StateFile } from '../emulator/stateFile';
import { childrenAt, emulator, emulatorStamp, emulatorUrl, nodeAt, shown, signedInFresh, signInToStampAsUser, testApi, waitFor } from './helpers';

const root = join(__dirname, '..', '..', '..');
const hostState = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'emulator', 'host.json'), 'utf8')) as StateFile & { stamps: StampSeed[] };
const hostile = (JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'emulator', 'hostile-stamps.json'), 'utf8')) as { stamps: StampSeed[] }).stamps;
const hostileNames = new Set(hostile.map((s) => s.name));
const withHostile = (...replaced: StampSeed[]): StateFile => ({
  ...hostState,
  stamps: [...hostState.stamps, ...hostile.filter((s) => !replaced.some((r) => r.name === s.name)), ...replaced],
});

const config = () => vscode.workspace.getConfiguration('azureStackCsp');
const stampSettings = () => config().get<StampSetting[]>('stamps') ?? [];
const stampSetting = (name: string) => stampSettings().find((s) => s.name === name);
const lastSeq = async () => (await emulator().requests()).at(-1)?.seq ?? 0;

/**
 * Until no request has reached a hostile stamp for `quietMs`: reads the view began before (VS Code may ask for a
 * node's children a moment after the view's loads are done) have reached the stamps by then.
 */
async function hostileStampsQuiet(quietMs = 400): Promise<void> {
  const lastHostile = async () => (await emulator().requests()).filter((r) => hostileNames.has(r.stamp ?? '')).at(-1)?.seq ?? 0;
  let seen = await lastHostile();
  let quietSince = Date.now();
  await waitFor('no request to the hostile stamps for a while', async () => {
    const now = await lastHostile();
    if (now !== seen) {
      seen = now;
      quietSince = Date.now();
    }
    return Date.now() - quietSince >= quietMs;
  });
}
const described = (log: LoggedRequest[]) => log.map((r) => `${r.method} ${r.path} ${r.stamp ?? 'azure'}`);
const carriedBy = (log: LoggedRequest[]) => [...new Set(log.flatMap((r) => r.carried ?? []))].sort();

/** The nodes that ask the user to sign in to a stamp (confirm it, give credentials, or try again). */
const signInNodes = (nodes: { id: string }[]) => nodes.filter((n) => n.id.endsWith('#signIn'));

/** Nothing that reached a hostile stamp carried the Azure secret or a token for the Azure emulator's Resource Manager. */
function assertNoAzureCredential(log: LoggedRequest[]): void {
  const leaks = log.filter((r) => hostileNames.has(r.stamp ?? '') && (r.carried ?? []).some((kind) => kind === 'azureSecret' || kind === 'armToken'));
  assert.deepEqual(leaks, []);
}

describe('trust: sign-in hosts, stamps and what the user is shown (emulator)', function () {
  this.timeout(90_000);
  let api: TestApi;
  let ui: ScriptedUserInput;
  let initialStamps: StampSetting[];

  before(async () => {
    api = await testApi();
    ui = api.useScriptedInput();
    initialStamps = stampSettings();
    await signedInFresh(api);
  });

  beforeEach(() => ui.reset());
  afterEach(() => assert.equal(ui.pending, 0, 'every scripted answer was used'));

  after(async () => {
    await config().update('stamps', initialStamps, vscode.ConfigurationTarget.Workspace);
    await emulator().reset();
  });

  describe("the custom cloud's sign-in host", () => {
    it('posts nothing to an unconfirmed sign-in host, asks once (Cancel is the default), then remembers the answer', async () => {
      await api.session.signOut();
      await api.authorities.forget(emulatorUrl());
      // Once nothing is in flight: a request begun before the clearing and ended after would be in neither log.
      await emulator().clearRequests({ whenIdle: true });
      assert.equal(await api.session.signIn(false), false, 'the quiet sign-in, as at activation');
      assert.deepEqual(api.session.state, { kind: 'signedOut', awaitingConfirmation: emulatorUrl() });
      assert.equal(shown(api, (await api.tree.getChildren())[0]), `Sign in to Azure… (confirm the sign-in host ${emulatorUrl()} first)`);
      ui.enqueue('');
      await vscode.commands.executeCommand('azureStackCsp.signIn');
      assert.equal(api.session.state.kind, 'signedOut');
      assert.deepEqual(await emulator().requests(0, { whenIdle: true }), [], 'nothing reached the emulator, AZURE_CLIENT_SECRET least of all');
      assert.deepEqual([ui.prompts[0].kind, ui.prompts[0].title], ['confirm', `Sign in at ${emulatorUrl()}?`]);
      assert.match(ui.prompts[0].detail ?? '', /is not one of Microsoft's sign-in hosts .* sends the client secret of service principal [\w-]+ \(AZURE_CLIENT_SECRET\) to it/);
      ui.enqueue('Sign In');
      await vscode.commands.executeCommand('azureStackCsp.signIn');
      assert.equal(api.session.state.kind, 'signedIn');
      assert.ok((await emulator().requests()).some((r) => r.method === 'POST' && r.carried?.includes('azureSecret')), 'the secret went where the user said it may');
      await api.session.signOut();
      assert.equal(await api.session.signIn(false), true, 'remembered: not asked again');
      assert.equal(ui.prompts.length, 2);
    });
  });

  describe('a stamp added before stamps had a sign-in of their own', () => {
    it("sends nothing but the metadata request, then confirms and pins its sign-in and asks for the stamp's own credentials", async () => {
      const [hub] = initialStamps;
      const seed = hostState.stamps[0];
      assert.deepEqual([hub.pinned, hub.signIn], [undefined, undefined], 'an entry as earlier versions wrote it');
      const since = await lastSeq();
      const [first] = await childrenAt(api, 'Azure Stack Hub stamps', hub.name);
      assert.equal(shown(api, first), `Confirm how stamp ${hub.name} signs in before its first use (nothing is sent to it until then)`);
      const toStampOrItsDirectory = (r: LoggedRequest) => r.stamp !== undefined || r.path.startsWith(`/${seed.directoryTenantId}/`);
      assert.deepEqual(described((await emulator().requests(since)).filter(toStampOrItsDirectory)), [`GET /metadata/endpoints ${hub.name}`]);

      const own = await emulatorStamp(hub.name);
      ui.enqueue('Trust', 'Service principal with a client secret', own.clientId, own.clientSecret);
      await vscode.commands.executeCommand('azureStackCsp.signInToStamp', await nodeAt(api, 'Azure Stack Hub stamps', hub.name));
      assert.deepEqual(ui.prompts.map((p) => p.kind), ['confirm', 'pick', 'input', 'input']);
      assert.equal(ui.prompts[0].title, `Trust how ${hub.name} signs in?`);
      assert.equal(ui.prompts[0].detail?.split('\n').slice(0, 4).join('\n'), [
        `Admin endpoint: ${own.adminEndpoint}`, 'Identity system: Microsoft Entra ID', `Login endpoint: ${emulatorUrl()}/`, `Audience (the token is for): ${seed.audience}`,
      ].join('\n'));
      assert.deepEqual(ui.prompts[1].items?.map((i) => i.label), ['Service principal with a client secret', 'Service principal with a certificate', 'Device code'],
        'the Azure sign-in is not offered: the stamp is in another directory');
      assert.equal(ui.messages.at(-1)?.message, `Signed in to stamp ${hub.name}.`);

      assert.deepEqual(stampSetting(hub.name), {
        ...hub, pinned: { identitySystem: 'entraId', loginEndpoint: `${emulatorUrl()}/`, audience: seed.audience },
        signIn: { method: 'servicePrincipalSecret', clientId: own.clientId },
      });
      assert.ok(!JSON.stringify(config().inspect('stamps')).includes(own.clientSecret), 'the secret is in secret storage, not in settings');
      const children = await childrenAt(api, 'Azure Stack Hub stamps', hub.name);
      assert.ok(children.some((n) => shown(api, n).startsWith('Contoso production')), children.map((n) => shown(api, n)).join(' | '));
      const signIns = (await emulator().requests(since)).filter((r) => r.method === 'POST' && r.path.startsWith(`/${seed.directoryTenantId}/`));
      assert.ok(signIns.length > 0);
      assert.deepEqual(carriedBy(signIns), ['clientSecret'], "the stamp's directory got the stamp's own secret, never Azure's");
    });
  });

  describe('hostile stamps', () => {
    before(() => emulator().replaceState(withHostile()));

    it('shows a foreign login endpoint with a warning; declined, nothing is sent; accepted, only the stamp\'s own secret goes there', async () => {
      const rogue = await emulatorStamp('rogue-login');
      const collector = await emulatorStamp('collector');
      const since = await lastSeq();
      ui.enqueue(rogue.adminEndpoint, '');
      await vscode.commands.executeCommand('azureStackCsp.addStamp');
      assert.deepEqual(ui.prompts.map((p) => p.kind), ['input', 'confirm']);
      assert.match(ui.prompts[1].detail ?? '', new RegExp(`Login endpoint: ${collector.adminEndpoint}/adfs\n`));
      assert.match(ui.prompts[1].detail ?? '', /Warning: the login endpoint is neither on the stamp's domain nor Microsoft's sign-in\./);
      assert.equal(stampSetting('rogue-login'), undefined, 'declined: nothing was saved');
      assert.deepEqual(described((await emulator().requests(since)).filter((r) => hostileNames.has(r.stamp ?? ''))), ['GET /metadata/endpoints rogue-login']);

      ui.reset();
      ui.enqueue(rogue.adminEndpoint, 'Trust', 'rogue-login', '', 'Service principal with a client secret', rogue.clientId, rogue.clientSecret);
      await vscode.commands.executeCommand('azureStackCsp.addStamp');
      assert.equal(stampSetting('rogue-login')?.pinned?.loginEndpoint, `${collector.adminEndpoint}/adfs`);
      ui.enqueue('');
      await vscode.commands.executeCommand('azureStackCsp.signInToStamp', await nodeAt(api, 'Azure Stack Hub stamps', 'rogue-login'));
      assert.equal(ui.prompts.at(-1)?.title, 'Stamp rogue-login did not accept the sign-in', 'the collector does not know the rogue stamp\'s principal');
      const log = await emulator().requests(since);
      assert.deepEqual(carriedBy(log.filter((r) => r.stamp === 'collector')), ['clientSecret'], 'only the secret the user gave for this stamp');
      assertNoAzureCredential(log);
    });

    it("refuses a stamp that asks for Azure Resource Manager's audience, new or from an earlier version, having read only its metadata", async () => {
      const armAudience = await emulatorStamp('arm-audience');
      const since = await lastSeq();
      ui.enqueue(armAudience.adminEndpoint);
      await vscode.commands.executeCommand('azureStackCsp.addStamp');
      assert.deepEqual(ui.prompts.map((p) => p.kind), ['input'], 'refused before any question');
      assert.deepEqual(ui.messages.map((m) => m.kind), ['error']);
      const refusal = `StampAudienceIsAzureResourceManager: The stamp asks for a token for Azure Resource Manager (${emulatorUrl()}/); such a token would let it act in Azure as you. Nothing was sent.`;
      assert.equal(ui.messages[0].message, refusal);
      assert.equal(stampSetting('arm-audience'), undefined);

      await config().update('stamps', [...stampSettings(), { name: 'arm-audience', adminEndpoint: armAudience.adminEndpoint }], vscode.ConfigurationTarget.Workspace);
      api.tree.refresh();
      const [node] = await childrenAt(api, 'Azure Stack Hub stamps', 'arm-audience');
      assert.equal(shown(api, node), refusal);
      const log = (await emulator().requests(since)).filter((r) => hostileNames.has(r.stamp ?? ''));
      // arm-audience's own: the view may meanwhile read a stamp that signs in without asking (collector) for names.
      assert.deepEqual(described(log.filter((r) => r.stamp === 'arm-audience')), ['GET /metadata/endpoints arm-audience', 'GET /metadata/endpoints arm-audience']);
      assertNoAzureCredential(log);
    });

    it('stops a stamp whose metadata changed after it was pinned: nothing is sent, and the user is asked', async () => {
      // Only this stamp in the view: the stamps earlier tests added would be read for names meanwhile, with their own
      // credentials, and this test is about what reaches the collector because of shifting's metadata.
      await config().update('stamps', initialStamps, vscode.ConfigurationTarget.Workspace);
      const shifting = await emulatorStamp('shifting');
      const collector = await emulatorStamp('collector');
      ui.enqueue(shifting.adminEndpoint, 'Trust', 'shifting', '', 'Service principal with a client secret', shifting.clientId, shifting.clientSecret);
      await vscode.commands.executeCommand('azureStackCsp.addStamp');
      const pinned = stampSetting('shifting')?.pinned;
      assert.equal(pinned?.loginEndpoint, `${shifting.adminEndpoint}/adfs`);
      assert.deepEqual(signInNodes(await childrenAt(api, 'Azure Stack Hub stamps', 'shifting')), [], 'signed in as pinned');

      const seed = hostile.find((s) => s.name === 'shifting')!;
      const collectorAudience = hostile.find((s) => s.name === 'collector')!.audience!;
      // A read the view started while the metadata was as pinned (the stamp's tenant subscriptions, customers' names
      // from it) may otherwise reach the stamp after the change, checked against the pin before it.
      await api.tree.idle();
      await hostileStampsQuiet();
      await emulator().replaceState(withHostile({ ...seed, metadata: { loginEndpoint: '{stamp:collector}/adfs', audience: collectorAudience } }));
      const since = await lastSeq();
      api.tree.refresh();
      const [node] = await childrenAt(api, 'Azure Stack Hub stamps', 'shifting');
      assert.equal(shown(api, node), 'Stamp shifting now names another sign-in than the one you confirmed: nothing was sent');

      ui.reset();
      ui.enqueue('');
      await vscode.commands.executeCommand('azureStackCsp.signInToStamp', await nodeAt(api, 'Azure Stack Hub stamps', 'shifting'));
      assert.deepEqual([ui.prompts[0].kind, ui.prompts[0].title], ['confirm', 'Stamp shifting now signs in differently']);
      assert.deepEqual(ui.prompts[0].detail?.split('\n').slice(0, 2), [
        `Login endpoint: was ${shifting.adminEndpoint}/adfs, now ${collector.adminEndpoint}/adfs`,
        `Audience (the token is for): was ${seed.audience}, now ${collectorAudience}`,
      ]);
      assert.deepEqual(stampSetting('shifting')?.pinned, pinned, 'declined: the pin stays');
      const log = (await emulator().requests(since)).filter((r) => hostileNames.has(r.stamp ?? ''));
      // Its metadata only (the view and the command each read it; a busy view may read it once more): no token request, nothing to the collector.
      assert.deepEqual([...new Set(described(log))], ['GET /metadata/endpoints shifting'], 'no token request, nothing to the collector');
      assert.ok(log.length >= 2, 'the view and the command each read the metadata again');
    });

    it('offers the Azure sign-in only for an Entra ID stamp in the same directory, and uses it only when chosen', async () => {
      const sameDirectory: StampSeed = {
        name: 'same-directory', identitySystem: 'entraId', directoryTenantId: process.env.AZURE_TENANT_ID ?? '', cloudId: '5a3ed1e0-0000-4000-8000-000000c1d000',
        audience: 'https://adminmanagement.samedirectory.example/5a3ed1e0-0000-4000-8000-0000000a0d00', defaultProviderSubscriptionId: '5a3ed1e0-0000-4000-8000-00000000d950',
      };
      // Only this stamp in the view: the stamps earlier tests added would be read for names meanwhile.
      await config().update('stamps', initialStamps, vscode.ConfigurationTarget.Workspace);
      await emulator().replaceState(withHostile(sameDirectory));
      const stamp = await emulatorStamp('same-directory');
      const since = await lastSeq();
      ui.enqueue(stamp.adminEndpoint, 'Trust', 'same-directory', sameDirectory.directoryTenantId, '', 'The Azure sign-in');
      await vscode.commands.executeCommand('azureStackCsp.addStamp');
      assert.deepEqual(ui.prompts.find((p) => p.kind === 'pick')?.items?.map((i) => i.label).at(-1), 'The Azure sign-in');
      assert.deepEqual(stampSetting('same-directory')?.signIn, { method: 'azureSignIn' });
      assert.deepEqual(signInNodes(await childrenAt(api, 'Azure Stack Hub stamps', 'same-directory')), []);
      // The Azure secret went to the stamp's own directory (once or more, as the add and the view asked for tokens).
      const azureSecretTo = (await emulator().requests(since)).filter((r) => r.carried?.includes('azureSecret')).map((r) => `${r.method} ${r.path}`);
      assert.ok(azureSecretTo.length >= 1, 'the Azure sign-in was used');
      assert.deepEqual([...new Set(azureSecretTo)], [`POST /${sameDirectory.directoryTenantId}/oauth2/v2.0/token`], 'chosen, in its own directory');
    });

    it('offers to enter the credentials again when a stamp refuses them', async () => {
      const collector = await emulatorStamp('collector');
      ui.enqueue(collector.adminEndpoint, 'Trust', 'collector', '', 'Service principal with a client secret', collector.clientId, 'Not-The-Collector-Secret');
      await vscode.commands.executeCommand('azureStackCsp.addStamp');
      const [refused] = await childrenAt(api, 'Azure Stack Hub stamps', 'collector');
      assert.equal(shown(api, refused), 'The stamp did not accept the sign-in (click to sign in again)');
      ui.reset();
      ui.enqueue('Enter Credentials Again', 'Service principal with a client secret', collector.clientId, collector.clientSecret);
      await vscode.commands.executeCommand('azureStackCsp.signInToStamp', await nodeAt(api, 'Azure Stack Hub stamps', 'collector'));
      assert.deepEqual(ui.prompts.map((p) => p.kind), ['confirm', 'pick', 'input', 'input']);
      assert.match(ui.prompts[0].detail ?? '', /AADSTS7000215/);
      assert.equal(ui.messages.at(-1)?.message, 'Signed in to stamp collector.');
      assert.deepEqual(signInNodes(await childrenAt(api, 'Azure Stack Hub stamps', 'collector')), []);
    });

    // Every request these tests began, read once none is in flight: the reset after them would forget one still under way.
    after(async () => assertNoAzureCredential(await emulator().requests(0, { whenIdle: true })));
  });

  describe('what the user is shown', () => {
    it('masks secrets an answer quotes, in the tree and in notifications', async () => {
      const [hub] = initialStamps;
      if (!stampSetting(hub.name)?.signIn) await signInToStampAsUser(api, ui, hub.name);
      const jwt = ['{"alg":"RS256","typ":"JWT"}', '{"aud":"https://management.azure.com","sub":"someone"}', 'signature-bytes'].map((part) => Buffer.from(part).toString('base64url')).join('.');
      const azureSecret = process.env.AZURE_CLIENT_SECRET ?? '';
      assert.ok(azureSecret.length > 8);
      // A secret someone wrote into a setting is masked too, though never used.
      const settingSecret = 'Setting-Held-Secret-42';
      await config().update('stamps', stampSettings().map((s) => (s.name === hub.name ? { ...s, clientSecret: settingSecret } : s)), vscode.ConfigurationTarget.Workspace);
      const leaked = [azureSecret, settingSecret, 'two words here', jwt];
      await emulator().addFaults({
        kind: 'status', status: 400, code: 'LeakyUpstream', stamp: hub.name, path: '^/subscriptions$', count: 10,
        message: `the gateway echoed ${azureSecret} (and ${settingSecret}) and {"password":"two words here"} with Bearer ${jwt}`,
      });
      api.tree.refresh();
      const [node] = await childrenAt(api, 'Azure Stack Hub stamps', hub.name);
      const item = api.tree.getTreeItem(node);
      assert.equal(shown(api, node), 'LeakyUpstream: the gateway echoed *** (and ***) and {"password":"***"} with Bearer ***');
      ui.enqueue('Daily', '2026-11-01', '2026-11-08');
      await vscode.commands.executeCommand('azureStackCsp.usageReport', await nodeAt(api, 'Azure Stack Hub stamps', hub.name));
      assert.equal(ui.messages.at(-1)?.message, 'LeakyUpstream: the gateway echoed *** (and ***) and {"password":"***"} with Bearer ***');
      const everythingShown = JSON.stringify([ui.messages, ui.prompts, item.label, (item.tooltip as vscode.MarkdownString).value]);
      for (const secret of leaked) assert.ok(!everythingShown.includes(secret), secret.slice(0, 6));
      await emulator().clearFaults();
    });
  });
});
