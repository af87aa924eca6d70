import { locateWhole } from '../facts';
import { defineRule } from './rule';

export default defineRule({
  code: 'AZS701',
  name: 'plaintext-secret',
  title: { en: 'Password written in plain text', sv: 'Lösenord i klartext' },
  docs: {
    finds: {
      en: 'A password written literally in a script and turned into a credential: ConvertTo-SecureString with -AsPlainText on a literal string (or a variable that holds one), or az login with a literal --password.',
      sv: 'Ett lösenord som skrivits direkt i ett skript och görs om till en inloggningsuppgift: ConvertTo-SecureString med -AsPlainText på en literal sträng (eller en variabel som innehåller en), eller az login med ett literalt --password.',
    },
    matters: {
      en: 'Registration scripts hold the cloud admin credential of the privileged endpoint and the Azure account that owns the registration; anyone who can read the script, its history or a copy of it gets them.',
      sv: 'Registreringsskript innehåller molnadministratörens inloggningsuppgifter för den privilegierade slutpunkten och Azure-kontot som äger registreringen; den som kan läsa skriptet, dess historik eller en kopia av det får dem.',
    },
  },
  defaultSeverity: 'warning',
  azureError: null,
  messages: {
    secret: {
      en: 'A password is written here in plain text; prompt for it (Get-Credential, Read-Host -AsSecureString) or read it from a secret store.',
      sv: 'Ett lösenord står här i klartext; fråga efter det (Get-Credential, Read-Host -AsSecureString) eller läs det från ett hemlighetsvalv.',
    },
  },
  check({ facts }) {
    return facts.secrets.map((secret) => ({ messageId: 'secret' as const, span: locateWhole(secret) }));
  },
});
