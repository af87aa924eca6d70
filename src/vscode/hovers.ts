// Hovers that explain: any of the eight documented error codes, in any file (logs, scripts, saved responses), and
// a rule code (AZSnnn) in a suppression comment or a diagnostic.
import * as vscode from 'vscode';
import { errorCatalog, errorDocsUrl, isErrorCode, type ErrorCode } from '../core/errors';
import { pick, type Locale } from '../core/l10n';
import { showRuleDocsCommand } from './commands/ruleDocs';

export interface RuleDoc {
  title: string;
  docsUrl: string;
  azureError: string | null;
}

export interface HoverDeps {
  locale: Locale;
  /** Rule documentation by code, when the linter knows the rule. */
  ruleDoc: (code: string) => RuleDoc | undefined;
}

export function errorCodeMarkdown(code: ErrorCode, locale: Locale): vscode.MarkdownString {
  const info = errorCatalog[code];
  const markdown = new vscode.MarkdownString(undefined, true);
  markdown.appendMarkdown(`**${code}** · HTTP ${info.status}\n\n`);
  markdown.appendMarkdown(`${vscode.l10n.t('Cause')}: ${pick(info.cause, locale)}\n\n`);
  markdown.appendMarkdown(`${vscode.l10n.t('What to do')}: ${pick(info.remedy, locale)}\n\n`);
  if (info.liveOnly) markdown.appendMarkdown(`_${vscode.l10n.t('Only Azure can tell: no file shows this mistake before the call.')}_\n\n`);
  markdown.appendMarkdown(`[${vscode.l10n.t('Microsoft documentation')}](${errorDocsUrl})`);
  return markdown;
}

function ruleMarkdown(code: string, doc: RuleDoc): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(`**${code}** · ${doc.title}\n\n`, true);
  // The link runs the command that renders the page; no other command may run from a hover.
  markdown.isTrusted = { enabledCommands: [showRuleDocsCommand] };
  if (doc.azureError) markdown.appendMarkdown(`${vscode.l10n.t('Prevents the Azure error {0}.', doc.azureError)}\n\n`);
  markdown.appendMarkdown(`[${vscode.l10n.t('Rule documentation')}](${doc.docsUrl})`);
  return markdown;
}

export function activateHovers(context: vscode.ExtensionContext, deps: HoverDeps): void {
  const provider: vscode.HoverProvider = {
    provideHover(document, position) {
      const range = document.getWordRangeAtPosition(position, /[A-Za-z]{6,40}|AZS\d{3}/);
      if (!range) return undefined;
      const word = document.getText(range);
      if (isErrorCode(word)) return new vscode.Hover(errorCodeMarkdown(word, deps.locale), range);
      const doc = /^AZS\d{3}$/.test(word) ? deps.ruleDoc(word) : undefined;
      return doc ? new vscode.Hover(ruleMarkdown(word, doc), range) : undefined;
    },
  };
  context.subscriptions.push(vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }], provider));
}
