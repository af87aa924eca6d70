// Files the extension writes for the user to read — exports and result files — never replace an existing file
// without asking. Every feature that writes one goes through here:
//
//   const target = await deps.ui().saveUri({ defaultUri: await freeOutputFile(proposed), ... });
//   const written = await writeOutputFile(deps.ui(), target, text);   // asks if target exists; returns where it wrote
//   void announceOutputFile(deps.ui(), 'info', message, written);     // the message, with Open and Reveal buttons
//
// When the file must be settled before other writes (a CSV run's result file, chosen before any tenant is sent so
// that declining loses nothing), claim it first with chooseOutputFile and hand the answer to writeOutputFile later.
import * as vscode from 'vscode';
import { UserCancelledError, type MessageKind, type UserInput } from './ui';

/** Where an output file goes, and whether the user agreed to replace what is there. */
export interface OutputFile {
  uri: vscode.Uri;
  replace: boolean;
}

/** Tries file-2.ext, file-3.ext, … up to this before giving up (and asking to replace). */
const maxSuffix = 999;

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return false;
    throw error;
  }
}

/** The first free `name-N.ext` beside `uri` (`results.csv` → `results-2.csv`); undefined when none is. */
async function freeSibling(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
  const [, stem, extension] = /^(.*?)((?:\.[^./]*)?)$/.exec(uri.path) ?? [uri.path, uri.path, ''];
  for (let n = 2; n <= maxSuffix; n++) {
    const candidate = uri.with({ path: `${stem}-${n}${extension}` });
    if (!await exists(candidate)) return candidate;
  }
  return undefined;
}

/** A name to propose in a save dialog: `uri` when nothing is there, otherwise a free one beside it. */
export async function freeOutputFile(uri: vscode.Uri): Promise<vscode.Uri> {
  return await exists(uri) ? (await freeSibling(uri)) ?? uri : uri;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/**
 * Settles where an output file goes. A free `target` is used as is; an existing one makes a modal ask whether to
 * save beside it under a free name (the default), replace it, or cancel (UserCancelledError: the command ends quietly).
 */
export async function chooseOutputFile(ui: UserInput, target: vscode.Uri): Promise<OutputFile> {
  if (!await exists(target)) return { uri: target, replace: false };
  const beside = await freeSibling(target);
  const answer = await ui.askDestructive({
    message: vscode.l10n.t('{0} already exists.', vscode.workspace.asRelativePath(target)),
    detail: beside
      ? vscode.l10n.t('Save the new file beside it as {0}, or replace it?', fileName(beside))
      : vscode.l10n.t('Replace it with the new file?'),
    safe: beside ? vscode.l10n.t('Save as {0}', fileName(beside)) : vscode.l10n.t('Keep It'),
    destructive: vscode.l10n.t('Replace'),
  });
  if (answer === 'destructive') return { uri: target, replace: true };
  if (answer === 'safe' && beside) return { uri: beside, replace: false };
  throw new UserCancelledError();
}

/**
 * Settles several output files written together (one per customer in a folder): when any exist, one modal names them
 * and asks whether to save the new ones beside them under free names (the default), replace them, or cancel.
 */
export async function chooseOutputFiles(ui: UserInput, targets: vscode.Uri[]): Promise<OutputFile[]> {
  if (targets.length === 1) return [await chooseOutputFile(ui, targets[0])];
  const taken = await Promise.all(targets.map(exists));
  const there = targets.filter((_, i) => taken[i]);
  if (!there.length) return targets.map((uri) => ({ uri, replace: false }));
  const answer = await ui.askDestructive({
    message: vscode.l10n.t('{0} of the {1} files already exist.', there.length, targets.length),
    detail: vscode.l10n.t('Save the new files beside them under free names (name-2.ext), or replace them?\n{0}',
      there.map((uri) => vscode.workspace.asRelativePath(uri)).join('\n')),
    safe: vscode.l10n.t('Save Beside Them'),
    destructive: vscode.l10n.t('Replace {0} Files', there.length),
  });
  if (answer === 'cancel') throw new UserCancelledError();
  const replace = answer === 'destructive';
  // A file that exists and is not to be replaced goes beside it when written (writeOutputFile), as does one that
  // appears there meanwhile.
  return targets.map((uri, i) => ({ uri, replace: replace && taken[i] }));
}

/**
 * Writes an export or result file. A plain target is settled first (chooseOutputFile: asks when it would replace a
 * file). One settled earlier is written as agreed; if a file appeared there since, the new one goes beside it, so work
 * done after settling is not lost to a question. Returns where it wrote.
 */
export async function writeOutputFile(ui: UserInput, target: vscode.Uri | OutputFile, content: string | Uint8Array): Promise<vscode.Uri> {
  const settled = target instanceof vscode.Uri ? await chooseOutputFile(ui, target) : target;
  const uri = settled.replace || !await exists(settled.uri) ? settled.uri
    : (await freeSibling(settled.uri)) ?? (await chooseOutputFile(ui, settled.uri)).uri;
  await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  return uri;
}

/**
 * Reveal where the file is: in the Explorer when it is in the workspace; otherwise in the operating system's file
 * manager, which only desktop VS Code on the same machine can open. Undefined when neither can show it.
 */
function revealer(uri: vscode.Uri): { label: string; command: string } | undefined {
  if (vscode.workspace.getWorkspaceFolder(uri)) return { label: vscode.l10n.t('Reveal in Explorer'), command: 'revealInExplorer' };
  if (uri.scheme === 'file' && vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName) {
    return { label: vscode.l10n.t('Open Containing Folder'), command: 'revealFileInOS' };
  }
  return undefined;
}

/**
 * Says that an output file was written (`message` names it), with buttons that open it and reveal where it is.
 * Resolves once the user has chosen (or dismissed the notification); callers need not wait.
 */
export async function announceOutputFile(ui: UserInput, kind: MessageKind, message: string, file: vscode.Uri): Promise<void> {
  const open = vscode.l10n.t('Open');
  const reveal = revealer(file);
  const choice = await ui.notify(kind, message, open, ...(reveal ? [reveal.label] : []));
  try {
    if (choice === open) await vscode.commands.executeCommand('vscode.open', file);
    else if (reveal && choice === reveal.label) await vscode.commands.executeCommand(reveal.command, file);
  } catch (error) {
    // The command that wrote the file has ended: this is the only place left to say so.
    void ui.notify('error', vscode.l10n.t('Could not show {0}: {1}', vscode.workspace.asRelativePath(file), error instanceof Error ? error.message : String(error)));
  }
}
