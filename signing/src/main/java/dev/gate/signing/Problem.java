package dev.gate.signing;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.gate.errors.GateException;
import java.util.Objects;

/**
 * One thing a verification found wrong or missing: a kind that callers decide by, and the message people read (it names
 * the tag, layer or referrer it is about). Serialised as its message alone, so JSON reports keep their shape.
 */
public record Problem(Kind kind, String message) {

    public enum Kind {
        /** The image has no {@code .sig} tag: it may be signed by bundle only. */
        NO_SIGNATURES,
        /** The image has no {@code .att} tag: it may be attested by bundle only, or not at all. */
        NO_ATTESTATIONS,
        /** The image has no sigstore bundle referrers. */
        NO_BUNDLES,
        /** An attestation type that was required, and that no verified attestation has. */
        MISSING_ATTESTATION,
        /** Signed by a key or identity not trusted here, or altered so that no trusted one verifies it. */
        UNTRUSTED_SIGNER,
        /** Signed by a trusted signer, about another image: a claim replayed onto this one. */
        WRONG_SUBJECT,
        /**
         * A keyless bundle of the trusted identity that sigstore-java refuses: chain, log entry, signature or digest. It
         * checks a keyless statement's subjects itself, so a keyless claim about another image is refused here.
         */
        SIGSTORE_REJECTED,
        /** A manifest, bundle, payload or certificate that could not be read, or is not what it should be. */
        UNREADABLE
    }

    public Problem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** What a failed check threw: its kind when it is a {@link RejectedClaim}, else an unreadable claim. */
    public static Problem of(GateException e) {
        return e instanceof RejectedClaim rejected ? rejected.problem() : new Problem(Kind.UNREADABLE, e.getMessage());
    }

    @JsonValue
    @Override
    public String message() {
        return message;
    }

    /** The message: problems are printed and joined into reports as they always were. */
    @Override
    public String toString() {
        return message;
    }
}
