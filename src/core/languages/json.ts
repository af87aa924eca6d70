// JSON and JSONC: ARM templates and parameter files, REST request examples, saved responses and request bodies. A
// template is read with the parameter file that goes with it (same folder and stem, or the folder's only pair), and
// read again when that file changes.
import type { Value } from '../facts';
import { jsonFacts, type JsonRole } from '../parse/json';
import { defineLanguage, type PairIndex } from './language';

export interface JsonState {
  role: JsonRole;
  /** A parameter file's string values by lower-case parameter name. */
  parameterValues?: ReadonlyMap<string, Value>;
}

/** Folder and lower-case file name of a URI or path. */
function place(uri: string): { folder: string; name: string } {
  const slash = Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\'));
  return { folder: uri.slice(0, slash + 1), name: uri.slice(slash + 1).toLowerCase() };
}

/** `azuredeploy.json` and `azuredeploy.parameters.json` share the stem `azuredeploy`. */
function stem(uri: string): string {
  return place(uri).name.replace(/\.jsonc?$/, '').replace(/\.(?:template|parameters|params)$/, '');
}

/** Files of one folder by lower-case name, then as written (`azuredeploy.parameters.json` before `azuredeploy.params.json`). */
function byName(a: string, b: string): number {
  const [x, y] = [place(a).name, place(b).name];
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

type PairedRole = 'template' | 'parameters';

/**
 * The ARM templates and parameter files of each folder, so that pairing them looks at one folder's few JSON documents
 * rather than at every document of the workspace (a CLI run over a large folder did that for each file).
 */
class TemplatePairs implements PairIndex<JsonState> {
  private readonly folders = new Map<string, Record<PairedRole, Set<string>>>();
  private readonly roles = new Map<string, JsonRole>();

  update(uri: string, state: JsonState | undefined): string[] {
    const from = this.roles.get(uri);
    const to = state?.role;
    this.move(uri, from, to);
    return from === 'parameters' || to === 'parameters' ? this.templatesFor(uri) : [];
  }

  /**
   * The parameter file that goes with a template: same folder and stem (the first by name when several have it, so
   * that the order files were read in does not choose), or the only pair in the folder.
   */
  partnerOf(uri: string): string | undefined {
    const parameterFiles = this.others(uri, 'parameters');
    const own = stem(uri);
    const sameStem = parameterFiles.filter((other) => stem(other) === own).sort(byName)[0];
    const onlyPair = parameterFiles.length === 1 && this.others(uri, 'template').length === 0 ? parameterFiles[0] : undefined;
    return sameStem ?? onlyPair;
  }

  /** The templates a parameter file at `uri` may go with: those of the same stem, or the folder's only template. */
  private templatesFor(uri: string): string[] {
    const templates = this.others(uri, 'template');
    const own = stem(uri);
    return templates.length <= 1 ? templates : templates.filter((other) => stem(other) === own);
  }

  private move(uri: string, from: JsonRole | undefined, to: JsonRole | undefined): void {
    if (to === undefined) this.roles.delete(uri);
    else this.roles.set(uri, to);
    if (from === to) return;
    const folder = place(uri).folder;
    let roles = this.folders.get(folder);
    if (!roles) {
      roles = { template: new Set(), parameters: new Set() };
      this.folders.set(folder, roles);
    }
    if (from === 'template' || from === 'parameters') roles[from].delete(uri);
    if (to === 'template' || to === 'parameters') roles[to].add(uri);
  }

  /** The documents in the folder of `uri` that have `role`, other than `uri` itself. */
  private others(uri: string, role: PairedRole): string[] {
    return [...(this.folders.get(place(uri).folder)?.[role] ?? [])].filter((other) => other !== uri);
  }
}

export const json = defineLanguage({
  kind: 'json',
  extensions: ['json', 'jsonc'],
  languageIds: ['json', 'jsonc'],
  // A parameter file without its `$schema` is known by its first parameter (`"parameters": {"v": {"value"`).
  relevant: /azurestack|customersubscriptions|\/registrations\b|registrationName|tenantId|deploymentParameters|"parameters"\s*:\s*\{\s*"(?:[^"\\]|\\.)*"\s*:\s*\{\s*"(?:value|reference|metadata)"/i,
  lineComment: '//',
  fence: { tags: ['json', 'jsonc'], together: false },
  read: ({ uri, text, partner }) => {
    const analysis = jsonFacts(text, partner?.parameterValues, uri);
    const state: JsonState = { role: analysis.role, ...(analysis.parameterValues ? { parameterValues: analysis.parameterValues } : {}) };
    return { facts: analysis.facts, state };
  },
  pairs: (): PairIndex<JsonState> => new TemplatePairs(),
});
