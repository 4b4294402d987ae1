/**
 * The attestations of an image a policy may read: in-toto statements verified with a trusted key or identity, from the
 * {@code .att} tag and from sigstore bundle referrers, and BuildKit's unsigned statements when a trusted signer signed the
 * index that lists them. What does not verify is a typed problem, never a predicate.
 */
package dev.gate.pipeline.attestation;
