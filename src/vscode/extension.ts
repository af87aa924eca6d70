// Composes the features; nothing heavy runs here (parsers and Azure clients load on first use).
import * as vscode from 'vscode';
import { toLocale } from '../core/l10n';
import { allRules } from '../core/lint';
import { pick } from '../core/l10n';
import { secretsInEnvironment, secretsInSettings } from '../core/redact';
import { AuthorityConfirmations } from './account/authorities';
import { AzureDirectory } from './account/directory';
import { AzureSession } from './account/session';
import { selectCloud, selectSubscriptions, signIn, signOut } from './commands/account';
import { explainErrorCode } from './commands/explainError';
import { clearTenantFilter, filterTenants } from './commands/filter';
import { CustomerNames } from './customers';
import {
  copyCloudDeploymentId, copyResourceId, copyTenantId, findByCloudDeploymentId, openInPortal,
} from './commands/registrations';
import { addTenant, addTenantsFromCsv, exportTenants, removeTenant } from './commands/tenants';
import { activateCodeActions } from './codeActions';
import { pickRegistration } from './commands/pickRegistration';
import { LintDiagnostics } from './diagnostics';
import { ruleDocsLink, showRuleDocs, showRuleDocsCommand } from './commands/ruleDocs';
import { fixAllCommand, fixAllProblems } from './fixAll';
import { AzureLiveData } from './liveData';
import { addStamp, exportInvoicesCommand, exportUsage, removeStamp, signInToStamp, usageReport, type ReportRun } from './usage/commands';
import { importPriceList, PriceSources, removePriceList } from './usage/prices';
import { StampSignIn } from './usage/stampSignIn';
import { StampService } from './usage/stamps';
import { activateHovers } from './hovers';
import { registerCommands } from './infrastructure/commands';
import { createLogger } from './infrastructure/logger';
import { redactingInput, ScriptedUserInput, VsCodeUserInput, type UserInput } from './infrastructure/ui';
import { affects, section } from './settings';
import { activateStatus } from './status';
import { activateWalkthroughContext } from './walkthrough';
import { LoadMoreNode } from './tree/azureNodes';
import { ErrorNode, type TreeNode } from './tree/nodes';
import { RegistrationsTreeProvider } from './tree/provider';
import type { TestApi } from './testApi';

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const activationStarted = performance.now();
  const testMode = process.env.AZS_CSP_TEST === '1';
  const locale = toLocale(vscode.env.language);
  const channel = vscode.window.createOutputChannel('Azure Stack Hub CSP Tools', { log: true });
  const log = createLogger(channel);
  // Secrets the extension can touch before any prompt: the environment's service principal, and any secret a setting holds.
  for (const secret of [...secretsInEnvironment(process.env), ...secretsInSettings(vscode.workspace.getConfiguration(section))]) log.addSecret(secret);
  let ui: UserInput = new VsCodeUserInput();
  // Whatever answers the prompts (the user, or a test's script), what it is shown is masked first.
  const getUi = () => redactingInput(ui, log.redact);

  const authorities = new AuthorityConfirmations(context.globalState);
  const session = new AzureSession({ secrets: context.secrets, log, ui: getUi, locale, authorities });
  const directory = new AzureDirectory(session);
  const stampSignIn = new StampSignIn({ session, authorities, secrets: context.secrets, log, ui: getUi, locale });
  const stamps = new StampService(session, stampSignIn, log);
  const customers = new CustomerNames({ stamps, log });
  const tree = new RegistrationsTreeProvider({ session, directory, locale, stamps, redact: log.redact, customers });
  const view = vscode.window.createTreeView<TreeNode>('azureStackCsp.registrations', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(channel, session, directory, customers, tree, view, session.onDidChange(() => tree.refresh()), customers.onDidChange(() => tree.redrawTenants()));
  activateStatus(context, session);
  const rulesByCode = new Map(allRules.map((rule) => [rule.code as string, rule]));
  activateHovers(context, {
    locale,
    ruleDoc: (code) => {
      const rule = rulesByCode.get(code);
      return rule && { title: pick(rule.title, locale), docsUrl: ruleDocsLink(code).toString(), azureError: rule.azureError };
    },
  });
  const lint = new LintDiagnostics({ extensionUri: context.extensionUri, locale, log });
  context.subscriptions.push(lint);
  activateWalkthroughContext(context, lint);
  activateCodeActions(context, { lint, locale });
  const live = new AzureLiveData(session, directory, log);
  context.subscriptions.push(live);
  lint.useLiveData(live, live.onDidChange);
  // Other files of the workspace declare registrations too; read them once the window has settled.
  lint.indexLater(2000);

  const commandDeps = { log, ui: getUi };
  const prices = new PriceSources(context.workspaceState, log, locale);
  const usageDeps = { stamps, prices, session, authorities, tree, ui: getUi, log, locale, extensionUri: context.extensionUri };
  let lastReport: ReportRun | undefined;
  const azureDeps = { session, directory, tree, view: () => view, customers, ui: getUi, log, locale };
  registerCommands(context, commandDeps, {
    'azureStackCsp.refresh': () => tree.refresh(),
    'azureStackCsp.signIn': () => signIn(azureDeps),
    'azureStackCsp.signOut': () => signOut(azureDeps),
    'azureStackCsp.selectCloud': async () => { await selectCloud(azureDeps); await session.signIn(false); },
    'azureStackCsp.selectSubscriptions': async () => { await selectSubscriptions(azureDeps); tree.refresh(); },
    'azureStackCsp.retry': (node) => { if (node instanceof ErrorNode) tree.retry(node); else tree.refresh(); },
    'azureStackCsp.loadMore': (node) => (node instanceof LoadMoreNode ? tree.loadMore(node) : undefined),
    'azureStackCsp.addTenant': (node) => addTenant(azureDeps, node),
    'azureStackCsp.removeTenant': (node) => removeTenant(azureDeps, node),
    'azureStackCsp.addTenantsFromCsv': (node, file) => addTenantsFromCsv(azureDeps, node, file),
    'azureStackCsp.exportTenants': (node) => exportTenants(azureDeps, node),
    'azureStackCsp.copyResourceId': (node) => copyResourceId(azureDeps, node),
    'azureStackCsp.copyCloudDeploymentId': (node) => copyCloudDeploymentId(azureDeps, node),
    'azureStackCsp.copyTenantId': (node) => copyTenantId(node),
    'azureStackCsp.openInPortal': (node) => openInPortal(azureDeps, node),
    'azureStackCsp.findByCloudDeploymentId': (value) => findByCloudDeploymentId(azureDeps, value),
    'azureStackCsp.filterTenants': (text) => filterTenants(azureDeps, text),
    'azureStackCsp.clearTenantFilter': () => clearTenantFilter(azureDeps),
    'azureStackCsp.explainErrorCode': (code) => explainErrorCode(getUi(), locale, code),
    'azureStackCsp.showLog': () => log.show(),
    'azureStackCsp.pickRegistration': (uri, range) => pickRegistration(azureDeps, uri, range),
    [fixAllCommand]: (uri) => fixAllProblems({ lint, ui: getUi }, uri),
    [showRuleDocsCommand]: (code) => showRuleDocs({ extensionUri: context.extensionUri, ui: getUi, locale }, code),
    'azureStackCsp.addStamp': () => addStamp(usageDeps),
    'azureStackCsp.removeStamp': (node) => removeStamp(usageDeps, node),
    'azureStackCsp.signInToStamp': (node) => signInToStamp(usageDeps, node),
    'azureStackCsp.usageReport': (node) => usageReport(usageDeps, node, (run) => { lastReport = run; }),
    'azureStackCsp.exportUsage': (format) => exportUsage(usageDeps, lastReport, format),
    'azureStackCsp.exportInvoices': (format, perCustomer) => exportInvoicesCommand(usageDeps, lastReport, format, perCustomer),
    'azureStackCsp.importPrices': async (file) => {
      const list = await importPriceList(prices, getUi(), file instanceof vscode.Uri ? file : undefined);
      await lastReport?.reprice();
      return list;
    },
    'azureStackCsp.removePrices': async () => {
      const removed = await removePriceList(prices, getUi());
      await lastReport?.reprice();
      return removed;
    },
  });
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((event) => {
    if (affects(event, 'stamps', 'signIn')) for (const secret of secretsInSettings(vscode.workspace.getConfiguration(section))) log.addSecret(secret);
    if (affects(event, 'cloud', 'customCloud', 'signIn')) void session.signIn(false);
    if (affects(event, 'subscriptions', 'tenants.pageSize', 'stamps')) tree.refresh();
    if (affects(event, 'usage')) void lastReport?.reprice().catch((error: unknown) => log.warn(`pricing the report again: ${String(error)}`));
  }));
  // Sign-ins that need no prompt happen quietly in the background; activation does not wait.
  void session.signIn(false).catch((error: unknown) => log.warn(`background sign-in: ${String(error)}`));
  const activationMs = activationCost(activationStarted);
  log.info(`activated: ${activationMs.toFixed(1)} ms (loading the bundle and activate(); VS Code's own steps between them not counted)`);

  if (!testMode) return undefined;
  return {
    session, authorities, tree, view, lint,
    activationMs,
    lastReport: () => lastReport,
    useScriptedInput: () => {
      const scripted = new ScriptedUserInput();
      ui = scripted;
      return scripted;
    },
    useRealInput: () => {
      ui = new VsCodeUserInput();
    },
  };
}

/** What activation costs the host: loading this bundle (marked by its first and last lines, see scripts/build.mjs) plus activate(). */
function activationCost(activationStarted: number): number {
  const marks = globalThis as { azsCspBundleStart?: number; azsCspBundleLoaded?: number };
  const loading = marks.azsCspBundleStart !== undefined && marks.azsCspBundleLoaded !== undefined ? marks.azsCspBundleLoaded - marks.azsCspBundleStart : 0;
  return loading + performance.now() - activationStarted;
}

export function deactivate(): void {}
