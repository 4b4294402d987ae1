package dev.gate.signing;

import dev.gate.image.Digest;

/**
 * Where keyless signatures come from: a certificate authority that vouches for an OIDC identity with a short-lived
 * certificate, and a transparency log that records each signature. Each call gives a sigstore bundle v0.3 (JSON).
 */
public interface KeylessSigning extends AutoCloseable {

    /** A bundle carrying a DSSE envelope of the in-toto statement {@code statement} (its exact bytes). */
    String attest(byte[] statement);

    /**
     * The image signed as cosign 3 signs it: a DSSE envelope of an in-toto statement of type
     * {@code https://sigstore.dev/cosign/sign/v1} about {@code image}. cosign reads only DSSE bundles from the referrers,
     * so a message signature there would not satisfy {@code cosign verify}.
     */
    default String signImage(String repository, Digest image) {
        return attest(ImageSignatures.signatureStatement(repository, image).bytes());
    }

    @Override
    void close();
}
