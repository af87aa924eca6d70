// Every prompt and notification goes through UserInput, so host tests can script the answers and see exactly what
// the user would see, and an unexpected prompt fails a test at once instead of hanging it.
import * as vscode from 'vscode';
import { showReview, type Review } from './reviewPanel';

/** The user dismissed a prompt: commands end quietly. */
export class UserCancelledError extends Error {
  constructor() {
    super('cancelled by the user');
  }
}

export interface PickOptions {
  title?: string;
  placeHolder?: string;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
}

export interface InputOptions {
  title?: string;
  prompt?: string;
  placeHolder?: string;
  value?: string;
  password?: boolean;
  validateInput?: (value: string) => string | undefined;
}

export type MessageKind = 'info' | 'warning' | 'error';

/** A pick item that is shown but cannot be chosen, with the reason (e.g. a registration that takes no tenants). */
export interface Choice extends vscode.QuickPickItem {
  unavailable?: string;
}

/**
 * A modal question before something is removed or replaced. VS Code makes the first button the default (Enter),
 * so the safe choice comes first and the destructive one is only ever chosen on purpose; Cancel, Escape and closing
 * the dialog answer 'cancel'.
 */
export interface DestructiveQuestion {
  message: string;
  detail: string;
  /** The default: keeps things as they are or writes elsewhere, e.g. 'Keep Tenant' or 'Save as report-2.csv'. */
  safe: string;
  /** Removes or replaces, e.g. 'Remove Tenant' or 'Replace'. */
  destructive: string;
}

export type DestructiveAnswer = 'safe' | 'destructive' | 'cancel';

function unavailableReason(item: vscode.QuickPickItem): string | undefined {
  return (item as Choice).unavailable;
}

export interface UserInput {
  /** One item; items with `unavailable` (see Choice) are shown with their reason and cannot be chosen. */
  pick<T extends vscode.QuickPickItem>(items: T[] | Promise<T[]>, options: PickOptions): Promise<T>;
  pickMany<T extends vscode.QuickPickItem>(items: T[] | Promise<T[]>, options: PickOptions): Promise<T[]>;
  input(options: InputOptions): Promise<string>;
  /**
   * A modal question whose default (Enter) is `action`: only for writes that remove and replace nothing (use
   * askDestructive for those). Resolves true only when the user chose `action`.
   */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  askDestructive(question: DestructiveQuestion): Promise<DestructiveAnswer>;
  /**
   * A dry run shown beside the editor with its confirmation in it (reviewPanel.ts), for batches whose rows the user
   * should read before confirming. Resolves true only when the user chose `review.action`; without an action the
   * review is shown and resolves false.
   */
  review(review: Review): Promise<boolean>;
  saveUri(options: vscode.SaveDialogOptions): Promise<vscode.Uri>;
  openUri(options: vscode.OpenDialogOptions): Promise<vscode.Uri>;
  /** A notification; resolves to the action the user clicked, if any. */
  notify(kind: MessageKind, message: string, ...actions: string[]): Promise<string | undefined>;
}

function orCancel<T>(value: T | undefined): T {
  if (value === undefined) throw new UserCancelledError();
  return value;
}

export class VsCodeUserInput implements UserInput {
  async pick<T extends vscode.QuickPickItem>(items: T[] | Promise<T[]>, options: PickOptions): Promise<T> {
    const list = await items;
    if (list.some(unavailableReason)) return this.pickAvailable(list, options);
    return orCancel(await vscode.window.showQuickPick(list, { ...options, ignoreFocusOut: true }));
  }

  /** showQuickPick has no disabled items: accepting an unavailable one here does nothing, its reason stays shown. */
  private pickAvailable<T extends vscode.QuickPickItem>(list: T[], options: PickOptions): Promise<T> {
    const quickPick = vscode.window.createQuickPick<T>();
    quickPick.title = options.title;
    quickPick.placeholder = options.placeHolder;
    quickPick.matchOnDescription = options.matchOnDescription ?? false;
    quickPick.matchOnDetail = options.matchOnDetail ?? false;
    quickPick.ignoreFocusOut = true;
    quickPick.items = list.map((item) => {
      const reason = unavailableReason(item);
      return reason ? { ...item, label: `$(circle-slash) ${item.label}`, detail: reason } : item;
    });
    return new Promise<T>((resolve, reject) => {
      quickPick.onDidAccept(() => {
        const shown = quickPick.activeItems[0];
        if (!shown || unavailableReason(shown)) return;
        resolve(list[quickPick.items.indexOf(shown)]);
        quickPick.hide();
      });
      quickPick.onDidHide(() => {
        reject(new UserCancelledError());
        quickPick.dispose();
      });
      quickPick.show();
    });
  }

