// package.json agrees with the code: menus name declared commands, files it points at exist, and the rule settings
// list every rule with its default severity.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allRules } from '../../src/core/lint';

const root = resolve(__dirname, '..', '..', '..');
interface Command { command: string; title: string; category?: string }
interface Manifest {
  contributes: {
    commands: Command[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { properties?: Record<string, { default: string }> }> };
    walkthroughs: { steps: { media: { image: string } }[] }[];
    grammars: { path: string }[];
    snippets: { path: string }[];
    viewsContainers: { activitybar: { icon: string }[] };
  };
  icon: string;
  main: string;
  activationEvents: string[];
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

describe('package.json', () => {
  it('menus name only declared commands, all under one category and prefix', () => {
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) assert.ok(declared.has(entry.command), `${menu}: ${entry.command}`);
    }
    for (const command of manifest.contributes.commands) {
      assert.match(command.command, /^azureStackCsp\.[a-z][A-Za-z]+$/);
      assert.equal(command.category, '%command.category%', command.command);
    }
  });

  it('offers Add Tenant and Add Tenants from CSV only on registrations whose tree item says they take tenants', () => {
    // The tokens are those RegistrationNode puts in contextValue (the host tests check the items themselves).
    const adding = manifest.contributes.menus['view/item/context'].filter((m) => ['azureStackCsp.addTenant', 'azureStackCsp.addTenantsFromCsv'].includes(m.command));
    assert.ok(adding.length >= 2);
    for (const entry of adding) {
      const pattern = /viewItem =~ \/(.+?)\/(?: |$)/.exec(entry.when ?? '')?.[1];
      assert.ok(pattern, `${entry.command}: ${entry.when}`);
      const offered = (contextValue: string) => new RegExp(pattern).test(contextValue);
      assert.ok(offered('registration takesTenants'), entry.when);
      assert.ok(offered('hasCloudId registration takesTenants'), entry.when);
      for (const closed of ['registration', 'hasCloudId registration', 'tenant', 'stamp']) assert.ok(!offered(closed), `${entry.when} matches "${closed}"`);
    }
  });

  it('points only at files that exist', () => {
    const files = [
      manifest.icon, ...manifest.contributes.viewsContainers.activitybar.map((c) => c.icon),
      ...manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.image)),
      ...manifest.contributes.grammars.map((g) => g.path), ...manifest.contributes.snippets.map((s) => s.path),
    ];
    for (const file of files) assert.ok(existsSync(join(root, file)), file);
  });

  it('offers a severity setting for every rule, defaulting to the rule\'s own', () => {
    const rules = manifest.contributes.configuration.properties['azureStackCsp.lint.rules'].properties ?? {};
    assert.deepEqual(Object.keys(rules).sort(), allRules.map((r) => r.code).sort());
    for (const rule of allRules) assert.equal(rules[rule.code].default, rule.defaultSeverity, rule.code);
  });

  it('activates on the languages it serves, never on everything', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    for (const language of ['powershell', 'json', 'jsonc', 'http', 'shellscript', 'azcli']) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
  });
});
