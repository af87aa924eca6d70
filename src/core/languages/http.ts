// REST Client request files.
import { httpFacts } from '../parse/http';
import { defineLanguage } from './language';

export const http = defineLanguage({
  kind: 'http',
  extensions: ['http', 'rest'],
  languageIds: ['http'],
  relevant: /azurestack|customersubscriptions|\/registrations\b/i,
  lineComment: '#',
  read: ({ text }) => ({ facts: httpFacts(text) }),
});
