package dev.gate.cli.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.signing.testing.TestSigstore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A security team publishes its policies keyless ({@code gate policy push --keyless}); CI pins the bundle and trusts it
 * by the team's identity ({@code --policy-trusted-root} and {@code --policy-certificate-identity}), never by another's.
 * A throwaway sigstore instance stands in for Fulcio and Rekor; cosign judges the bundle's signature offline.
 */
class KeylessPolicyBundleTest extends RegistryInterop {

    private static final String TEAM =
            "https://github.com/acme/security/.github/workflows/policies.yml@refs/heads/main";
    private static final String CI = "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main";
    private static final String ISSUER = "https://token.actions.githubusercontent.com";
    private static final Pattern PUBLISHED = Pattern.compile("as oci://(\\S+@sha256:[0-9a-f]{64})");

    private final TestSigstore sigstore = new TestSigstore();

    @Test
    void aKeylessBundleIsTrustedByItsSignersIdentityOnly() throws Exception {
        Path trustedRoot = sigstore.writeTrustedRoot(dir.resolve("trusted_root.json"));
        Path folder = Files.createDirectories(dir.resolve("policies/waivers"));
        Files.copy(root.resolve("policies/prod.rego"), folder.resolve("../prod.rego"));
        Files.copy(root.resolve("policies/data.example.yaml"), folder.resolve("../data.yaml"));
        Files.copy(root.resolve("testdata/waivers/unscanned.yaml"), folder.resolve("unscanned.yaml"));
        String reference = Cosign.freshImage(registry, "keyless-policies", "v1");

        environment = environment.withKeylessService(token -> sigstore.signer(TEAM, ISSUER));
        Run published = gate(
                "policy", "push", dir.resolve("policies").toString(), reference, "--keyless", "--identity-token", "t");
        assertEquals(0, published.code(), published.toString());
        assertTrue(published.out().contains("signed by identity " + TEAM + " (" + ISSUER + ")"), published.out());
        Matcher m = PUBLISHED.matcher(published.out());
        assertTrue(m.find(), published.out());
        String pinned = m.group(1);

        Tool cosignVerified = cosign.run(
                "verify",
                "--trusted-root",
                trustedRoot.toString(),
                "--certificate-identity",
                TEAM,
                "--certificate-oidc-issuer",
                ISSUER,
                "--new-bundle-format=true",
                "--allow-http-registry=true",
                "--allow-insecure-registry=true",
                pinned);
        assertEquals(0, cosignVerified.code(), cosignVerified.toString());

        Run pulled = gate(trusting(
                TEAM, "policy", "pull", reference, dir.resolve("pulled").toString()));
        assertEquals(0, pulled.code(), pulled.toString());
        assertTrue(Files.isRegularFile(dir.resolve("pulled/prod.rego")), pulled.toString());
        assertTrue(pulled.out().contains("signed by identity " + TEAM), pulled.out());

        // The CI job's identity is not the team's: a bundle it could sign never judges its own images.
        Run refused = gate(
                trusting(CI, "policy", "pull", reference, dir.resolve("refused").toString()));
        assertEquals(1, refused.code(), refused.toString());
        assertTrue(refused.err().contains("does not verify with the policy key or identity"), refused.err());
        assertFalse(Files.exists(dir.resolve("refused/prod.rego")));

        // The gate itself, signing the image keyless as CI while trusting the policies by the team's identity.
        environment = environment.withKeylessService(token -> sigstore.signer(CI, ISSUER));
        Path out = dir.resolve("out");
        Run pushed = gate(trusting(
                TEAM,
                "push",
                "--policy",
                "oci://" + pinned,
                "--keyless",
                "--identity-token",
                "t",
                "--no-scan",
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                "oci:" + root.resolve("testdata/sample") + ":1.0.0",
                "oci:" + out + ":1.0.0"));
        assertEquals(0, pushed.code(), pushed.toString());
        Run verified = gate(
                "verify",
                "--trusted-root",
                trustedRoot.toString(),
                "--certificate-identity",
                CI,
                "--certificate-oidc-issuer",
                ISSUER,
                "--show",
                "decision",
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                "oci:" + out + ":1.0.0");
        assertEquals(0, verified.code(), verified.toString());
        JsonNode bundle = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(verified.out())
                .path("policyBundles")
                .path(0);
        assertEquals(TEAM, bundle.path("identity").asText(), verified.out());
        assertTrue(bundle.path("keyId").isNull(), verified.out());
        assertEquals(
                pinned.substring(pinned.indexOf('@') + 1), bundle.path("digest").asText(), verified.out());

        // The same trust from a configuration file, as a CI job pins its policies there.
        Path config = Files.writeString(
                dir.resolve("gate.yaml"),
                "policies: [oci://" + pinned + "]\npolicySigner:\n" + "  trustedRoot: trusted_root.json\n  identity: "
                        + TEAM + "\n  issuerRegexp: 'https://token\\.actions\\..*'\n");
        Run configured = gate(
                "push",
                "--config",
                config.toString(),
                "--keyless",
                "--identity-token",
                "t",
                "--no-scan",
                "--name",
                "registry.example.com/demo/sample:1.0.0",
                "oci:" + root.resolve("testdata/sample") + ":1.0.0",
                "oci:" + dir.resolve("out3") + ":1.0.0");
        assertEquals(0, configured.code(), configured.toString());
        Files.writeString(
                config,
                "policies: [oci://" + pinned + "]\npolicySigner: {trustedRoot: trusted_root.json, identity: " + TEAM
                        + "}\n");
        Run incomplete = gate(
                "push",
                "--config",
                config.toString(),
                "--keyless",
                "--identity-token",
                "t",
                "--no-scan",
                "oci:" + root.resolve("testdata/sample") + ":1.0.0",
                "oci:" + dir.resolve("out4") + ":1.0.0");
        assertEquals(2, incomplete.code(), incomplete.toString());
        assertTrue(incomplete.err().contains("gate.yaml: 'policySigner' needs trustedRoot"), incomplete.err());

        Run wrongTrust = gate(trusting(
                CI,
                "push",
                "--policy",
                "oci://" + pinned,
                "--keyless",
                "--identity-token",
                "t",
                "--no-scan",
                "oci:" + root.resolve("testdata/sample") + ":1.0.0",
                "oci:" + dir.resolve("out2") + ":1.0.0"));
        assertEquals(1, wrongTrust.code(), wrongTrust.toString());
        assertFalse(Files.exists(dir.resolve("out2/index.json")), "nothing written when the policies do not verify");
    }

    @Test
    void aLonePolicyIdentityFlagIsRefused() {
        Run run = gate(
                "policy",
                "pull",
                "localhost:1/x:1",
                dir.resolve("p").toString(),
                "--policy-key",
                "k.pub",
                "--policy-certificate-identity",
                TEAM);
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().contains("--policy-certificate-identity needs --policy-trusted-root"), run.err());
    }

    private String[] trusting(String identity, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(
                "--policy-trusted-root",
                dir.resolve("trusted_root.json").toString(),
                "--policy-certificate-identity",
                identity,
                "--policy-certificate-oidc-issuer",
                ISSUER));
        return args.toArray(String[]::new);
    }
}
