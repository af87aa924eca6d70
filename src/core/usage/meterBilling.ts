// What Microsoft bills of each local meter, and the commerce meter it is billed as. A pay-as-you-use registration
// is charged for workload VMs in vCore hours, storage capacity and App Service vCore hours; the stamp reports many
// more meters than that, and their IDs are not the commerce IDs (except App Service's). There is no official table,
// so these defaults follow Microsoft's public statements and a mapping file (JSON, see schemas/meter-mapping.schema.json)
// adds meters or overrides what is said here.
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { Localized } from '../l10n';
import { findMeter, meterCatalog, meterKey, type MeterUnit } from './meters';
import { parseUnitOfMeasure } from './units';

export type BilledBy = 'microsoft' | 'local';

/** The meter Azure commerce bills: by ID where it is the local one's too, by name (as price lists write it) otherwise. */
export interface CommerceMeter {
  id?: string;
  names: string[];
}

export interface MeterFacts {
  meterId: string;
  name: string;
  /** In the catalogue or the mapping; an unknown meter is still reported, by its ID. */
  known: boolean;
  unit: MeterUnit | undefined;
  billedBy: BilledBy | 'unknown';
  commerce: CommerceMeter | undefined;
  why: Localized;
  /** Where the billing facts come from. */
  source: 'catalogue' | 'mapping';
}

/** One entry of a mapping file or of the `meterMappings` setting. */
export interface MeterMappingEntry {
  meter: string;
  billedByMicrosoft?: boolean;
  commerceMeterId?: string;
  commerceMeterName?: string | string[];
  name?: string;
  unit?: string;
}

const why = {
  vCore: { en: 'Microsoft bills workload VMs by vCore hours, one rate for every VM size.', sv: 'Microsoft debiterar arbetslastens VM per vCore-timme, ett pris för alla VM-storlekar.' },
  storage: { en: 'Microsoft bills storage capacity.', sv: 'Microsoft debiterar lagringskapacitet.' },
  appService: { en: 'Microsoft bills App Service by its virtual core hours.', sv: 'Microsoft debiterar App Service per virtuell kärntimme.' },
  vmHours: { en: 'Counts VM hours without cores: informational, not billed.', sv: 'Räknar VM-timmar utan kärnor: information, debiteras inte.' },
  appServiceLocal: {
    en: 'For the CSP to charge its own tenants; Microsoft bills App Service by vCore hours only.',
    sv: 'För CSP:n att debitera sina egna kunder; Microsoft debiterar App Service endast per vCore-timme.',
  },
  local: {
    en: 'Not among what Microsoft bills a pay-as-you-use registration for (VMs in vCore hours, storage capacity, App Service vCore hours).',
    sv: 'Inte bland det Microsoft debiterar en registrering med betalning per användning för (VM per vCore-timme, lagringskapacitet, App Service per vCore-timme).',
  },
  mapped: { en: 'As the meter mapping says.', sv: 'Enligt mätarmappningen.' },
  unknown: { en: 'A meter neither the catalogue nor the mapping knows.', sv: 'En mätare som varken katalogen eller mappningen känner till.' },
} satisfies Record<string, Localized>;

/** Microsoft-billed meters of the catalogue, with the commerce meter each maps to. */
const billedDefaults: [localId: string, commerce: CommerceMeter, reason: Localized][] = [
  ['FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5', { names: ['Base VM', 'Base Virtual Machine', 'Base VM vCPU'] }, why.vCore],
  ['9CD92D4C-BAFD-4492-B278-BEDC2DE8232A', { names: ['Windows Server VM', 'Windows VM', 'Windows Server Virtual Machine'] }, why.vCore],
  ['B5C15376-6C94-4FDD-B655-1A69D138ACA3', { names: ['Blob Storage', 'Blob Capacity'] }, why.storage],
  ['09F8879E-87E9-4305-A572-4B7BE209F857', { names: ['Blob Storage', 'Blob Capacity'] }, why.storage],
  ['B4438D5D-453B-4EE1-B42A-DC72E377F1E4', { names: ['Table and Queue Storage', 'Tables and Queues'] }, why.storage],
  ['B03C6AE7-B080-4BFA-84A3-22C800F315C6', { names: ['Table and Queue Storage', 'Tables and Queues'] }, why.storage],
  ['190c935e-9ada-48ff-9ab8-56ea1cf9adaa', { id: '190c935e-9ada-48ff-9ab8-56ea1cf9adaa', names: ['App Service'] }, why.appService],
];

