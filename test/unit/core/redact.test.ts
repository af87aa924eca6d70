import * as assert from 'node:assert/strict';
import { redact } from '../../../src/core/redact';

describe('core/redact', () => {
  it('masks tokens, secrets and passwords in every shape they reach a log', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl';
    const text = [
      `Authorization: Bearer ${jwt}`,
      'client_secret=s3cr3t-Value&grant_type=client_credentials',
      '{"access_token":"abc.def.ghi","expires_in":3599}',
      'password: Hunter2!',
      'https://x.blob.core.windows.net/c?sv=2020&sig=AbCdEf%2B',
    ].join('\n');
    const masked = redact(text);
    for (const secret of [jwt, 's3cr3t-Value', 'abc.def.ghi', 'Hunter2!', 'AbCdEf%2B']) assert.ok(!masked.includes(secret), secret);
    assert.match(masked, /grant_type=client_credentials/);
    assert.match(masked, /"expires_in":3599/);
  });

  it('masks values the caller names, but not short ordinary words', () => {
    assert.equal(redact('secret is Sandbox-Secret-42 here', ['Sandbox-Secret-42']), 'secret is *** here');
    assert.equal(redact('an id of abc', ['abc']), 'an id of abc');
  });

  it('leaves ordinary request lines alone', () => {
    const line = 'GET /subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf/providers/Microsoft.AzureStack/registrations 200 41 ms';
    assert.equal(redact(line), line);
  });
});
