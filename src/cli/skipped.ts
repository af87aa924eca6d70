// What azs-lint did not lint, and why: each skipped file or folder is named with its size, the kind of file it is and
// the encoding it was read in, where known, so that no file passes unread without a word (`--fail-on-skipped` makes
// the run fail on them).
import type { Stats } from 'node:fs';
import { encodingLabel, type Encoding } from '../core/encoding';
import type { Locale } from '../core/l10n';
import type { Note } from './output';

export type SkipReason = 'kind' | 'large' | 'binary' | 'unreadable' | 'unreadableFolder' | 'notRegular' | 'linkLoop' | 'brokenLink';

export type FileType = 'file' | 'folder' | 'fifo' | 'characterDevice' | 'blockDevice' | 'socket' | 'link';

export interface Skip {
  reason: SkipReason;
  type?: FileType;
  size?: number;
  encoding?: Encoding;
  /** The system's word for what failed (EACCES: permission denied). */
  detail?: string;
}

const words = {
  en: {
    skipped: 'skipped',
    reasons: {
      kind: 'not a kind of file azs-lint reads', large: 'larger than 5 MB', binary: 'binary file', unreadable: 'cannot be read',
      unreadableFolder: 'the folder cannot be read', notRegular: 'not a regular file, not opened', linkLoop: 'symbolic link loop',
      brokenLink: 'symbolic link to nothing',
    },
    types: {
      file: 'regular file', folder: 'folder', fifo: 'FIFO', characterDevice: 'character device', blockDevice: 'block device',
      socket: 'socket', link: 'symbolic link',
    },
    bytes: (n: number) => `${n} ${n === 1 ? 'byte' : 'bytes'}`,
  },
  sv: {
    skipped: 'hoppades över',
    reasons: {
      kind: 'inte en filtyp som azs-lint läser', large: 'större än 5 MB', binary: 'binär fil', unreadable: 'kan inte läsas',
      unreadableFolder: 'mappen kan inte läsas', notRegular: 'inte en vanlig fil, öppnades inte', linkLoop: 'slinga av symboliska länkar',
      brokenLink: 'symbolisk länk till ingenting',
    },
    types: {
      file: 'vanlig fil', folder: 'mapp', fifo: 'FIFO', characterDevice: 'teckenenhet', blockDevice: 'blockenhet',
      socket: 'uttag (socket)', link: 'symbolisk länk',
    },
    bytes: (n: number) => `${n} byte`,
  },
} satisfies Record<Locale, unknown>;

/** The kind of file `stats` describes. */
export function fileTypeOf(stats: Stats): FileType {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'folder';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isCharacterDevice()) return 'characterDevice';
  if (stats.isBlockDevice()) return 'blockDevice';
  if (stats.isSocket()) return 'socket';
  return 'link';
}

/** "EACCES: permission denied" from a file system error (its path is said elsewhere). */
export function systemDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, \w+ '.*'$/s, '');
}

/** The note azs-lint prints for a skipped path: "skipped: binary file (7 bytes, regular file, UTF-8)". */
export function skipNote(path: string, skip: Skip, locale: Locale): Note {
  const w = words[locale];
  const details = [
    ...(skip.detail ? [skip.detail] : []),
    ...(skip.size !== undefined ? [w.bytes(skip.size)] : []),
    ...(skip.type ? [w.types[skip.type]] : []),
    ...(skip.encoding ? [encodingLabel(skip.encoding, locale)] : []),
  ];
  const message = `${w.skipped}: ${w.reasons[skip.reason]}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
  return { path, message, skip };
}
