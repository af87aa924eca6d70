// A throw-away certificate authority and a server certificate for 127.0.0.1, made with the openssl CLI (Node cannot
// make certificates). Clients trust the CA file: NODE_EXTRA_CA_CERTS for Node, REQUESTS_CA_BUNDLE for the Azure CLI.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TlsFiles {
  dir: string;
  caFile: string;
  key: Buffer;
  cert: Buffer;
}

const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export async function createTlsFiles(): Promise<TlsFiles> {
  const dir = mkdtempSync(join(tmpdir(), 'azs-emulator-'));
  const file = (name: string) => join(dir, name);
  await run('openssl', [
    'req', '-x509', ...ecKey, '-keyout', file('ca-key.pem'), '-out', file('ca.pem'), '-days', '30',
    '-subj', '/CN=Azure Stack CSP Tools emulator CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await run('openssl', ['req', ...ecKey, '-keyout', file('key.pem'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1']);
  writeFileSync(file('server.ext'), [
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectKeyIdentifier=hash',
    'authorityKeyIdentifier=keyid,issuer',
  ].join('\n'));
  await run('openssl', [
    'x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca-key.pem'), '-CAcreateserial',
    '-out', file('cert.pem'), '-days', '30', '-extfile', file('server.ext'),
  ]);
  return { dir, caFile: file('ca.pem'), key: readFileSync(file('key.pem')), cert: readFileSync(file('cert.pem')) };
}
