package dev.gate.signing;

import static dev.gate.image.testing.FuzzChecks.parses;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gate.image.Digest;
import dev.gate.signing.oci.CosignManifest;
import dev.gate.signing.oci.InMemorySignatureStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a registry or a user hands to verification: key files, DSSE envelopes, the statements and payloads they
 * carry, sigstore bundles, cosign signature manifests. The seeds are signed with {@code fuzz-signing.key}
 * (password {@code fuzz}), so mutations of them reach the checks behind the signature.
 */
class SignedDocumentFuzzTest {

    private static final char[] PASSWORD = "fuzz".toCharArray();
    private static final CosignKeyPair KEY =
            CosignKeyFile.decrypt(resource("fuzz-signing.key"), PASSWORD, "fuzz-signing.key");
    private static final Signer SIGNER = Signer.key(KEY.publicKey());
    private static final Digest IMAGE = Digest.sha256("image".getBytes(StandardCharsets.UTF_8));
    private static final byte[] PAYLOAD = new SimpleSigningPayload("registry.example/app", IMAGE).bytes();

    private static String resource(String name) {
        try (InputStream in = SignedDocumentFuzzTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cosign private key file (scrypt makes each run slow: this target fuzzes at a few runs a second). */
    @FuzzTest
    void cosignKey(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        parses(() -> Pem.parse(text, "fuzz"));
        parses(() -> CosignKeyFile.decrypt(text, PASSWORD, "fuzz"));
    }

    @FuzzTest
    void dsseEnvelope(byte[] input) throws Exception {
        parses(() -> {
            byte[] payload = Dsse.verify(input, KEY.publicKey(), "fuzz");
            if (payload != null) {
                Claims.statement(payload, IMAGE, null, "attestation", SIGNER, "fuzz");
            }
        });
    }

    /** A verified payload: an in-toto statement or a simple-signing payload, read for what it claims. */
    @FuzzTest
    void statement(byte[] input) throws Exception {
        parses(() -> Claims.statement(input, IMAGE, null, "attestation", SIGNER, "fuzz"));
        parses(() -> Claims.statement(input, IMAGE, InTotoStatement.VULN, "attestation", SIGNER, "fuzz"));
        parses(() -> Claims.signature(input, IMAGE, "signature", SIGNER, "fuzz"));
    }

    @FuzzTest
    void sigstoreBundle(byte[] input) throws Exception {
        parses(() -> new BundleCheck(TrustedKeys.of(KEY.publicKey()), null)
                .verify(input, IMAGE, List.of(PAYLOAD), null, "fuzz"));
        parses(() -> new BundleCheck(TrustedKeys.of(KEY.publicKey()), null)
                .verify(input, IMAGE, List.of(PAYLOAD), InTotoStatement.VULN, "fuzz"));
    }

    /** A {@code .sig} or {@code .att} manifest; its blobs are the input's own bytes, so digests can match. */
    @FuzzTest
    void cosignManifest(byte[] input) throws Exception {
        InMemorySignatureStore store = new InMemorySignatureStore();
        store.put("blob", new byte[0], Map.of(Digest.sha256(input), input, Digest.sha256(PAYLOAD), PAYLOAD));
        parses(() -> CosignManifest.read(input, store, "sha256-fuzz.sig"));
    }
}
