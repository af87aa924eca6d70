// The per-rule severity setting (`azureStackCsp.lint.rules`, `.azs-lint.json`): rule codes or globs such as "AZS4*"
// mapped to a severity or "off". An exact code wins over a glob; among globs the last one that matches wins.
import { pick, type Locale } from './l10n';
import { ruleCodes, type RuleCode, type Severity } from './rules/rule';

export type RuleSeverityConfig = Record<string, Severity | 'off'>;

export const severities: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

function globPattern(key: string): RegExp {
  const body = key.trim().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** The severity `config` gives `code`, or undefined when it says nothing about it. */
export function configuredSeverity(code: RuleCode, config: RuleSeverityConfig | undefined): Severity | 'off' | undefined {
  if (!config) return undefined;
  let found: Severity | 'off' | undefined;
  for (const [key, severity] of Object.entries(config)) {
    if (key.trim().toUpperCase() === code) return severity;
    if (/[*?]/.test(key) && globPattern(key).test(code)) found = severity;
  }
  return found;
}

const problemWords = {
  notObject: { en: 'the configuration must be a JSON object that maps rule codes to severities', sv: 'konfigurationen ska vara ett JSON-objekt som mappar regelkoder till allvarlighetsgrader' },
  noRule: { en: '"{key}" names no rule (rules are {first}…{last}; globs such as "AZS4*" are allowed)', sv: '"{key}" namnger ingen regel (reglerna är {first}…{last}; globmönster som "AZS4*" går bra)' },
  notSeverity: { en: '"{key}": {value} is not one of {severities}', sv: '"{key}": {value} är inte något av {severities}' },
};

/** What is wrong with a configuration read from a file or a setting, in `locale`; empty when it is usable. */
export function configProblems(config: unknown, locale: Locale): string[] {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return [pick(problemWords.notObject, locale)];
  return Object.entries(config).flatMap(([key, value]) => {
    const problems: string[] = [];
    if (!ruleCodes.some((code) => globPattern(key).test(code))) problems.push(pick(problemWords.noRule, locale, { key, first: ruleCodes[0], last: ruleCodes[ruleCodes.length - 1] }));
    if (typeof value !== 'string' || ![...severities, 'off'].includes(value)) problems.push(pick(problemWords.notSeverity, locale, { key, value: JSON.stringify(value), severities: [...severities, 'off'].join(', ') }));
    return problems;
  });
}
