// "Explain Error Code": pick one of the eight documented codes (or pass one) and read its cause and remedy.
import * as vscode from 'vscode';
import { errorCatalog, errorCodes, errorDocsUrl, isErrorCode } from '../../core/errors';
import { pick, type Locale } from '../../core/l10n';
import type { UserInput } from '../infrastructure/ui';

export async function explainErrorCode(ui: UserInput, locale: Locale, code?: unknown): Promise<string> {
  const chosen = typeof code === 'string' && isErrorCode(code) ? code : (await ui.pick(
    errorCodes.map((c) => ({ label: c, detail: pick(errorCatalog[c].cause, locale) })),
    { title: vscode.l10n.t('Explain an Azure Stack Hub tenant error'), placeHolder: vscode.l10n.t('Error code'), matchOnDetail: true },
  )).label;
  const info = errorCatalog[chosen];
  const docs = vscode.l10n.t('Open Microsoft docs');
  const message = vscode.l10n.t('{0}: {1} What to do: {2}', chosen, pick(info.cause, locale), pick(info.remedy, locale));
  void ui.notify(info.transient ? 'warning' : 'info', message, docs).then((choice) => {
    if (choice === docs) void vscode.env.openExternal(vscode.Uri.parse(errorDocsUrl));
  });
  return message;
}
