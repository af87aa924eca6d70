// REST Client request files.
import { httpFacts } from '../parse/http';
import { defineLanguage } from './language';

export const http = defineLanguage({
  kind: 'http',
  extensions: ['http', 'rest'],
  languageIds: ['http'],
  relevant: /azurestack|customersubscriptions|\/registrations\b/i,
  lineComment: '#',
  fence: { tags: ['http', 'rest'], together: false },
  read: ({ text }) => ({ facts: httpFacts(text) }),
});
