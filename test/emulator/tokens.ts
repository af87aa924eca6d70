// Access tokens shaped like the identity platform's JWTs (header.payload.signature), signed with a key that lives
// only in this process, so a token is checked without storing it. "Expire all" bumps a generation number: every
// token issued before that stops working at once, as after a revoked session.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  oid: string;
  sub: string;
  iat: number;
  nbf: number;
  exp: number;
  /** The emulator's token generation when it was issued. */
  gen: number;
  uti: string;
  ver: string;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; code: 'InvalidAuthenticationToken' | 'ExpiredAuthenticationToken'; message: string };

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export class TokenIssuer {
  private readonly key = randomBytes(32);
  private generation = 0;

  issue(grant: { audience: string; issuer: string; tenantId: string; clientId: string; lifetimeSeconds: number }): { token: string; claims: TokenClaims } {
    const now = Math.floor(Date.now() / 1000);
    const claims: TokenClaims = {
      aud: grant.audience,
      iss: grant.issuer,
      tid: grant.tenantId,
      appid: grant.clientId,
      oid: grant.clientId,
      sub: grant.clientId,
      iat: now,
      nbf: now - 300,
      exp: now + grant.lifetimeSeconds,
      gen: this.generation,
      uti: randomUUID(),
      ver: '1.0',
    };
    return { token: this.sign(claims), claims };
  }

  /** A JWT-shaped string carrying `claims`, signed with this process's key (access tokens, id tokens, device codes). */
  sign(claims: object): string {
    const unsigned = `${base64url({ typ: 'JWT', alg: 'HS256', kid: 'azs-emulator' })}.${base64url(claims)}`;
    return `${unsigned}.${createHmac('sha256', this.key).update(unsigned).digest('base64url')}`;
  }

  /** The claims of a token this issuer signed, or undefined when the signature does not hold. */
  signedClaims(token: string): Record<string, unknown> | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const expected = createHmac('sha256', this.key).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
      return typeof claims === 'object' && claims !== null ? claims as Record<string, unknown> : undefined;
    } catch {
      return undefined;
    }
  }

  check(token: string): TokenCheck {
    const claims = this.signedClaims(token) as TokenClaims | undefined;
    if (claims?.ver !== '1.0') return { ok: false, code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' };
    const now = Math.floor(Date.now() / 1000);
    if (claims.exp <= now || claims.gen !== this.generation) {
      const expiry = new Date(Math.min(claims.exp, now) * 1000).toISOString();
      return {
        ok: false,
        code: 'ExpiredAuthenticationToken',
        message: `The access token expiry UTC time '${expiry}' is earlier than current UTC time '${new Date(now * 1000).toISOString()}'.`,
      };
    }
    return { ok: true, claims };
  }

  /** Every token issued so far stops working. */
  expireAll(): void {
    this.generation += 1;
  }
}
