// File permissions do not stop root, which the test machine runs as: a run that must meet them drops the two
// capabilities that let root read and write past permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) with util-linux's
// setpriv, so that a locked folder or a read-only file is to it what it is to any other user.
import { spawnSync } from 'node:child_process';

/** The command that runs node without root's power over file permissions (undefined: none needed or none found). */
export function withoutPermissionOverride(): string[] | undefined {
  if (process.getuid?.() !== 0) return [];
  const found = spawnSync('setpriv', ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', '--'] : undefined;
}
