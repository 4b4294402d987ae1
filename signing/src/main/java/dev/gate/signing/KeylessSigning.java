package dev.gate.signing;

import dev.gate.image.Digest;

/**
 * Where keyless signatures come from: a certificate authority that vouches for an OIDC identity with a short-lived
 * certificate, and a transparency log that records each signature. Each call gives a sigstore bundle v0.3 (JSON).
 */
public interface KeylessSigning extends AutoCloseable {

    /** A bundle of a signature over {@code payload}, e.g. the simple-signing payload of an image. */
    String sign(byte[] payload);

    /** A bundle carrying a DSSE envelope of the in-toto statement {@code statement} (its exact bytes). */
    String attest(byte[] statement);

    /** The simple-signing payload of {@code image} under the name {@code repository}, signed. */
    default String signImage(String repository, Digest image) {
        return sign(new SimpleSigningPayload(repository, image).bytes());
    }

    @Override
    void close();
}
