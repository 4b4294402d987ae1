/**
 * Publishing an allowed image: where it goes ({@link dev.gate.pipeline.publish.Destination}: a registry or an OCI layout),
 * how it is signed ({@link dev.gate.pipeline.publish.SigningMethod}), and the order that keeps a tag honest
 * ({@link dev.gate.pipeline.publish.Publisher}): image by digest, signatures, attestations, SBOM referrer, tag last. Also
 * what {@code gate copy} carries along with an image.
 */
package dev.gate.pipeline.publish;
