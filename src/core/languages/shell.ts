// Shell scripts with `az rest` and `az resource` lines.
import { shellFacts } from '../parse/shell';
import { defineLanguage } from './language';

export const shell = defineLanguage({
  kind: 'shell',
  extensions: ['sh', 'bash', 'zsh', 'azcli'],
  languageIds: ['shellscript', 'azcli'],
  relevant: /azurestack|customersubscriptions|\/registrations\b/i,
  lineComment: '#',
  fence: { tags: ['bash', 'sh', 'shell', 'zsh', 'azurecli', 'azurecli-interactive', 'azcli'], together: true },
  read: ({ text }) => ({ facts: shellFacts(text) }),
});