const billed = new Map(billedDefaults.map(([id, commerce, reason]) => [meterKey(id), { commerce, reason }]));

/** Names as price lists and people write them: case, spaces, non-breaking spaces and dashes do not matter. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[\u00a0\u202f\s]+/g, ' ').replace(/[\u2010-\u2015\u2212]/g, '-').trim();
}

function catalogueFacts(meterId: string): MeterFacts {
  const meter = findMeter(meterId);
  if (!meter) return { meterId, name: meterId, known: false, unit: undefined, billedBy: 'unknown', commerce: undefined, why: why.unknown, source: 'catalogue' };
  const billing = billed.get(meterKey(meterId));
  const localWhy = meter.id.toUpperCase().startsWith('6DAB500F') ? why.vmHours : meter.category === 'appService' ? why.appServiceLocal : why.local;
  return {
    meterId: meter.id, name: meter.name, known: true, unit: meter.unit, source: 'catalogue',
    billedBy: billing ? 'microsoft' : 'local', commerce: billing?.commerce, why: billing?.reason ?? localWhy,
  };
}

const guidLike = /^[{(]?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}[)}]?$/i;
const catalogueByName = new Map([...meterCatalog.values()].map((meter) => [nameKey(meter.name), meter.id]));

/** The local meter ID an entry's `meter` names (an ID, or a catalogue name), or undefined. */
export function localMeterId(meter: string): string | undefined {
  const text = meter.trim();
  if (guidLike.test(text)) return text.replace(/[{}()]/g, '');
  return catalogueByName.get(nameKey(text));
}

function asNames(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((n) => n.trim()).filter(Boolean);
}

function applyMapping(base: MeterFacts, entry: MeterMappingEntry): MeterFacts {
  const names = asNames(entry.commerceMeterName);
  const commerce = entry.commerceMeterId || names.length
    ? { ...(entry.commerceMeterId ? { id: entry.commerceMeterId.trim() } : {}), names }
    : base.commerce;
  const measure = entry.unit ? parseUnitOfMeasure(entry.unit) : undefined;
  const unit = measure ? { en: entry.unit!, sv: entry.unit!, measure } : base.unit;
  const billedBy = entry.billedByMicrosoft === undefined ? (base.billedBy === 'unknown' && commerce ? 'microsoft' : base.billedBy)
    : entry.billedByMicrosoft ? 'microsoft' : 'local';
  return { ...base, name: entry.name?.trim() || base.name, known: true, unit, billedBy, commerce, why: why.mapped, source: 'mapping' };
}

/** Billing facts per meter: the catalogue's, overridden by mapping entries (later entries win). */
export class MeterBook {
  private readonly overrides = new Map<string, MeterMappingEntry>();
  private readonly cache = new Map<string, MeterFacts>();

  constructor(entries: MeterMappingEntry[] = []) {
    for (const entry of entries) {
      const id = localMeterId(entry.meter);
      if (id) this.overrides.set(meterKey(id), { ...this.overrides.get(meterKey(id)), ...entry });
    }
  }

  facts(meterId: string): MeterFacts {
    const key = meterKey(meterId);
    let found = this.cache.get(key);
    if (!found) {
      const override = this.overrides.get(key);
      const base = catalogueFacts(meterId);
      found = override ? applyMapping(base, override) : base;
      this.cache.set(key, found);
    }
    return found;
  }

  /** The local meter a resale list's `meter` column names: an ID, a catalogue name, or a name the mapping gives. */
  meterNamed(text: string): string | undefined {
    const id = localMeterId(text);
    if (id) return meterKey(id);
    const wanted = nameKey(text);
    for (const [key, entry] of this.overrides) if (entry.name && nameKey(entry.name) === wanted) return key;
    return undefined;
  }
}

