package dev.gate.signing;

import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.signing.oci.BundleReferrers;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import dev.gate.signing.oci.SignatureStore;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code gate verify} checks for one image: with a key, the cosign {@code .sig} and
 * {@code .att} manifests and the key-signed sigstore bundle referrers; with a keyless policy, the
 * keyless bundle referrers. Each item verifies or gets one line saying why not.
 */
public final class ImageVerifier {

    private final SignatureStore store;
    private final TrustedKeys keys;
    private final KeylessPolicy keyless;

    /** {@code keys} may hold no key or {@code keyless} be null (then the keys' own identity, if any), not both. */
    public ImageVerifier(SignatureStore store, TrustedKeys keys, KeylessPolicy keyless) {
        KeylessPolicy identity = keyless != null ? keyless : keys.identity();
        if (!keys.hasKeys() && identity == null) {
            throw new IllegalArgumentException("a key or a keyless policy is needed");
        }
        this.store = store;
        this.keys = keys.withIdentity(identity);
        this.keyless = identity;
    }

    /** Whom {@code trust} names: its keys and its keyless identity. */
    public ImageVerifier(SignatureStore store, TrustedKeys trust) {
        this(store, trust, null);
    }

    /** {@code key} or {@code keyless} may be null, not both. */
    public ImageVerifier(SignatureStore store, PublicKey key, KeylessPolicy keyless) {
        this(store, TrustedKeys.of(key), keyless);
    }

    /** {@code attestationType} null: signatures and all attestations; otherwise only that predicate type. */
    public Verification verify(String repository, Digest image, String attestationType) {
        List<Verification.Verified> verified = new ArrayList<>();
        List<Problem> failures = new ArrayList<>();
        List<Problem> absent = new ArrayList<>();
        List<Problem> untrusted = new ArrayList<>();
        if (keys.hasKeys()) {
            Verification tags = new KeyVerifier(new CosignAttacher(store), keys).verify(image, attestationType);
            verified.addAll(tags.verified());
            failures.addAll(tags.failures());
            absent.addAll(tags.absent());
            untrusted.addAll(tags.untrusted());
        }
        List<BundleReferrers.Found> bundles = readBundles(image, failures);
        if (bundles.isEmpty() && !keys.hasKeys()) {
            absent.add(new Problem(Problem.Kind.NO_BUNDLES, image + ": no sigstore bundle referrers found"));
        }
        BundleCheck check = new BundleCheck(keys, keyless);
        List<byte[]> payloads = signedPayloads(repository, image);
        for (BundleReferrers.Found bundle : bundles) {
            if (bundle.failure() != null) {
                failures.add(Problem.of(bundle.failure()));
                continue;
            }
            try {
                Verification.Verified result =
                        check.verify(bundle.content(), image, payloads, attestationType, bundle.where());
                if (result != null) {
                    verified.add(result);
                }
            } catch (UntrustedClaim e) {
                untrusted.add(e.problem());
            } catch (GateException e) {
                failures.add(Problem.of(e));
            }
        }
        holdsEitherFormat(verified, failures, absent);
        return new Verification(keys.keyIds(), verified, failures, absent, untrusted);
    }

    /**
     * cosign keeps an image's claims in one of two formats: the {@code .sig} and {@code .att} tags, or sigstore bundle
     * referrers (cosign 3's default). A signature or attestation verified in one format is not missing from the other.
     */
    private static void holdsEitherFormat(
            List<Verification.Verified> verified, List<Problem> failures, List<Problem> absent) {
        if (verified.stream().anyMatch(v -> v.predicateType() == null)) {
            absent.removeIf(p -> p.kind() == Problem.Kind.NO_SIGNATURES);
        }
        if (verified.stream().anyMatch(v -> v.predicateType() != null)) {
            absent.removeIf(p -> p.kind() == Problem.Kind.NO_ATTESTATIONS);
            failures.removeIf(p -> p.kind() == Problem.Kind.MISSING_ATTESTATION);
        }
    }

    private List<BundleReferrers.Found> readBundles(Digest image, List<Problem> failures) {
        try {
            return BundleReferrers.read(store, image, SigstoreBundles.MEDIA_TYPE);
        } catch (GateException e) {
            failures.add(Problem.of(e));
            return List.of();
        }
    }

    /**
     * The payloads a message-signature bundle may sign: the one written for this repository, and
     * those in {@code .sig} (an image copied from another repository keeps its first name there).
     */
    private List<byte[]> signedPayloads(String repository, Digest image) {
        List<byte[]> payloads = new ArrayList<>();
        payloads.add(new SimpleSigningPayload(repository, image).bytes());
        try {
            new CosignAttacher(store)
                    .layers(CosignAttacher.signatureTag(image)).stream()
                            .filter(layer -> layer.mediaType().equals(CosignLayer.SIMPLE_SIGNING))
                            .forEach(layer -> payloads.add(layer.content()));
        } catch (GateException e) {
            // A broken .sig manifest is reported by the key checks; bundles still verify against the rebuilt payload.
        }
        return payloads;
    }
}
