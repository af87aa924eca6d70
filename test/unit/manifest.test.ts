// package.json agrees with the code: menus name declared commands, files it points at exist, and the rule settings
// list every rule with its default severity.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allRules, languageIds } from '../../src/core/lint';

const root = resolve(__dirname, '..', '..', '..');
interface Command { command: string; title: string; category?: string }
interface Manifest {
  contributes: {
    commands: Command[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { properties?: Record<string, { default: string }> }> };
    walkthroughs: { steps: { id: string; media: { image: string }; completionEvents?: string[] }[] }[];
    views: Record<string, { id: string }[]>;
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

  it('activates on every language the linter reads (src/core/languages), never on everything', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(languageIds.length >= 6);
    for (const language of languageIds) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), language);
  });

  it('completes each walkthrough step on events VS Code 1.100 knows, naming commands, views, settings and context keys that exist', () => {
    const sources = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
    });
    const code = sources(join(root, 'src/vscode')).join('\n');
    const contextKeys = new Set([...code.matchAll(/(?:setContext', |ContextKey = )'(azureStackCsp\.\w+)'/g)].map((m) => m[1]));
    const exists: Record<string, (name: string) => boolean> = {
      onCommand: (name) => manifest.contributes.commands.some((c) => c.command === name),
      onView: (name) => Object.values(manifest.contributes.views).flat().some((v) => v.id === name),
      onSettingChanged: (name) => name in manifest.contributes.configuration.properties,
      onContext: (name) => contextKeys.has(name),
    };
    for (const step of manifest.contributes.walkthroughs.flatMap((w) => w.steps)) {
      assert.ok(step.completionEvents?.length, `${step.id} says when it is done`);
      for (const event of step.completionEvents) {
        const [, kind, name] = /^(\w+):(.+)$/.exec(event) ?? [];
        assert.ok(kind in exists, `${step.id}: ${event} is not an event VS Code knows (onCommand, onView, onSettingChanged, onContext)`);
        assert.ok(exists[kind](name), `${step.id}: ${event} names nothing the extension has`);
      }
    }
  });
});