export interface MappingProblem {
  /** Where in the file: `meters[2].unit`, or empty for the file as a whole. */
  at: string;
  message: Localized;
}

const entryKeys = new Set(['meter', 'billedByMicrosoft', 'commerceMeterId', 'commerceMeterName', 'name', 'unit']);

function checkEntry(value: unknown, at: string): { entry?: MeterMappingEntry; problems: MappingProblem[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problems: [{ at, message: { en: 'An entry must be an object.', sv: 'En post måste vara ett objekt.' } }] };
  const fields = value as Record<string, unknown>;
  const problems: MappingProblem[] = [];
  const textField = (key: string) => fields[key] === undefined || typeof fields[key] === 'string';
  for (const key of Object.keys(fields)) {
    if (!entryKeys.has(key)) problems.push({ at: `${at}.${key}`, message: { en: `Unknown property ${key}.`, sv: `Okänd egenskap ${key}.` } });
  }
  if (typeof fields.meter !== 'string' || !localMeterId(fields.meter)) {
    problems.push({ at: `${at}.meter`, message: { en: 'meter must be a local meter ID (a GUID) or a meter name the catalogue knows.', sv: 'meter måste vara ett lokalt mätar-ID (ett GUID) eller ett mätarnamn som katalogen känner till.' } });
  }
  if (fields.billedByMicrosoft !== undefined && typeof fields.billedByMicrosoft !== 'boolean') problems.push({ at: `${at}.billedByMicrosoft`, message: { en: 'billedByMicrosoft must be true or false.', sv: 'billedByMicrosoft måste vara true eller false.' } });
  for (const key of ['commerceMeterId', 'name', 'unit']) if (!textField(key)) problems.push({ at: `${at}.${key}`, message: { en: `${key} must be text.`, sv: `${key} måste vara text.` } });
  const names = fields.commerceMeterName;
  if (names !== undefined && typeof names !== 'string' && !(Array.isArray(names) && names.every((n) => typeof n === 'string'))) {
    problems.push({ at: `${at}.commerceMeterName`, message: { en: 'commerceMeterName must be text or a list of texts.', sv: 'commerceMeterName måste vara text eller en lista med texter.' } });
  }
  if (typeof fields.unit === 'string' && !parseUnitOfMeasure(fields.unit)) {
    problems.push({ at: `${at}.unit`, message: { en: `The unit "${fields.unit}" is not one this tool can convert (e.g. "1 Hour", "1 GB/Month", "10K").`, sv: `Enheten "${fields.unit}" kan inte räknas om (t.ex. "1 Hour", "1 GB/Month", "10K").` } });
  }
  return problems.length ? { problems } : { entry: fields as unknown as MeterMappingEntry, problems };
}

/** Entries of a mapping given as a list (the setting) or as `{"meters": [...]}` (a file); entries with problems are left out and named. */
export function readMeterMappingValue(value: unknown): { entries: MeterMappingEntry[]; problems: MappingProblem[] } {
  const list = Array.isArray(value) ? value : (value as { meters?: unknown } | null)?.meters;
  if (!Array.isArray(list)) return { entries: [], problems: [{ at: '', message: { en: 'Expected {"meters": [ … ]}.', sv: 'Förväntade {"meters": [ … ]}.' } }] };
  const entries: MeterMappingEntry[] = [];
  const problems: MappingProblem[] = [];
  list.forEach((item, i) => {
    const checked = checkEntry(item, `meters[${i}]`);
    if (checked.entry) entries.push(checked.entry);
    problems.push(...checked.problems);
  });
  return { entries, problems };
}

/** A mapping file's text (JSON, comments allowed). */
export function readMeterMapping(text: string): { entries: MeterMappingEntry[]; problems: MappingProblem[] } {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true });
  if (errors.length) return { entries: [], problems: [{ at: '', message: { en: `Not valid JSON (at offset ${errors[0].offset}).`, sv: `Inte giltig JSON (vid position ${errors[0].offset}).` } }] };
  return readMeterMappingValue(value);
}
