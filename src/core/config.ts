// The per-rule severity setting (`azureStackCsp.lint.rules`, `.azs-lint.json`): rule codes or globs such as "AZS4*"
// mapped to a severity or "off". An exact code wins over a glob; among globs the last one that matches wins.
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

/** What is wrong with a configuration read from a file or a setting; empty when it is usable. */
export function configProblems(config: unknown): string[] {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return ['the configuration must be a JSON object that maps rule codes to severities'];
  return Object.entries(config).flatMap(([key, value]) => {
    const problems: string[] = [];
    if (!ruleCodes.some((code) => globPattern(key).test(code))) problems.push(`"${key}" names no rule (rules are ${ruleCodes[0]}…${ruleCodes[ruleCodes.length - 1]}; globs such as "AZS4*" are allowed)`);
    if (typeof value !== 'string' || ![...severities, 'off'].includes(value)) problems.push(`"${key}": ${JSON.stringify(value)} is not one of ${[...severities, 'off'].join(', ')}`);
    return problems;
  });
}
