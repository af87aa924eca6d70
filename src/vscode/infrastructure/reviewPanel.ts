// A dry run the user reads before a batch of writes: a rendered, read-only table in a panel beside the editor, with
// the confirmation in the panel itself, so that no dialog covers what is being confirmed. Closing the panel (or
// Escape) cancels; nothing is saved, so nothing asks to be saved later.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** One row of the dry run: its cells, and whether the batch sends it. */
export interface ReviewRow {
  cells: string[];
  outcome: 'send' | 'skip' | 'invalid';
}

export interface Review {
  /** The panel's title, e.g. "Dry run: customers.csv". */
  title: string;
  /** What the batch will do, in a sentence or two (counts in the right plural). */
  summary: string;
  /** Facts to check, e.g. the target's resource ID. */
  details: string[];
  columns: string[];
  rows: ReviewRow[];
  /** The button that confirms, e.g. "Add 3 Tenants"; absent when there is nothing to confirm. */
  action?: string;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}


const style = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1.5em 2em; }
h1 { font-size: 1.3em; font-weight: 600; }
p.summary { font-size: 1.05em; }
p.detail { color: var(--vscode-descriptionForeground); word-break: break-all; }
.buttons { display: flex; gap: 0.6em; margin: 1.2em 0; }
button { font: inherit; padding: 0.35em 1em; border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; cursor: pointer;
  color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
button.primary { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.3em 0.6em; border-bottom: 1px solid var(--vscode-widget-border, var(--vscode-panel-border)); vertical-align: top; }
th { font-weight: 600; }
td { font-family: var(--vscode-editor-font-family); font-size: 0.95em; }
td:last-child { font-family: var(--vscode-font-family); }
tr.skip td { color: var(--vscode-descriptionForeground); }
tr.invalid td:last-child { color: var(--vscode-errorForeground); }
`;

/** The page: everything rendered here, escaped; the script only answers the buttons. */
function html(review: Review, cspSource: string, scriptNonce: string, cancel: string): string {
  const rows = review.rows.map((row) => `<tr class="${row.outcome}">${row.cells.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`).join('\n');
  const buttons = review.action
    ? `<button class="primary" id="accept">${escape(review.action)}</button><button id="cancel">${escape(cancel)}</button>`
    : `<button id="cancel">${escape(vscode.l10n.t('Close'))}</button>`;
  return `<!DOCTYPE html>
<html lang="${escape(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${scriptNonce}'; script-src 'nonce-${scriptNonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${scriptNonce}">${style}</style>
<title>${escape(review.title)}</title>
</head>
<body>
<h1>${escape(review.title)}</h1>
<p class="summary" role="status">${escape(review.summary)}</p>
${review.details.map((d) => `<p class="detail">${escape(d)}</p>`).join('\n')}
<div class="buttons">${buttons}</div>
<table>
<thead><tr>${review.columns.map((c) => `<th scope="col">${escape(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script nonce="${scriptNonce}">
const vscode = acquireVsCodeApi();
const answer = (accepted) => vscode.postMessage({ type: 'answer', accepted });
document.getElementById('accept')?.addEventListener('click', () => answer(true));
document.getElementById('cancel').addEventListener('click', () => answer(false));
document.addEventListener('keydown', (event) => { if (event.key === 'Escape') answer(false); });
(document.getElementById('accept') ?? document.getElementById('cancel')).focus();
</script>
</body>
</html>`;
}

/**
 * Shows the review beside the active editor. With an action, resolves true when the user clicks it and false when
 * they cancel or close the panel, which then closes; without one, resolves false at once and the panel stays open.
 */
export function showReview(review: Review): Promise<boolean> {
  const panel = vscode.window.createWebviewPanel('azureStackCsp.review', review.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
    enableScripts: true, localResourceRoots: [],
  });
  panel.webview.html = html(review, panel.webview.cspSource, randomBytes(24).toString('hex'), vscode.l10n.t('Cancel'));
  if (!review.action) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    const answered = (accepted: boolean) => {
      resolve(accepted);
      panel.dispose();
    };
    panel.webview.onDidReceiveMessage((message: { type?: string; accepted?: boolean }) => {
      if (message.type === 'answer') answered(message.accepted === true);
    });
    panel.onDidDispose(() => resolve(false));
  });
}
