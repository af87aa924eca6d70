// Price lists for the usage report: imported from files the user picks (remembered per workspace), the meter mapping
// (a workspace file and a setting) and the markup settings, read each time a report is priced so edits count.
import * as vscode from 'vscode';
import { pick, type Locale } from '../../core/l10n';
import { MeterBook, readMeterMapping, readMeterMappingValue, type MeterMappingEntry } from '../../core/usage/meterBilling';
import { describePriceList, readPriceFile, type PriceRole } from '../../core/usage/priceFiles';
import { decodeText } from '../../core/encoding';
import { detectPriceFormat, type PriceList } from '../../core/usage/prices';
import type { Markup, PricingInputs } from '../../core/usage/pricing';
import { UserFacingError } from '../infrastructure/commands';
import type { Logger } from '../infrastructure/logger';
import type { UserInput } from '../infrastructure/ui';
import { section } from '../settings';

interface RememberedFiles {
  microsoft: string[];
  resale: string | undefined;
}

const stateKey = 'azureStackCsp.priceFiles';

export interface LoadedPrices {
  inputs: PricingInputs;
  /** Anything a list, the mapping or a file could not give; already in the log. */
  problems: string[];
  /** True when there is something to price with: a list or a markup. */
  any: boolean;
}

export class PriceSources {
  constructor(private readonly state: vscode.Memento, private readonly log: Logger, private readonly locale: Locale) {}

  remembered(): RememberedFiles {
    const value = this.state.get<Partial<RememberedFiles>>(stateKey);
    return { microsoft: Array.isArray(value?.microsoft) ? value.microsoft.filter((u) => typeof u === 'string') : [], resale: typeof value?.resale === 'string' ? value.resale : undefined };
  }

  private async remember(files: RememberedFiles): Promise<void> {
    await this.state.update(stateKey, files);
  }

  /** Reads a file the user picked and remembers it: a resale list replaces the last one, a price list joins the others. */
  async import(uri: vscode.Uri): Promise<PriceList> {
    const bytes = await vscode.workspace.fs.readFile(uri);
    const name = uri.path.replace(/^.*\//, '');
    const role: PriceRole = detectPriceFormat(name, /\.xlsx$/i.test(name) ? undefined : decodeText(bytes)) === 'resale' ? 'resale' : 'microsoft';
    const result = await readPriceFile(bytes, name, role);
    if (!result.ok) throw new UserFacingError(pick(result.message, this.locale));
    const files = this.remembered();
    const key = uri.toString();
    await this.remember(role === 'resale' ? { ...files, resale: key } : { ...files, microsoft: [...files.microsoft.filter((u) => u !== key), key] });
    this.log.info(`price list imported: ${pick(describePriceList(result.list), 'en')}`);
    return result.list;
  }

  async forget(uri: string): Promise<void> {
    const files = this.remembered();
    await this.remember({ microsoft: files.microsoft.filter((u) => u !== uri), resale: files.resale === uri ? undefined : files.resale });
  }

  private async readRemembered(uri: string, role: PriceRole, problems: string[]): Promise<PriceList | undefined> {
    try {
      const parsed = vscode.Uri.parse(uri);
      const result = await readPriceFile(await vscode.workspace.fs.readFile(parsed), parsed.path, role);
      if (result.ok) return result.list;
      problems.push(pick(result.message, this.locale));
    } catch (error) {
      problems.push(vscode.l10n.t('Price list {0} could not be read: {1}', uri, error instanceof Error ? error.message : String(error)));
    }
    return undefined;
  }

  /** Meter mappings: the workspace file named in the settings, then the setting's own entries (which win). */
  private async mapping(problems: string[]): Promise<MeterMappingEntry[]> {
    const config = vscode.workspace.getConfiguration(section);
    const entries: MeterMappingEntry[] = [];
    const fileName = config.get<string>('usage.meterMappingFile', 'azs-meters.json').trim();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (fileName && folder) {
      const uri = vscode.Uri.joinPath(folder, fileName);
      // No file is the usual case (the setting names a default); a file that is there but unreadable is named.
      const text = await vscode.workspace.fs.readFile(uri).then(decodeText, (error: unknown) => {
        if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) {
          problems.push(vscode.l10n.t('The meter mapping {0} could not be read: {1}', fileName, error instanceof Error ? error.message : String(error)));
        }
        return undefined;
      });
      if (text !== undefined) {
        const read = readMeterMapping(text);
        entries.push(...read.entries);
        problems.push(...read.problems.map((p) => `${fileName}${p.at ? ` ${p.at}` : ''}: ${pick(p.message, this.locale)}`));
      }
    }
    const inline = config.get<unknown[]>('usage.meterMappings', []);
    if (inline.length) {
      const read = readMeterMappingValue(inline);
      entries.push(...read.entries);
      problems.push(...read.problems.map((p) => `${section}.usage.meterMappings ${p.at}: ${pick(p.message, this.locale)}`));
    }
    return entries;
  }

