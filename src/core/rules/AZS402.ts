import type { CmdletUse, Value } from '../facts';
import { replacementFix, type Replacement } from '../fixes';
import { parameter } from '../parse/cmdlets';
import { defineRule, noReports, reportsForEach, type Report } from './rule';

/** AzureRM cmdlets whose Az successor is not simply the same name with Az for AzureRm. */
const renamed: Record<string, string> = {
  'login-azurermaccount': 'Connect-AzAccount',
  'add-azurermaccount': 'Connect-AzAccount',
  'logout-azurermaccount': 'Disconnect-AzAccount',
  'find-azurermresource': 'Get-AzResource',
  'select-azurermprofile': 'Import-AzContext',
  'save-azurermprofile': 'Save-AzContext',
};

export function azReplacement(cmdlet: string): string {
  return renamed[cmdlet.toLowerCase()] ?? cmdlet.replace(/AzureRm/i, 'Az');
}

/** AzureRM.Profile → Az.Accounts, AzureRM.X → Az.X, AzureRM → Az. */
export function azModule(module: string): string {
  if (/^AzureRM\.Profile$/i.test(module)) return 'Az.Accounts';
  return module.replace(/^AzureRM/i, 'Az');
}

// The patterns asked of each command, as constants: a regular expression literal makes an object each time it is
// reached (a dense script has ≈ 5,000 commands).
const azureRmCmdlet = /^[\w.]+-AzureRm\w*$/i;
const moduleCmdlet = /^(?:Import|Install|Update)-Module$/i;
const azureRmModule = /^AzureRM(?:\.\w+)*$/i;

function moduleArgument(cmdlet: CmdletUse): Value | undefined {
  if (!moduleCmdlet.test(cmdlet.name)) return undefined;
  const name = parameter(cmdlet, 'Name')?.value ?? cmdlet.positional[0];
  return name && azureRmModule.test(name.text.trim()) ? name : undefined;
}

export default defineRule({
  code: 'AZS402',
  name: 'azurerm-retired',
  title: { en: 'Retired AzureRM cmdlet', sv: 'AzureRM-cmdlet som inte längre stöds' },
  docs: {
    finds: {
      en: 'A call of an AzureRM cmdlet (Login-AzureRmAccount, New-AzureRmResource, Get-AzureRmResource, …) or an Import-Module / Install-Module of AzureRM, with its Az replacement. Cmdlet names inside strings and comments are not calls and are left alone.',
      sv: 'Ett anrop av en AzureRM-cmdlet (Login-AzureRmAccount, New-AzureRmResource, Get-AzureRmResource, …) eller Import-Module / Install-Module av AzureRM, med ersättningen i Az. Cmdlet-namn i strängar och kommentarer är inga anrop och lämnas i fred.',
    },
    matters: {
      en: 'AzureRM is retired and no longer maintained; new PowerShell versions and new Azure features need the Az modules. Many registration scripts were written for AzureRM and keep working only until that module is gone from the machine.',
      sv: 'AzureRM har tagits ur bruk och underhålls inte längre; nya PowerShell-versioner och nya Azure-funktioner kräver Az-modulerna. Många registreringsskript skrevs för AzureRM och fungerar bara så länge den modulen finns kvar på datorn.',
    },
  },
  defaultSeverity: 'information',
  azureError: null,
  messages: {
    cmdlet: {
      en: '{name} is an AzureRM cmdlet, and AzureRM is retired; use {replacement} from the Az module.',
      sv: '{name} är en AzureRM-cmdlet, och AzureRM stöds inte längre; använd {replacement} från Az-modulen.',
    },
    module: {
      en: 'The {name} module is retired; use {replacement}.',
      sv: 'Modulen {name} stöds inte längre; använd {replacement}.',
    },
  },
  check({ facts }) {
    return reportsForEach(facts.cmdlets, (cmdlet): readonly Report<'cmdlet' | 'module', Replacement>[] => {
      // Only a name that is one word: after a stray quote, the parser may read a stretch of lines as one command name.
      if (azureRmCmdlet.test(cmdlet.name)) {
        const replacement = azReplacement(cmdlet.name);
        return [{ messageId: 'cmdlet', values: { name: cmdlet.name, replacement }, span: cmdlet.nameSpan, data: { replacement } }];
      }
      const module = moduleArgument(cmdlet);
      if (!module) return noReports;
      const replacement = azModule(module.text.trim());
      return [{ messageId: 'module', values: { name: module.text.trim(), replacement }, span: module.span, data: { replacement } }];
    });
  },
  fixes: (finding, document) => replacementFix(document, finding, { en: 'Use {replacement}', sv: 'Använd {replacement}' }, true),
});
