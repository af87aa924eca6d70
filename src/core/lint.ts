// Placeholder linter for the foundation: flags retired AzureRM cmdlets. Replaced by the full rule engine.
export interface Finding {
  code: string;
  message: string;
  start: number;
  end: number;
}

export function lint(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(/\b(?:Login|New|Get|Remove)-AzureRm\w+/g)) {
    findings.push({ code: 'AZS402', message: `${match[0]} is a retired AzureRM cmdlet.`, start: match.index, end: match.index + match[0].length });
  }
  return findings;
}
