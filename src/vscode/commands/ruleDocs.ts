// A rule's documentation, rendered: the page bundled with the extension (docs/rules/AZSnnn.md, so it matches the
// installed version and works offline) in the Markdown preview beside the editor. The Problems panel's and the
// hovers' rule links run this command, so a click never lands in raw Markdown.
import * as vscode from 'vscode';
import { pick, type Locale } from '../../core/l10n';
import { allRules } from '../../core/lint';
import type { UserInput } from '../infrastructure/ui';

export const showRuleDocsCommand = 'azureStackCsp.showRuleDocs';
const markdownExtension = 'vscode.markdown-language-features';

export interface RuleDocsDeps {
  extensionUri: vscode.Uri;
  ui: () => UserInput;
  locale: Locale;
}

export function ruleDocsUri(extensionUri: vscode.Uri, code: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${code}.md`);
}

/** The link a diagnostic or hover gives for a rule: this command with the rule's code. */
export function ruleDocsLink(code: string): vscode.Uri {
  return vscode.Uri.parse(`command:${showRuleDocsCommand}?${encodeURIComponent(JSON.stringify([code]))}`);
}

/** Shows the page of the rule `code` names (from a link), or of one the user picks (from the palette). */
export async function showRuleDocs(deps: RuleDocsDeps, code?: unknown): Promise<vscode.Uri> {
  const named = typeof code === 'string' ? allRules.find((rule) => rule.code === code.trim().toUpperCase()) : undefined;
  const rule = named ?? (await deps.ui().pick(allRules.map((r) => ({ label: r.code, description: pick(r.title, deps.locale), rule: r })), {
    title: vscode.l10n.t('Show Rule Documentation'), placeHolder: vscode.l10n.t('Rule'), matchOnDescription: true,
  })).rule;
  const page = ruleDocsUri(deps.extensionUri, rule.code);
  // VS Code's built-in Markdown extension renders it (its command activates it); where it is disabled, the page
  // opens as text rather than not at all.
  if (vscode.extensions.getExtension(markdownExtension)) await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
  else await vscode.window.showTextDocument(page, { preview: true });
  return page;
}
