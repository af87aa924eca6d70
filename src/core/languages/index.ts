// The languages the linter reads, one entry each. The editor's document selector and workspace glob, the CLI's file
// discovery, the manifest's activation events (checked by test/unit/manifest.test.ts) and lint.ts all come from here.
import { http } from './http';
import { json } from './json';
import type { Language } from './language';
import { languageForTag, markdownLanguage } from './markdown';
import { powershell } from './powershell';
import { shell } from './shell';
import { fencedBlocks, type FencedBlock } from '../parse/markdown';

/** The languages a Markdown code block may hold. */
const embedded = [powershell, json, http, shell] as const;

export const languages = [...embedded, markdownLanguage(embedded)] as const;

export type DocumentKind = (typeof languages)[number]['kind'];

const byKind = new Map<string, Language>(languages.map((language) => [language.kind, language]));

export function languageOf(kind: DocumentKind): Language {
  return byKind.get(kind) as Language;
}

/** Every file extension the linter reads, lower case and without the dot. */
export const fileExtensions: readonly string[] = languages.flatMap((language) => language.extensions);

/** Every VS Code language id the linter reads. */
export const languageIds: readonly string[] = languages.flatMap((language) => language.languageIds);

/** Which language reads a document: by VS Code language id when it names one, else by file extension. */
export function documentKindFor(fileName: string, languageId?: string): DocumentKind | undefined {
  const extension = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1] ?? '';
  const byLanguage = languageId === undefined ? undefined : languages.find((language) => language.languageIds.includes(languageId));
  return (byLanguage ?? languages.find((language) => language.extensions.includes(extension)))?.kind;
}

/** A Markdown text's code blocks that hold a language the linter reads, with that language. */
export function codeBlocks(text: string): { block: FencedBlock; kind: DocumentKind }[] {
  return fencedBlocks(text).flatMap((block) => {
    const language = embedded.find((l) => l === languageForTag(embedded, block.tag));
    return language ? [{ block, kind: language.kind }] : [];
  });
}

/** The Markdown code block at `offset` of `text`, and the language that reads it; undefined outside such blocks. */
export function codeBlockAt(text: string, offset: number): { block: FencedBlock; kind: DocumentKind } | undefined {
  // The blocks of the last text asked about are kept: fixes ask once per finding of the same document.
  if (lastBlocks?.text !== text) lastBlocks = { text, blocks: codeBlocks(text) };
  return lastBlocks.blocks.find(({ block }) => offset >= block.start && offset <= block.end);
}

let lastBlocks: { text: string; blocks: { block: FencedBlock; kind: DocumentKind }[] } | undefined;