  async pickMany<T extends vscode.QuickPickItem>(items: T[] | Promise<T[]>, options: PickOptions): Promise<T[]> {
    return orCancel(await vscode.window.showQuickPick(items, { ...options, canPickMany: true, ignoreFocusOut: true }));
  }

  async input(options: InputOptions): Promise<string> {
    return orCancel(await vscode.window.showInputBox({ ...options, ignoreFocusOut: true }));
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  }

  async askDestructive(question: DestructiveQuestion): Promise<DestructiveAnswer> {
    const safe: vscode.MessageItem = { title: question.safe };
    const destructive: vscode.MessageItem = { title: question.destructive };
    // A close affordance of our own: otherwise VS Code adds a Cancel button, but the default is still the first one.
    const cancelButton: vscode.MessageItem = { title: vscode.l10n.t('Cancel'), isCloseAffordance: true };
    const chosen = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, safe, destructive, cancelButton);
    return chosen === safe ? 'safe' : chosen === destructive ? 'destructive' : 'cancel';
  }

  review(review: Review): Promise<boolean> {
    return showReview(review);
  }

  async saveUri(options: vscode.SaveDialogOptions): Promise<vscode.Uri> {
    return orCancel(await vscode.window.showSaveDialog(options));
  }

  async openUri(options: vscode.OpenDialogOptions): Promise<vscode.Uri> {
    return orCancel((await vscode.window.showOpenDialog({ ...options, canSelectMany: false }))?.[0]);
  }

  notify(kind: MessageKind, message: string, ...actions: string[]): Promise<string | undefined> {
    const show = { info: vscode.window.showInformationMessage, warning: vscode.window.showWarningMessage, error: vscode.window.showErrorMessage }[kind];
    return Promise.resolve(show(message, ...actions));
  }
}

/**
 * Every text the user is shown — notifications, modal questions and their details, prompt titles — with secrets
 * masked (the log's mask): an error that quotes a request body or a token never puts it on the screen.
 */
export function redactingInput(inner: UserInput, clean: (text: string) => string): UserInput {
  const cleanTitles = <O extends { title?: string; placeHolder?: string; prompt?: string }>(options: O): O => ({
    ...options,
    ...(options.title === undefined ? {} : { title: clean(options.title) }),
    ...(options.placeHolder === undefined ? {} : { placeHolder: clean(options.placeHolder) }),
    ...(options.prompt === undefined ? {} : { prompt: clean(options.prompt) }),
  });
  return {
    pick: (items, options) => inner.pick(items, cleanTitles(options)),
    pickMany: (items, options) => inner.pickMany(items, cleanTitles(options)),
    input: (options) => inner.input(cleanTitles(options)),
    confirm: (message, detail, action) => inner.confirm(clean(message), clean(detail), action),
    askDestructive: (question) => inner.askDestructive({ ...question, message: clean(question.message), detail: clean(question.detail) }),
    review: (review) => inner.review({ ...review, summary: clean(review.summary), details: review.details.map(clean) }),
    saveUri: (options) => inner.saveUri(options),
    openUri: (options) => inner.openUri(options),
    notify: (kind, message, ...actions) => inner.notify(kind, clean(message), ...actions),
  };
}

/** What a scripted prompt saw, for assertions. */
export interface PromptRecord {
  kind: 'pick' | 'pickMany' | 'input' | 'confirm' | 'askDestructive' | 'review' | 'saveUri' | 'openUri';
  title: string;
  /** For modal questions: the detail text and the buttons in order, the default (Enter) first. */
  detail?: string;
  buttons?: string[];
  items?: vscode.QuickPickItem[];
  /** For input boxes: the validation message the answer produced, if any. */
  validation?: string;
  /** For reviews: what the panel shows. */
  review?: Review;
}

export type ScriptedAnswer =
  | string // pick: the item whose label starts with it; input: the text; confirm/askDestructive/review: the button ('' = dismiss)
  | RegExp // pick: the first item whose label matches
  | string[] // pickMany: labels
  | vscode.Uri // saveUri/openUri
  | typeof cancel
  | typeof pressEnter; // confirm/askDestructive: the default button, as Enter in the real dialog

export const cancel = Symbol('cancel');
// From the global registry: host tests load their own copy of this module beside the extension's bundle.
export const pressEnter = Symbol.for('azureStackCsp.scriptedUserInput.pressEnter');

/** A UserInput that answers from a queue, records what was shown, and fails fast on a prompt nobody expected. */
export class ScriptedUserInput implements UserInput {
  readonly prompts: PromptRecord[] = [];
  readonly messages: { kind: MessageKind; message: string; actions: string[] }[] = [];
  private readonly answers: ScriptedAnswer[] = [];
  /** Actions to click on the next notifications, in order; without one a notification is just recorded. */
  private readonly clicks: string[] = [];

