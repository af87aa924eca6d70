// Large data sets made up on demand: registration r's tenant i is computed from a seed rather than stored, so
// 200 registrations × 5,000 tenants cost no memory. A generated customer subscription ID carries (r, i) in its last
// 12 hex digits, scrambled with a mask from the seed, so a lookup by ID needs no index.
import { createHash } from 'node:crypto';
import type { GeneratorSeed } from './stateFile';

function digest(...parts: (string | number)[]): Buffer {
  return createHash('sha256').update(parts.join('/')).digest();
}

/** Formats 16 bytes as a version-4 GUID (the version and variant bits are set). */
export function guidFromBytes(source: Buffer): string {
  const bytes = Buffer.from(source.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A GUID that is always the same for the same parts. */
export function stableGuid(...parts: (string | number)[]): string {
  return guidFromBytes(digest(...parts));
}

export class Generator {
  private readonly mask: Buffer;
  private readonly nameWidth: number;

  constructor(readonly seed: GeneratorSeed) {
    this.mask = digest(seed.seed, 'mask').subarray(0, 6);
    this.nameWidth = Math.max(3, String(seed.registrations).length);
  }

  registrationName(registration: number): string {
    return `${this.seed.namePrefix}-${String(registration + 1).padStart(this.nameWidth, '0')}`;
  }

  cloudId(registration: number): string {
    return stableGuid(this.seed.seed, 'cloud', registration);
  }

  objectId(registration: number): string {
    return stableGuid(this.seed.seed, 'object', registration);
  }

  /** Registration r's tenant i: its customer subscription ID and directory ID, from one hash (pages of 1,000 stay cheap). */
  tenant(registration: number, index: number): { customerSubscriptionId: string; tenantId: string } {
    const hash = digest(this.seed.seed, 'tenant', registration, index);
    const bytes = Buffer.alloc(16);
    hash.copy(bytes, 0, 0, 10);
    bytes.writeUInt16BE(registration, 10);
    bytes.writeUInt32BE(index, 12);
    for (let i = 0; i < 6; i++) bytes[10 + i] ^= this.mask[i];
    return { customerSubscriptionId: guidFromBytes(bytes), tenantId: guidFromBytes(hash.subarray(16)) };
  }

  /** Where a generated customer subscription ID comes from, or undefined when this generator did not make it. */
  locate(customerSubscriptionId: string): { registration: number; index: number } | undefined {
    const tail = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-([0-9a-f]{12})$/i.exec(customerSubscriptionId)?.[1];
    if (!tail) return undefined;
    const bytes = Buffer.from(tail, 'hex');
    for (let i = 0; i < 6; i++) bytes[i] ^= this.mask[i];
    const registration = bytes.readUInt16BE(0);
    const index = bytes.readUInt32BE(2);
    if (registration >= this.seed.registrations || index >= this.seed.tenantsPerRegistration) return undefined;
    const same = this.tenant(registration, index).customerSubscriptionId === customerSubscriptionId.toLowerCase();
    return same ? { registration, index } : undefined;
  }
}
