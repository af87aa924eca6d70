// Sign-in authorities the user has confirmed: a custom cloud's, a stamp's AD FS, any host that is not one of
// Microsoft's public sign-in hosts. Nothing is posted to such an authority before the user said yes once; the answer
// is kept per authority origin in the extension's global state (the user's own, never a workspace's).
import * as vscode from 'vscode';
import { authorityOrigin, isPublicAuthority } from '../../azure/trust';
import type { UserInput } from '../infrastructure/ui';

const stateKey = 'azureStackCsp.confirmedAuthorities';

export class AuthorityConfirmations {
  constructor(private readonly state: vscode.Memento) {}

  private confirmed(): string[] {
    const value = this.state.get<unknown>(stateKey);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  /** True for Microsoft's public sign-in hosts, and for any other authority the user confirmed before. */
  isTrusted(authority: string): boolean {
    return isPublicAuthority(authority) || this.confirmed().includes(authorityOrigin(authority));
  }

  async remember(authority: string): Promise<void> {
    const origin = authorityOrigin(authority);
    if (!this.confirmed().includes(origin)) await this.state.update(stateKey, [...this.confirmed(), origin]);
  }

  async forget(authority: string): Promise<void> {
    const origin = authorityOrigin(authority);
    await this.state.update(stateKey, this.confirmed().filter((o) => o !== origin));
  }

  /**
   * Asks once (modal, default Cancel) before the first sign-in at an authority that is not Microsoft's, naming its
   * host and what would be sent there; true when it is trusted now.
   */
  async confirm(ui: UserInput, authority: string, sending: string): Promise<boolean> {
    if (this.isTrusted(authority)) return true;
    const origin = authorityOrigin(authority);
    const signIn = vscode.l10n.t('Sign In');
    const yes = await ui.confirm(
      vscode.l10n.t('Sign in at {0}?', origin),
      vscode.l10n.t('{0} is not one of Microsoft\'s sign-in hosts (Azure, Azure Government, Azure operated by 21Vianet). Signing in sends {1} to it. Continue only if it is your own cloud\'s sign-in (or the local emulator); you are asked once per host.', origin, sending),
      signIn,
    );
    if (yes) await this.remember(authority);
    return yes;
  }
}
