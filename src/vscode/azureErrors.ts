// How an Azure failure reads to the user: one line naming the documented code (or what happened), and the cause,
// the remedy and the IDs to quote to support. Used by tree error nodes, notifications and the log.
import * as vscode from 'vscode';
import type { AzureFailure } from '../azure/errors';
import { pick, type Locale } from '../core/l10n';
import { UserFacingError } from './infrastructure/commands';

export interface FailureText {
  /** One line: "MetadataResolverBadGatewayError: an upstream server answered with an unexpected error". */
  summary: string;
  /** Markdown: cause, what to do, and the correlation ID. */
  explanation: string;
}

function happened(failure: AzureFailure): string {
  switch (failure.kind) {
    case 'notSignedIn': return vscode.l10n.t('Azure did not accept the sign-in; sign in again.');
    case 'network': return failure.code === 'Timeout' ? vscode.l10n.t('Azure did not answer in time.') : vscode.l10n.t('Azure could not be reached ({0}).', failure.code);
    case 'invalidResponse': return vscode.l10n.t('Azure sent an answer that could not be read.');
    case 'cancelled': return vscode.l10n.t('Cancelled.');
    case 'untrusted':
    case 'service':
    case 'unexpected':
      return failure.serviceMessage ?? failure.code;
  }
}

export function describeFailure(failure: AzureFailure, locale: Locale): FailureText {
  const documented = failure.documented;
  const cause = documented ? pick(documented.cause, locale) : happened(failure);
  const summary = documented || failure.kind === 'service' ? `${failure.code}: ${cause}` : cause;
  const lines = [`**${failure.code}**${failure.status ? ` (HTTP ${failure.status})` : ''}`, '', cause];
  if (documented) lines.push('', `${vscode.l10n.t('What to do')}: ${pick(documented.remedy, locale)}`);
  else if (failure.transient) lines.push('', vscode.l10n.t('This may pass: try again in a moment.'));
  if (failure.writeOutcome === 'unknown') lines.push('', vscode.l10n.t('The change may or may not have been made: Refresh to see the current state before trying again.'));
  if (failure.writeOutcome === 'notApplied') lines.push('', vscode.l10n.t('Checked afterwards: the change was not made.'));
  if (failure.correlationId) lines.push('', vscode.l10n.t('Correlation ID for support: {0}', failure.correlationId));
  return { summary, explanation: lines.join('\n') };
}

/** An AzureFailure as an error the command boundary shows: the summary as the message, the rest as detail. */
export function failureError(failure: AzureFailure, locale: Locale): UserFacingError {
  const { summary, explanation } = describeFailure(failure, locale);
  const signIn = failure.kind === 'notSignedIn' ? { title: vscode.l10n.t('Sign In'), command: 'azureStackCsp.signIn' } : undefined;
  return new UserFacingError(summary, explanation.replace(/\*\*/g, ''), signIn);
}
