package dev.gate.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.InProcessGate.Run;
import dev.gate.signing.testing.TestSigstore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * cosign judges what gate signs keyless, offline: the bundles of a throwaway sigstore instance (a test CA as Fulcio, a
 * test log as Rekor) checked by {@code cosign verify-attestation --trusted-root}, against the identity in the
 * certificate and nothing else.
 */
class KeylessCosignTest extends RegistryInterop {

    private static final String IDENTITY = "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main";
    private static final String ISSUER = "https://token.actions.githubusercontent.com";

    @Test
    void cosignVerifiesKeylessAttestationsOfAGatePush() throws Exception {
        TestSigstore sigstore = new TestSigstore();
        Path trustedRoot = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));
        environment = environment.withKeylessService(token -> sigstore.signer(IDENTITY, ISSUER));
        String image = Cosign.freshImage(registry, "keyless", "1.0.0");
        Path policies = this.root.resolve("policies");
        Run pushed = gate(
                "push",
                "--policy",
                policies.resolve("prod.rego").toString(),
                "--data",
                policies.resolve("data.example.yaml").toString(),
                "--keyless",
                "--identity-token",
                "offline-test-token",
                "--no-scan",
                "--waivers",
                this.root.resolve("testdata/waivers/unscanned.yaml").toString(),
                "oci:" + this.root.resolve("testdata/sample") + ":1.0.0",
                image);
        assertEquals(0, pushed.code(), pushed.toString());

        Tool sbom = cosign.run(
                "verify-attestation",
                "--trusted-root",
                trustedRoot.toString(),
                "--certificate-identity",
                IDENTITY,
                "--certificate-oidc-issuer",
                ISSUER,
                "--type",
                "cyclonedx",
                "--new-bundle-format=true",
                "--allow-http-registry=true",
                "--allow-insecure-registry=true",
                image);
        assertEquals(0, sbom.code(), sbom.toString());
        Tool decision = cosign.run(
                "verify-attestation",
                "--trusted-root",
                trustedRoot.toString(),
                "--certificate-identity",
                IDENTITY,
                "--certificate-oidc-issuer",
                ISSUER,
                "--type",
                "https://gate.dev/attestation/decision/v1",
                "--new-bundle-format=true",
                "--allow-http-registry=true",
                "--allow-insecure-registry=true",
                image);
        assertEquals(0, decision.code(), decision.toString());
        Tool signature = cosign.run(
                "verify",
                "--trusted-root",
                trustedRoot.toString(),
                "--certificate-identity",
                IDENTITY,
                "--certificate-oidc-issuer",
                ISSUER,
                "--new-bundle-format=true",
                "--allow-http-registry=true",
                "--allow-insecure-registry=true",
                image);
        assertEquals(0, signature.code(), signature.toString());
        assertTrue(signature.output().contains("https://sigstore.dev/cosign/sign/v1"), signature.output());
        Tool other = cosign.run(
                "verify-attestation",
                "--trusted-root",
                trustedRoot.toString(),
                "--certificate-identity",
                "https://github.com/acme/other",
                "--certificate-oidc-issuer",
                ISSUER,
                "--type",
                "cyclonedx",
                "--new-bundle-format=true",
                "--allow-http-registry=true",
                "--allow-insecure-registry=true",
                image);
        assertNotEquals(0, other.code(), other.toString());
        assertTrue(
                other.output().contains("none of the expected identities matched")
                        || other.output().contains("identit"),
                other.output());
    }
}
