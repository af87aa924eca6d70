// "Pick registration from Azure": a quick pick of the account's registrations (name, resource group, billing model,
// CloudDeploymentID) that rewrites, on the diagnostic's line, the registration resource ID or the
// -RegistrationName/-ResourceGroupName arguments in place.
import * as vscode from 'vscode';
import type { Registration } from '../../azure/registrations';
import { UserFacingError } from '../infrastructure/commands';
import { chooseRegistration, type TenantCommandDeps } from './tenants';

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** What to replace on `line` so it names `registration`: the ID path up to the name, or the name and group arguments. */
export function registrationEdits(line: string, registration: Registration): Replacement[] {
  // Placeholders such as <subscription id> may hold spaces, so only quotes and the line's end bound the path.
  const path = /\/subscriptions\/[^"'\r\n]*?\/registrations\/[^/"'\r\n?]+/i.exec(line);
  if (path) return [{ start: path.index, end: path.index + path[0].length, text: registration.id }];
  const edits: Replacement[] = [];
  const name = /(-RegistrationName\s+)(['"]?)([^'"\s`]+)\2/i.exec(line);
  if (name) edits.push({ start: name.index + name[1].length + name[2].length, end: name.index + name[1].length + name[2].length + name[3].length, text: registration.registrationName });
  const group = /(-ResourceGroupName\s+)(['"]?)([^'"\s`]+)\2/i.exec(line);
  if (group) edits.push({ start: group.index + group[1].length + group[2].length, end: group.index + group[1].length + group[2].length + group[3].length, text: registration.resourceGroup });
  return edits;
}

export async function pickRegistration(deps: TenantCommandDeps, uri: unknown, range: unknown): Promise<Registration | undefined> {
  if (!(uri instanceof vscode.Uri) || !(range instanceof vscode.Range)) throw new UserFacingError(vscode.l10n.t('Run this from a quick fix on a registration.'));
  deps.session.requireClient();
  const document = await vscode.workspace.openTextDocument(uri);
  const line = document.lineAt(range.start.line);
  if (!/\/registrations\/|-RegistrationName\b/i.test(line.text)) throw new UserFacingError(vscode.l10n.t('No registration resource ID or -RegistrationName on this line to replace.'));
  const registration = await chooseRegistration(deps, undefined, vscode.l10n.t('Pick registration from Azure'));
  const edit = new vscode.WorkspaceEdit();
  for (const replacement of registrationEdits(line.text, registration)) {
    edit.replace(uri, new vscode.Range(line.lineNumber, replacement.start, line.lineNumber, replacement.end), replacement.text);
  }
  await vscode.workspace.applyEdit(edit);
  return registration;
}
