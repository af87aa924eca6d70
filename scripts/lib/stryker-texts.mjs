// A Stryker ignorer: mutants inside user-facing text objects (`{ en, sv }`: rule titles, docs, messages, problems)
// are not run. Changing their words changes what is said, not what is decided; see test/MUTATION.md.
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

/** An object literal with exactly the keys `en` and `sv`, the shape of core's Localized texts. */
function isLocalizedText(node) {
  if (node.type !== 'ObjectExpression' || node.properties.length !== 2) return false;
  const keys = node.properties.map((p) => (p.type === 'ObjectProperty' && !p.computed && p.key.type === 'Identifier' ? p.key.name : ''));
  return keys.includes('en') && keys.includes('sv');
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'localized-text', {
    shouldIgnore: (path) => (isLocalizedText(path.node) ? 'user-facing text in English and Swedish' : undefined),
  }),
];