  private markup(): Markup {
    const config = vscode.workspace.getConfiguration(section);
    const all = config.get<number | null>('usage.markupPercent', null);
    const customers = Object.entries(config.get<Record<string, unknown>>('usage.customerMarkupPercent', {}))
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]))
      .map(([customer, percent]) => ({ customer, percent }));
    return { ...(typeof all === 'number' && Number.isFinite(all) ? { all } : {}), customers };
  }

  /** Everything pricing needs, read now; what cannot be read is logged and named, and the rest still prices. */
  async load(): Promise<LoadedPrices> {
    const problems: string[] = [];
    const files = this.remembered();
    const microsoft = (await Promise.all(files.microsoft.map((uri) => this.readRemembered(uri, 'microsoft', problems)))).filter((l): l is PriceList => l !== undefined);
    const resaleList = files.resale ? await this.readRemembered(files.resale, 'resale', problems) : undefined;
    const book = new MeterBook(await this.mapping(problems));
    const markup = this.markup();
    for (const problem of problems) this.log.warn(problem);
    const inputs: PricingInputs = { book, microsoft, resale: resaleList ? [resaleList] : [], markup };
    return { inputs, problems, any: microsoft.length > 0 || resaleList !== undefined || markup.all !== undefined || (markup.customers?.length ?? 0) > 0 };
  }
}

export async function importPriceList(sources: PriceSources, ui: UserInput, file?: vscode.Uri): Promise<PriceList> {
  const uri = file ?? await ui.openUri({
    title: vscode.l10n.t('Import Price List'),
    openLabel: vscode.l10n.t('Import'),
    filters: { [vscode.l10n.t('Price lists')]: ['csv', 'xlsx', 'json'] },
  });
  const list = await sources.import(uri);
  void ui.notify('info', vscode.l10n.t('Imported {0}: {1} prices from {2} rows. Usage reports of this workspace are priced with it.',
    uri.path.replace(/^.*\//, ''), list.entries.length, list.rows));
  return list;
}

export async function removePriceList(sources: PriceSources, ui: UserInput): Promise<string | undefined> {
  const files = sources.remembered();
  const all = [...files.microsoft.map((uri) => ({ uri, kind: vscode.l10n.t("Microsoft's prices") })), ...(files.resale ? [{ uri: files.resale, kind: vscode.l10n.t('Resale prices') }] : [])];
  if (!all.length) throw new UserFacingError(vscode.l10n.t('No price list imported in this workspace.'));
  const chosen = await ui.pick(all.map((f) => ({ label: vscode.Uri.parse(f.uri).path.replace(/^.*\//, ''), description: f.kind, detail: f.uri, uri: f.uri })),
    { title: vscode.l10n.t('Remove Price List') });
  await sources.forget(chosen.uri);
  return chosen.uri;
}
