// Facts as short strings, so parser tests read like the facts they expect. UNKNOWN shows as `?`.
import { UNKNOWN } from '../../../../src/core/ids';
import type { FileFacts, RegistrationRef, Value } from '../../../../src/core/facts';
import type { Span } from '../../../../src/core/text';

export function show(value: Value | undefined): string {
  return value === undefined ? '-' : value.text.split(UNKNOWN).join('?');
}

function ref(r: RegistrationRef): string {
  return `${show(r.subscriptionId)}/${show(r.resourceGroup)}/${show(r.name)}`;
}

export function tenantOperations(facts: FileFacts): string[] {
  return facts.tenantOperations.map((o) => {
    const missing = o.tenantIdMissingAt ? ' tenantId missing' : '';
    return `${o.action} ${ref(o.registration)} customer=${show(o.customerSubscriptionId)} tenant=${show(o.tenantId)}${missing}`;
  });
}

export function registrations(facts: FileFacts): string[] {
  return facts.registrations.map((d) => `${ref(d.ref)} billing=${show(d.billingModel?.value)}${d.billingModel?.implicit ? ' (default)' : ''}`);
}

/** The document text a span covers. */
export function textAt(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}
