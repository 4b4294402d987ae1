package dev.gate.signing;

import dev.gate.errors.GateException;
import dev.gate.image.Digest;
import dev.gate.signing.oci.CosignAttacher;
import dev.gate.signing.oci.CosignLayer;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Verifies the cosign signatures and attestations of one image against the trusted public keys. */
public final class KeyVerifier {

    private final CosignAttacher attacher;
    private final TrustedKeys keys;

    public KeyVerifier(CosignAttacher attacher, TrustedKeys keys) {
        this.attacher = attacher;
        this.keys = keys;
    }

    public KeyVerifier(CosignAttacher attacher, PublicKey key) {
        this(attacher, TrustedKeys.of(key));
    }

    /** {@code attestationType} null: signatures and all attestations; otherwise only that predicate type. */
    public Verification verify(Digest image, String attestationType) {
        List<Verification.Verified> verified = new ArrayList<>();
        List<Problem> failures = new ArrayList<>();
        List<Problem> absent = new ArrayList<>();
        List<Problem> untrusted = new ArrayList<>();
        Found found = new Found(verified, failures, absent, untrusted);
        if (attestationType == null) {
            checkLayers(CosignAttacher.signatureTag(image), image, null, found);
        }
        checkLayers(CosignAttacher.attestationTag(image), image, attestationType, found);
        if (attestationType != null && verified.isEmpty()) {
            failures.add(noAttestationOfType(image, attestationType));
        }
        return new Verification(keys.keyIds(), verified, failures, absent, untrusted);
    }

    static Problem noAttestationOfType(Digest image, String type) {
        return new Problem(
                Problem.Kind.MISSING_ATTESTATION,
                CosignAttacher.attestationTag(image) + ": no verified attestation of type " + type);
    }

    private record Found(
            List<Verification.Verified> verified,
            List<Problem> failures,
            List<Problem> absent,
            List<Problem> untrusted) {}

    private void checkLayers(String tag, Digest image, String type, Found found) {
        List<Verification.Verified> verified = found.verified();
        List<Problem> failures = found.failures();
        List<Problem> absent = found.absent();
        List<CosignLayer> layers;
        try {
            layers = attacher.layers(tag);
        } catch (GateException e) {
            failures.add(Problem.of(e));
            return;
        }
        if (layers.isEmpty()) {
            absent.add(
                    tag.endsWith(".sig")
                            ? new Problem(Problem.Kind.NO_SIGNATURES, tag + ": no signatures found")
                            : new Problem(Problem.Kind.NO_ATTESTATIONS, tag + ": no attestations found"));
        }
        for (int i = 0; i < layers.size(); i++) {
            String where = tag + " layer " + i;
            try {
                Verification.Verified result = tag.endsWith(".sig")
                        ? signature(layers.get(i), image, where)
                        : attestation(layers.get(i), image, type, where);
                if (result != null) {
                    verified.add(result);
                }
            } catch (UntrustedClaim e) {
                found.untrusted().add(e.problem());
            } catch (GateException e) {
                failures.add(Problem.of(e));
            }
        }
    }

    private Verification.Verified signature(CosignLayer layer, Digest image, String where) {
        byte[] signature = decode(layer.annotations().get(CosignLayer.SIGNATURE_ANNOTATION), where);
        Signer signer = keys.signerOf(layer.content(), signature);
        if (signer == null) {
            throw new UntrustedClaim(
                    null,
                    where
                            + ": signature does not verify with a trusted key (signed by another key, or payload altered)");
        }
        return Claims.signature(layer.content(), image, "signature", signer, where);
    }

    private Verification.Verified attestation(CosignLayer layer, Digest image, String type, String where) {
        TrustedKeys.Opened opened = keys.open(layer.content(), where);
        if (opened == null) {
            throw new UntrustedClaim(
                    TrustedKeys.namedKeyId(layer.content()),
                    where
                            + ": attestation does not verify with a trusted key (signed by another key, or statement altered)");
        }
        return Claims.statement(opened.payload(), image, type, "", opened.signer(), where);
    }

    private static byte[] decode(String text, String where) {
        if (text == null) {
            throw GateException.input(where + ": no " + CosignLayer.SIGNATURE_ANNOTATION + " annotation");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw GateException.input(where + ": signature annotation is not base64");
        }
    }
}
