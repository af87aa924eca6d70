import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { redact, SecretMask, secretsInEnvironment, secretsInSettings, secretVariants } from '../../../src/core/redact';

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

  it('masks the spellings that used to slip through: camelCase, spaces in JSON strings, Pwd=, any Authorization scheme', () => {
    assert.equal(redact('{"clientSecret":"Abc.def~123"}'), '{"clientSecret":"***"}');
    assert.equal(redact('{"password":"two words", "user":"sa"}'), '{"password":"***", "user":"sa"}');
    assert.equal(redact('{"password": "with \\"quotes\\" inside"}'), '{"password": "***"}');
    assert.equal(redact('Server=tcp:db;User ID=sa;Pwd=pass word,1;Encrypt=true'), 'Server=tcp:db;User ID=sa;Pwd=***;Encrypt=true');
    assert.equal(redact('Pwd={a;b}; Timeout=5'), 'Pwd={***}; Timeout=5');
    assert.equal(redact('authorization: SharedKey acct:c2lnbmF0dXJl'), 'authorization: ***');
    assert.equal(redact('AZURE_CLIENT_SECRET=Q~abc.def'), 'AZURE_CLIENT_SECRET=***');
    assert.equal(redact("Connect-AzAccount -ServicePrincipal -ClientSecret 'P@ss w0rd'"), "Connect-AzAccount -ServicePrincipal -ClientSecret '***'");
    assert.equal(redact('https://admin:S3cret!@stamp.example/x'), 'https://admin:***@stamp.example/x');
    assert.equal(redact('{"password": "unclosed'), '{"password": "***');
  });

  it('masks values the caller names in each spelling, but not short ordinary words', () => {
    assert.equal(redact('secret is Sandbox-Secret-42 here', ['Sandbox-Secret-42']), 'secret is *** here');
    assert.equal(redact('an id of abc', ['abc']), 'an id of abc');
    const mask = new SecretMask();
    mask.add('p@ss "quoted" word');
    assert.equal(mask.clean(`form p%40ss%20%22quoted%22%20word, json {"v":${JSON.stringify('p@ss "quoted" word')}}`), 'form ***, json {"v":"***"}');
    assert.deepEqual(secretVariants('abc'), [], 'too short to mask without masking words');
  });

  it('leaves ordinary request lines and messages alone', () => {
    for (const line of [
      'GET /subscriptions/dd8597b4-8739-4467-8b10-f8679f62bfbf/providers/Microsoft.AzureStack/registrations (api-version 2017-06-01) → 200 in 41 ms',
      'RegistrationNotFound: the registration named in the request does not exist.',
      '{"error":{"code":"InvalidAuthenticationTokenAudience","message":"The access token has an invalid audience."}}',
      'Kept in VS Code secret storage, never in settings or logs.',
    ]) assert.equal(redact(line), line);
  });

  it('finds the secrets of the environment and of settings, and nothing else', () => {
    assert.deepEqual(secretsInEnvironment({
      AZURE_CLIENT_SECRET: 'env-secret-1', AZURE_CLIENT_CERTIFICATE_PASSWORD: 'env-secret-2', AZURE_CLIENT_ID: 'id', PWD: '/home/me', OLDPWD: '/tmp', GITHUB_TOKEN: 'env-secret-3',
    }).sort(), ['env-secret-1', 'env-secret-2', 'env-secret-3']);
    assert.deepEqual(secretsInSettings({ stamps: [{ name: 'x', clientSecret: 'setting-secret' }], signIn: { clientId: 'id' } }), ['setting-secret']);
  });

  describe('property: no secret embedded in a log line or a message is ever printed', () => {
    const lower = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const symbols = '!@#%^*()_+-=[]{}|:.,<>?/~ ';
    const chars = (alphabet: string) => fc.constantFrom(...alphabet);
    /** Random text around the secret: no upper-case letters, so it can never contain a secret by chance. */
    const noise = fc.string({ unit: chars(`${lower} .,:()/-`), maxLength: 40 });
    /** A secret: starts upper-case (nothing around it does), then any of `alphabet`. */
    const secret = (alphabet: string) => fc.tuple(chars(upper), fc.string({ unit: chars(alphabet), minLength: 7, maxLength: 40 })).map(([first, rest]) => `${first}${rest}`);
    const anything = `${lower}${upper}${symbols}"'\\&;`;
    const plain = `${lower}${upper}${symbols}`.replace(/[{ ]/g, '');
    const tokenChars = `${lower}${upper}-._~+/`;
    const base64url = (value: string) => Buffer.from(value).toString('base64url');

    /** A spelling: the secret as it is written into the text, and the form it takes there (the one that must not appear). */
    interface Spelled { text: string; secrets: string[] }
    const spellings: fc.Arbitrary<Spelled>[] = [
      fc.tuple(fc.constantFrom('clientSecret', 'client_secret', 'password', 'Password', 'AZURE_CLIENT_SECRET', 'access_token', 'refresh_token', 'apiKey', 'AccountKey'), secret(anything))
        .map(([key, s]) => ({ text: `{"${key}":${JSON.stringify(s)},"expires_in":3599}`, secrets: [s, JSON.stringify(s).slice(1, -1)] })),
      secret(anything).map((s) => ({ text: `client_secret=${encodeURIComponent(s)}&grant_type=client_credentials`, secrets: [s, encodeURIComponent(s)] })),
      secret(anything).map((s) => ({ text: `https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sig=${encodeURIComponent(s)}`, secrets: [s, encodeURIComponent(s)] })),
      fc.tuple(fc.constantFrom('Pwd', 'Password', 'password', 'AccountKey', 'SharedAccessKey'), secret(plain))
        .map(([key, s]) => ({ text: `Server=tcp:db.example,1433;User ID=sa;${key}=${s};Encrypt=True`, secrets: [s] })),
      secret(plain).map((s) => ({ text: `password: ${s}`, secrets: [s] })),
      secret(tokenChars).map((s) => ({ text: `Authorization: Bearer ${s}`, secrets: [s] })),
      secret(tokenChars).map((s) => ({ text: `sent with Bearer ${s}`, secrets: [s] })),
      secret(anything).map((s) => ({ text: `Authorization: Basic ${Buffer.from(s).toString('base64')}`, secrets: [Buffer.from(s).toString('base64')] })),
      fc.tuple(fc.string({ minLength: 4, maxLength: 40 }), fc.string({ minLength: 8, maxLength: 40 })).map(([claim, signature]) => {
        const token = `${base64url('{"alg":"RS256","typ":"JWT"}')}.${base64url(JSON.stringify({ sub: claim, aud: 'https://management.azure.com' }))}.${base64url(signature)}`;
        return { text: `token ${token} expires`, secrets: [token] };
      }),
      fc.tuple(fc.constantFrom('-ClientSecret', '-Password', '-CertificatePassword'), secret(plain.replace("'", ''))).map(([name, s]) => ({ text: `Connect-AzAccount ${name} '${s}'`, secrets: [s] })),
      secret(plain.replace(/[@/:]/g, '')).map((s) => ({ text: `https://admin:${encodeURIComponent(s)}@stamp.example/adfs`, secrets: [s, encodeURIComponent(s)] })),
    ];
    /** A secret the extension registered (secret storage, the environment), written anywhere, in any spelling. */
    const registered = fc.tuple(secret(anything), fc.constantFrom<(s: string) => string>((s) => s, encodeURIComponent, (s) => JSON.stringify(s)))
      .map(([s, spell]) => ({ text: spell(s), secrets: [s], register: s }));
    const piece = fc.oneof(...spellings.map((a) => a.map((p) => ({ ...p, register: undefined as string | undefined }))), registered);
    const message = fc.array(fc.tuple(noise, piece, noise), { minLength: 1, maxLength: 4 });

    it('in random log lines and messages, each spelling, each registered secret', () => {
      fc.assert(fc.property(message, fc.constantFrom(' ', '\n', ': '), (parts, separator) => {
        const mask = new SecretMask();
        for (const [, p] of parts) mask.add(p.register);
        const text = parts.map(([before, p, after]) => `${before} ${p.text} ${after}`).join(separator);
        const shown = mask.clean(text);
        for (const [, p] of parts) for (const s of p.secrets) assert.ok(!shown.includes(s), `printed ${JSON.stringify(s)} in ${JSON.stringify(shown)}`);
      }), { numRuns: 600, seed: 1212 });
    });
  });
});
