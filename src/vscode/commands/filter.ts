// Filter Tenants: the Registrations view shows only the tenants (and the stamps' tenant subscriptions) whose customer
// name, CSV label, owner, subscription ID or directory contains the text; the view's description says so, and Clear
// Tenant Filter (or an empty filter) shows them all again.
import * as vscode from 'vscode';
import type { UserInput } from '../infrastructure/ui';
import type { TreeNode } from '../tree/nodes';
import type { RegistrationsTreeProvider } from '../tree/provider';

/** True while a filter is set: the view's title bar then offers Clear Tenant Filter instead. */
export const filterContextKey = 'azureStackCsp.tenantFilter';

export interface FilterDeps {
  tree: RegistrationsTreeProvider;
  view: () => vscode.TreeView<TreeNode> | undefined;
  ui: () => UserInput;
}

async function applyFilter(deps: FilterDeps, text: string | undefined): Promise<string | undefined> {
  deps.tree.setFilter(text);
  const filter = deps.tree.filter;
  const view = deps.view();
  if (view) view.description = filter ? vscode.l10n.t('tenants matching "{0}"', filter) : undefined;
  await vscode.commands.executeCommand('setContext', filterContextKey, filter !== undefined);
  return filter;
}

/** Asks for the text (the current filter to edit), or takes it as the argument; returns the filter now set. */
export async function filterTenants(deps: FilterDeps, text?: unknown): Promise<string | undefined> {
  const value = typeof text === 'string' ? text : await deps.ui().input({
    title: vscode.l10n.t('Filter Tenants'),
    prompt: vscode.l10n.t('Part of a customer\'s name, an owner, a subscription ID or a directory (tenant) ID; empty shows all tenants'),
    value: deps.tree.filter ?? '',
  });
  return applyFilter(deps, value);
}

export function clearTenantFilter(deps: FilterDeps): Promise<string | undefined> {
  return applyFilter(deps, undefined);
}
