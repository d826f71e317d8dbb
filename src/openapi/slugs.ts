// The documents' names, apart from the documents themselves: the server lists them at start-up
// and builds the documents (every provider's schemas turned into JSON Schema) on the first request.
export const DOCUMENT_SLUGS = ['devino', 'mobilgroup', 'voicepassword', 'unibell', 'admin'] as const;
export type DocumentSlug = (typeof DOCUMENT_SLUGS)[number];
