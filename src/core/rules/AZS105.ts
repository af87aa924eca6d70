import type { Fix } from '../fixes';
import type { LostContinuation } from '../facts';
import { defineRule, type Report } from './rule';

/** What the fix needs: where the blanks after a backtick are, or where a backtick continues the line before. */
export type ContinuationData = { trim: true } | { continueAt: { start: number; end: number } };

export default defineRule({
  code: 'AZS105',
  name: 'line-continuation-lost',
  title: { en: 'Line continuation lost', sv: 'Radfortsättning tappad' },
  docs: {
    finds: {
      en: 'A backtick at the end of a line with a blank after it (a space, a tab or a non-breaking space, as copying from a web page leaves it), and a line that starts with a parameter (`-ResourceGroupName …`) right after a command line that does not end in a backtick. Backticks and dashes inside strings, here-strings and comments are text and are left alone.',
      sv: 'En backtick i slutet av en rad med ett blanksteg efter sig (mellanslag, tabb eller hårt mellanslag, som kopiering från en webbsida lämnar det), och en rad som börjar med en parameter (`-ResourceGroupName …`) direkt efter en kommandorad som inte slutar med en backtick. Backticks och streck i strängar, here-strängar och kommentarer är text och lämnas i fred.',
    },
    matters: {
      en: 'A backtick continues a command only when the line break follows it at once; with a blank in between it escapes the blank, and the command ends at the line break. PowerShell then runs the next line as a command of its own, named like its first parameter ("The term \'-ResourceGroupName\' is not recognized"), and the command above runs without those parameters: a mandatory one prompts, or the call goes out incomplete.',
      sv: 'En backtick fortsätter ett kommando bara när radbrytningen kommer direkt efter den; med ett blanksteg emellan skyddar den blanksteget, och kommandot slutar vid radbrytningen. PowerShell kör då nästa rad som ett eget kommando med samma namn som dess första parameter (”The term \'-ResourceGroupName\' is not recognized”), och kommandot ovanför körs utan de parametrarna: en obligatorisk parameter frågar efter värdet, eller så går anropet iväg ofullständigt.',
    },
  },
  defaultSeverity: 'error',
  azureError: null,
  messages: {
    blankAfterBacktick: {
      en: 'A blank follows this backtick, so it escapes the blank and not the line break: the command ends here, and the next line runs as a command of its own.',
      sv: 'Ett blanksteg följer efter den här backticken, så den skyddar blanksteget och inte radbrytningen: kommandot slutar här, och nästa rad körs som ett eget kommando.',
    },
    parameterLine: {
      en: 'The line before does not end in a backtick, so PowerShell runs this line as a command named \'{parameter}\' and the command above gets none of these parameters.',
      sv: 'Raden ovanför slutar inte med en backtick, så PowerShell kör den här raden som ett kommando med namnet \'{parameter}\' och kommandot ovanför får ingen av de här parametrarna.',
    },
  },
  check({ facts }) {
    return (facts.lostContinuations ?? []).map((lost: LostContinuation): Report<'blankAfterBacktick' | 'parameterLine', ContinuationData> => {
      if (lost.kind === 'blankAfterBacktick') return { messageId: 'blankAfterBacktick', span: lost.span, data: { trim: true } };
      return {
        messageId: 'parameterLine', span: lost.span, values: { parameter: lost.parameter },
        ...(lost.continueAt ? { data: { continueAt: { start: lost.continueAt.start, end: lost.continueAt.end } } } : {}),
      };
    });
  },
  fixes(finding, document): Fix[] {
    const data = finding.data;
    if (!data) return [];
    if ('trim' in data) {
      return [{
        title: { en: 'Remove the blanks after the backtick', sv: 'Ta bort blankstegen efter backticken' },
        edits: [{ uri: document.uri, start: finding.start, end: finding.end, newText: '' }],
        preferred: true, safe: true,
      }];
    }
    return [{
      title: { en: 'Continue the line before with a backtick', sv: 'Fortsätt raden ovanför med en backtick' },
      edits: [{ uri: document.uri, start: data.continueAt.start, end: data.continueAt.end, newText: ' `' }],
      preferred: true, safe: true,
    }];
  },
});
