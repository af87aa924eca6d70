// Onboarding many customers at once: a CSV of customer subscription ID, tenant (directory) ID and an optional
// label. Reading it finds every problem before anything is sent; planning it against the tenants a registration
// already has skips what is there, so running the same file again after a failure sends nothing twice.
import { parseCsv } from './csv';
import { findPlaceholder, isGuid, repairGuid } from './ids';
import type { Localized } from './l10n';
import { decideAdd } from './tenantAdd';

export interface TenantRow {
  /** 1-based line in the file. */
  line: number;
  customerSubscriptionId: string;
  tenantId: string;
  label: string;
  problem?: Localized;
}

export type PlannedRow =
  | (TenantRow & { action: 'add' })
  | (TenantRow & { action: 'skip'; reason: 'present' })
  | (TenantRow & { action: 'invalid'; problem: Localized });

const headerWords = /subscription|tenant|directory|label|customer/i;

function checkId(value: string, what: Localized): Localized | undefined {
  if (!value) return { en: `${what.en} is missing.`, sv: `${what.sv} saknas.` };
  if (findPlaceholder(value)) return { en: `${what.en} is a placeholder: ${value}`, sv: `${what.sv} är en platshållare: ${value}` };
  if (!isGuid(value)) return { en: `${what.en} is not a GUID: ${value}`, sv: `${what.sv} är inget GUID: ${value}` };
  return undefined;
}

const unclosedQuoteProblem: Localized = {
  en: 'A quote (") opens a field on this line and is never closed; the line is read as if it were text. Close the quote or remove it.',
  sv: 'Ett citattecken (") inleder ett fält på den här raden men avslutas aldrig; raden läses som om det vore text. Avsluta citatet eller ta bort det.',
};

const customerSubscription = { en: 'The customer subscription ID', sv: 'Kundprenumerationens ID' };
const directory = { en: 'The tenant (directory) ID', sv: 'Klientens katalog-ID' };

/** The rows of a tenant CSV, each with its first problem; a header row is recognised and skipped. */
export function readTenantRows(text: string): TenantRow[] {
  const records = parseCsv(text);
  if (records[0] && records[0].fields.some((f) => headerWords.test(f)) && !records[0].fields.some((f) => isGuid(f.trim()))) records.shift();
  const seen = new Map<string, number>();
  return records.map(({ line, fields, unclosedQuote }) => {
    // Braces and missing hyphens are harmless: tidy them rather than refuse the row.
    const tidy = (value: string | undefined) => repairGuid(value?.trim() ?? '') ?? (value?.trim() ?? '');
    const row: TenantRow = { line, customerSubscriptionId: tidy(fields[0]), tenantId: tidy(fields[1]), label: fields[2]?.trim() ?? '' };
    const problem = unclosedQuote ? unclosedQuoteProblem : checkId(row.customerSubscriptionId, customerSubscription) ?? checkId(row.tenantId, directory);
    const key = row.customerSubscriptionId.toLowerCase();
    const earlier = seen.get(key);
    if (problem) row.problem = problem;
    else if (earlier !== undefined) {
      row.problem = { en: `The customer subscription is already on line ${earlier}.`, sv: `Kundprenumerationen finns redan på rad ${earlier}.` };
    } else seen.set(key, line);
    return row;
  });
}

/**
 * What applying the rows would do, given the tenants the registration has now (customer subscription → tenant ID).
 * A customer subscription that is present with another tenant ID is not sent: a PUT would silently move it, and
 * moving one is a choice made one at a time (Add Tenant asks, naming both directories).
 */
export function planTenantRows(rows: TenantRow[], present: Map<string, string | undefined>): PlannedRow[] {
  return rows.map((row): PlannedRow => {
    if (row.problem) return { ...row, action: 'invalid', problem: row.problem };
    const key = row.customerSubscriptionId.toLowerCase();
    const decision = decideAdd(present.has(key) ? { tenantId: present.get(key) } : undefined, row.tenantId);
    if (decision.kind === 'add') return { ...row, action: 'add' };
    if (decision.kind === 'present') return { ...row, action: 'skip', reason: 'present' };
    return {
      ...row, action: 'invalid',
      problem: {
        en: `The customer subscription is already in the registration with tenant ID ${decision.presentTenantId}; to move it to another directory, use Add Tenant to Registration, which asks first.`,
        sv: `Kundprenumerationen finns redan i registreringen med klient-ID ${decision.presentTenantId}; flytta den till en annan katalog med Lägg till klient i registrering, som frågar först.`,
      },
    };
  });
}