  enqueue(...answers: ScriptedAnswer[]): void {
    this.answers.push(...answers);
  }

  click(...actions: string[]): void {
    this.clicks.push(...actions);
  }

  reset(): void {
    this.answers.length = 0;
    this.clicks.length = 0;
    this.prompts.length = 0;
    this.messages.length = 0;
  }

  get pending(): number {
    return this.answers.length;
  }

  private next(record: PromptRecord): ScriptedAnswer {
    this.prompts.push(record);
    const answer = this.answers.shift();
    if (answer === undefined) throw new Error(`unexpected prompt: ${record.kind} "${record.title}"`);
    if (answer === cancel) throw new UserCancelledError();
    return answer;
  }

  async pick<T extends vscode.QuickPickItem>(items: T[] | Promise<T[]>, options: PickOptions): Promise<T> {
    const list = await items;
    const answer = this.next({ kind: 'pick', title: options.title ?? options.placeHolder ?? '', items: list });
    const found = list.find((item) => (answer instanceof RegExp ? answer.test(item.label) : typeof answer === 'string' && item.label.startsWith(answer)));
    if (!found) throw new Error(`scripted pick ${String(answer)} matches none of: ${list.map((i) => i.label).join(' | ')}`);
    const reason = unavailableReason(found);
    if (reason) throw new Error(`scripted pick ${found.label} cannot be chosen: ${reason}`);
    return found;
  }

  async pickMany<T extends vscode.QuickPickItem>(items: T[] | Promise<T[]>, options: PickOptions): Promise<T[]> {
    const list = await items;
    const answer = this.next({ kind: 'pickMany', title: options.title ?? options.placeHolder ?? '', items: list });
    const labels = Array.isArray(answer) ? answer : [];
    return list.filter((item) => labels.some((label) => item.label.startsWith(label)));
  }

  input(options: InputOptions): Promise<string> {
    const record: PromptRecord = { kind: 'input', title: options.title ?? options.prompt ?? '' };
    const answer = String(this.next(record));
    record.validation = options.validateInput?.(answer);
    // A real input box does not accept a value its validator rejects; the user would have to cancel.
    if (record.validation) return Promise.reject(new UserCancelledError());
    return Promise.resolve(answer);
  }

  /** The button a modal question was answered with: the one named, the default for pressEnter, none for ''. */
  private button(record: PromptRecord): string | undefined {
    const answer = this.next(record);
    const buttons = record.buttons ?? [];
    if (answer === pressEnter) return buttons[0];
    if (answer === '') return undefined;
    if (typeof answer !== 'string' || !buttons.includes(answer)) throw new Error(`scripted answer ${String(answer)} is none of the buttons: ${buttons.join(' | ')}`);
    return answer;
  }

  confirm(message: string, detail: string, action: string): Promise<boolean> {
    return Promise.resolve(this.button({ kind: 'confirm', title: message, detail, buttons: [action, vscode.l10n.t('Cancel')] }) === action);
  }

  askDestructive(question: DestructiveQuestion): Promise<DestructiveAnswer> {
    const { message, detail, safe, destructive } = question;
    const chosen = this.button({ kind: 'askDestructive', title: message, detail, buttons: [safe, destructive, vscode.l10n.t('Cancel')] });
    return Promise.resolve(chosen === safe ? 'safe' : chosen === destructive ? 'destructive' : 'cancel');
  }

  /** A review with nothing to confirm is only recorded; one with an action is answered like a modal question. */
  review(review: Review): Promise<boolean> {
    const record: PromptRecord = { kind: 'review', title: review.title, detail: review.summary, review, buttons: review.action ? [review.action, vscode.l10n.t('Cancel')] : [] };
    if (!review.action) {
      this.prompts.push(record);
      return Promise.resolve(false);
    }
    return Promise.resolve(this.button(record) === review.action);
  }

  saveUri(options: vscode.SaveDialogOptions): Promise<vscode.Uri> {
    return Promise.resolve(this.next({ kind: 'saveUri', title: options.title ?? '' }) as vscode.Uri);
  }

  openUri(options: vscode.OpenDialogOptions): Promise<vscode.Uri> {
    return Promise.resolve(this.next({ kind: 'openUri', title: options.title ?? '' }) as vscode.Uri);
  }

  notify(kind: MessageKind, message: string, ...actions: string[]): Promise<string | undefined> {
    this.messages.push({ kind, message, actions });
    const click = this.clicks[0];
    if (click !== undefined && actions.includes(click)) return Promise.resolve(this.clicks.shift());
    return Promise.resolve(undefined);
  }
}
