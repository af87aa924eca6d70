// Mapping of failures that need no service: cancel, time limit, sign-in errors and values that are not errors.
// ARM error answers are mapped in registrations.test.ts, from the emulator's real responses.
import * as assert from 'node:assert/strict';
import { CredentialUnavailableError } from '@azure/identity';
import { RestError } from '@azure/core-rest-pipeline';
import { AzureFailure, toAzureFailure } from '../../../src/azure/errors';

const abortError = () => Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
const summary = (f: AzureFailure) => [f.kind, f.code, f.transient];

describe('azure/errors', () => {
  it('tells a cancel from a time limit', () => {
    assert.deepEqual(summary(toAzureFailure(abortError())), ['cancelled', 'Cancelled', false]);
    assert.deepEqual(summary(toAzureFailure(abortError(), { timedOut: true })), ['network', 'Timeout', true]);
  });

  it('maps sign-in errors to "not signed in" and connection errors to transient network failures', () => {
    assert.deepEqual(summary(toAzureFailure(new CredentialUnavailableError('az is not installed'))), ['notSignedIn', 'CredentialUnavailableError', false]);
    assert.deepEqual(summary(toAzureFailure(new RestError('socket hang up', { code: 'ECONNRESET' }))), ['network', 'ECONNRESET', true]);
  });

  it('keeps the documented cause and remedy for one of the eight codes, and ARM text for others', () => {
    const documented = new AzureFailure({ kind: 'service', code: 'UnauthorizedCspRegistration', status: 403, transient: false });
    assert.equal(documented.message, 'UnauthorizedCspRegistration: The registration has not been approved by Microsoft for multi-tenancy.');
    assert.equal(documented.documented?.remedy.sv.startsWith('Be Microsoft'), true);
    const other = new AzureFailure({ kind: 'service', code: 'ResourceGroupNotFound', status: 404, serviceMessage: "Resource group 'x' could not be found.", transient: false });
    assert.deepEqual([other.message, other.documented], ["ResourceGroupNotFound: Resource group 'x' could not be found.", undefined]);
  });

  it('keeps everything of a failure made by another copy of this module (the separately bundled Azure SDK)', () => {
    const fromOtherBundle = Object.assign(new Error('MetadataResolverBadGatewayError: …'), {
      name: 'AzureFailure', kind: 'service', code: 'MetadataResolverBadGatewayError', status: 502, transient: true, correlationId: 'c0ffee', writeOutcome: 'notApplied',
    });
    const failure = toAzureFailure(fromOtherBundle);
    assert.ok(failure instanceof AzureFailure);
    assert.deepEqual([failure.kind, failure.code, failure.status, failure.transient, failure.correlationId, failure.writeOutcome],
      ['service', 'MetadataResolverBadGatewayError', 502, true, 'c0ffee', 'notApplied']);
    assert.match(failure.documented?.remedy.en ?? '', /Try again in a few minutes/);
  });

  it('never throws, whatever is thrown at it', () => {
    for (const value of [undefined, null, 'text', 42, { name: 42 }, Object.create(null) as object, new TypeError('x is undefined')]) {
      const failure = toAzureFailure(value);
      assert.equal(failure.kind, 'unexpected', typeof value);
    }
  });

  it('records what a follow-up read found out about a write, keeping everything else', () => {
    const lost = new AzureFailure({ kind: 'service', code: 'InternalServerError', status: 500, correlationId: 'c-1', transient: true });
    const told = lost.withWriteOutcome('notApplied');
    assert.deepEqual([told.writeOutcome, told.code, told.status, told.correlationId, told.transient], ['notApplied', 'InternalServerError', 500, 'c-1', true]);
  });
});
