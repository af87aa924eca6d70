import { locate, usedAt, type Value } from '../facts';
import { cloudIdLookupAt, replacementFix, type Replacement } from '../fixes';
import type { ResourceIdProblem } from '../ids';
import type { Span } from '../text';
import { defineRule, noReports, reportsForEach, type Report } from './rule';

/** Which characters of the path's text hold the problem (the segment to fix); undefined when none can be pointed at. */
function problemAt(path: Value, problem: ResourceIdProblem): { index: number; length: number } | undefined {
  const segments = [...path.text.matchAll(/[^/]+/g)];
  const segment = (text: string) => segments.find((s) => s[0] === text);
  const at = (index: number | undefined, length: number) => (index === undefined || index < 0 ? undefined : { index, length });
  switch (problem.kind) {
    case 'wrongProvider':
      return at(segment(problem.provider)?.index, problem.provider.length);
    case 'misspelledSegment':
      return at(segment(problem.found)?.index, problem.found.length);
    case 'subscriptionNotGuid':
      return at(segments[1]?.index, problem.value.length);
    case 'emptySegment':
      return at(path.text.replace(/^\/+/, (s) => ' '.repeat(s.length)).indexOf('//'), 2);
    case 'trailingSegments':
      return at(path.text.lastIndexOf(problem.extra), problem.extra.length);
    case 'missingSegment': {
      // Where the ID is written, not each call that uses it: the whole ID when it is written in one piece, else the
      // last segment (after which the missing ones mostly go).
      const [only] = path.segments;
      if (path.segments.length === 1 && only.at !== undefined) return { index: 0, length: path.text.length };
      const last = segments.at(-1);
      return last && at(last.index, last[0].length);
    }
  }
}

/**
 * Where to underline the problem (where it is written), where this use of the path brings it in, and whether that is
 * the problem's own characters: not when it was not found in the text, nor when its characters are not written in one
 * place (a segment split between a variable and the text after it), where the whole ID is underlined.
 */
function places(path: Value, found: { index: number; length: number } | undefined): { span: Span; usedAt: Span; own: boolean } {
  if (!found) return { span: path.span, usedAt: path.span, own: false };
  const span = locate(path, found.index, found.length);
  // Told by place, not by object: a value may make its span anew each time it is asked.
  const whole = path.span;
  return { span, usedAt: usedAt(path, found.index, found.length), own: span.start !== whole.start || span.end !== whole.end };
}

const notFound = { en: 'Azure would answer RegistrationNotFound.', sv: 'Azure skulle svara RegistrationNotFound.' };
const expected = '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.AzureStack/registrations/<name>';

export default defineRule({
  code: 'AZS101',
  name: 'registration-id-malformed',
  title: { en: 'Registration resource ID is malformed', sv: 'Registreringens resurs-ID är felformat' },
  docs: {
    finds: {
      en: `A registration or customer subscription resource ID that does not have the form ${expected}[/customerSubscriptions/<customer subscription ID>]: a missing or misspelled segment, another provider (such as Microsoft.AzureStackHCI), two slashes in a row, a subscription that is not a GUID, or extra segments.`,
      sv: `Ett resurs-ID för en registrering eller kundprenumeration som inte har formen ${expected}[/customerSubscriptions/<kundprenumerationens ID>]: ett segment saknas eller är felstavat, en annan provider (till exempel Microsoft.AzureStackHCI), två snedstreck i rad, en prenumeration som inte är ett GUID eller extra segment.`,
    },
    matters: {
      en: 'Azure Resource Manager finds no registration at a malformed path and answers RegistrationNotFound, so the tenant is never added.',
      sv: 'Azure Resource Manager hittar ingen registrering på en felformad sökväg och svarar RegistrationNotFound, så klienten läggs aldrig till.',
    },
  },
  defaultSeverity: 'error',
  azureError: 'RegistrationNotFound',
  messages: {
    wrongProvider: {
      en: `The provider is '{provider}', but registrations belong to Microsoft.AzureStack. ${notFound.en}`,
      sv: `Providern är '{provider}', men registreringar hör till Microsoft.AzureStack. ${notFound.sv}`,
    },
    emptySegment: {
      en: `The resource ID has an empty segment (two slashes in a row). ${notFound.en}`,
      sv: `Resurs-ID:t har ett tomt segment (två snedstreck i rad). ${notFound.sv}`,
    },
    missingSegment: {
      en: `The resource ID lacks the {segment} segment; expected ${expected}. ${notFound.en}`,
      sv: `Resurs-ID:t saknar segmentet {segment}; väntat är ${expected}. ${notFound.sv}`,
    },
    misspelledSegment: {
      en: `'{found}' should be '{expected}'. ${notFound.en}`,
      sv: `'{found}' ska vara '{expected}'. ${notFound.sv}`,
    },
    subscriptionNotGuid: {
      en: `The subscription '{value}' is not a GUID. ${notFound.en}`,
      sv: `Prenumerationen '{value}' är inte ett GUID. ${notFound.sv}`,
    },
    trailingSegments: {
      en: `Unexpected segments after the registration: '{extra}'. ${notFound.en}`,
      sv: `Oväntade segment efter registreringen: '{extra}'. ${notFound.sv}`,
    },
  },
  check({ facts }) {
    return reportsForEach(facts.resourceIds, ({ path, parsed }): readonly Report<ResourceIdProblem['kind'], Replacement>[] => {
      if (parsed.ok) return noReports;
      const { problem } = parsed;
      const { kind, ...values } = problem;
      const { own, ...place } = places(path, problemAt(path, problem));
      // The fix writes the expected segment over the underlined one: not over a whole ID it could not point into.
      return [{
        messageId: kind, values, ...place,
        ...(problem.kind === 'misspelledSegment' && own ? { data: { replacement: problem.expected } } : {}),
      }];
    });
  },
  fixes: (finding, document) => replacementFix(document, finding, { en: 'Correct the segment to "{replacement}"', sv: 'Rätta segmentet till "{replacement}"' }, true),
  cloudIdLookup: (finding, document) => cloudIdLookupAt(document, finding.start),
  editorActions: ['pickRegistration'],
});
