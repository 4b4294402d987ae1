package dev.gate.signing;

/**
 * A signature or attestation that does not verify with a trusted key or identity: signed by someone else (another
 * party, a key before a rotation), or altered. As in cosign it is listed and never fails the image by itself; what it
 * claims never reaches a policy. The message starts with the key the claim names (a bundle's public-key hint, a DSSE
 * signature's keyid), when it names one: a cosign {@code .sig} layer carries no key id.
 */
final class UntrustedClaim extends RejectedClaim {

    public UntrustedClaim(String namedKeyId, String message) {
        super(
                Problem.Kind.UNTRUSTED_SIGNER,
                (namedKeyId == null || namedKeyId.isEmpty() ? "key not named in the claim" : namedKeyId) + " ("
                        + message + ")");
    }
}
