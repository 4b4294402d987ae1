package dev.gate.pipeline.publish;

import dev.gate.errors.GateException;
import dev.gate.pipeline.input.InputDocument;
import dev.gate.signing.CosignKeyPair;
import dev.gate.signing.EcdsaSigner;
import dev.gate.signing.KeylessSigning;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * How the gate signs: with a cosign key pair ({@link WithKey}), keyless through sigstore ({@link Keyless}), or not at
 * all ({@link Unsigned}). Callers tell them apart by type; {@link #name()} is only the word the input document and
 * the run report carry.
 */
public sealed interface SigningMethod permits SigningMethod.Unsigned, SigningMethod.WithKey, SigningMethod.Keyless {

    static SigningMethod none() {
        return Unsigned.INSTANCE;
    }

    static SigningMethod key(CosignKeyPair key) {
        return new WithKey(CompletableFuture.completedFuture(key));
    }

    /** A key that may still be decrypting in the background; the first use waits for it. */
    static SigningMethod key(CompletableFuture<CosignKeyPair> decrypting) {
        return new WithKey(decrypting);
    }

    /** Keyless: certificates for an OIDC identity, every signature and attestation logged. */
    static SigningMethod keyless(KeylessSigning service) {
        return new Keyless(service);
    }

    /** {@code none}, {@code key} or {@code keyless}: {@code input.signing.method}. */
    String name();

    /** The key pair when signing with a key, else null; a wrong password surfaces here as an input error. */
    default CosignKeyPair key() {
        return null;
    }

    /** Attestations are DSSE envelopes, signed with the key or, keyless, published as sigstore bundles. */
    default boolean attests() {
        return true;
    }

    default String keyId() {
        CosignKeyPair pair = key();
        return pair == null ? null : EcdsaSigner.keyId(pair.publicKey());
    }

    default InputDocument.Signing describe() {
        return new InputDocument.Signing(name(), keyId());
    }

    /** {@code --no-sign}: nothing is attached. */
    final class Unsigned implements SigningMethod {
        private static final Unsigned INSTANCE = new Unsigned();

        private Unsigned() {}

        @Override
        public String name() {
            return "none";
        }

        @Override
        public boolean attests() {
            return false;
        }

        @Override
        public String toString() {
            return "SigningMethod[none]";
        }
    }

    /** A cosign key pair. */
    final class WithKey implements SigningMethod {
        private final CompletableFuture<CosignKeyPair> key;

        private WithKey(CompletableFuture<CosignKeyPair> key) {
            this.key = Objects.requireNonNull(key, "key");
        }

        @Override
        public String name() {
            return "key";
        }

        @Override
        public CosignKeyPair key() {
            try {
                return key.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof GateException gate) {
                    throw gate;
                }
                throw e;
            }
        }

        @Override
        public String toString() {
            // Never the key.
            return "SigningMethod[key]";
        }
    }

    /** Keyless through a sigstore signing service. */
    final class Keyless implements SigningMethod {
        private final KeylessSigning service;

        private Keyless(KeylessSigning service) {
            this.service = Objects.requireNonNull(service, "service");
        }

        @Override
        public String name() {
            return "keyless";
        }

        public KeylessSigning service() {
            return service;
        }

        @Override
        public String toString() {
            // Never the token.
            return "SigningMethod[keyless]";
        }
    }
}
