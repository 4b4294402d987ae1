// Verifies one key-signed sigstore bundle with sigstore-js (@sigstore/verify), independently of gate.
// usage: node verify-bundle.js BUNDLE.json PUBLIC_KEY.pem [ARTIFACT]
// ARTIFACT is the signed file of a message-signature bundle; DSSE bundles carry their payload.
// Prints "verified" and, for DSSE, the statement's predicateType and subject digests; exits 1 on failure.
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const { bundleFromJSON } = require('@sigstore/bundle');
const { TrustedRoot } = require('@sigstore/protobuf-specs');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');

const [bundlePath, keyPath, artifactPath] = process.argv.slice(2);
const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundlePath, 'utf8')));
const key = crypto.createPublicKey(fs.readFileSync(keyPath));
// An empty trusted root: no Fulcio, Rekor or TSA, only the given public key, found by the bundle's hint.
const root = TrustedRoot.fromJSON({
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [],
});
const trust = toTrustMaterial(root, () => ({ publicKey: key, validFor: () => true }));
// gate's key-signed bundles carry no transparency-log entry and no signed timestamp.
const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
const artifact = artifactPath ? fs.readFileSync(artifactPath) : undefined;
try {
  verifier.verify(toSignedEntity(bundle, artifact));
} catch (e) {
  console.log(`not verified: ${e.code || ''} ${e.message}`);
  process.exit(1);
}
console.log('verified');
if (bundle.content.$case === 'dsseEnvelope') {
  const statement = JSON.parse(bundle.content.dsseEnvelope.payload.toString('utf8'));
  console.log(`predicateType ${statement.predicateType}`);
  for (const subject of statement.subject) {
    console.log(`subject ${subject.name} sha256:${subject.digest.sha256}`);
  }
}
