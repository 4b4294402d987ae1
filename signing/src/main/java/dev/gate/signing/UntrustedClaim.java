package dev.gate.signing;

import dev.gate.image.GateException;

/**
 * A signature or attestation that does not verify with the trusted key: signed by someone else (another party, a key
 * before a rotation), or altered. As in cosign it is listed and never fails the image by itself; what it claims never
 * reaches a policy.
 */
public final class UntrustedClaim extends GateException {

    public UntrustedClaim(String message) {
        super(Kind.INPUT, message);
    }
}
