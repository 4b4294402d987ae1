package dev.gate.cli.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.cli.InProcessGate;
import dev.gate.image.testing.TestMaterial;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class VerifyKeylessCommandTest {

    private static final String IDENTITY =
            "https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v2.0.0";
    private static final String ISSUER = "https://token.actions.githubusercontent.com";
    private final StringWriter out = new StringWriter();

    @Test
    void sigstoreJavaJarVerifiesAndOtherIdentityDoesNot() {
        Path dir = TestMaterial.shared("sigstore");
        Path jar = Path.of(System.getProperty("user.home"), ".m2/repository/dev/sigstore/sigstore-java/2.0.0/sigstore-java-2.0.0.jar");
        String[] base = {"verify", "--trusted-root", dir.resolve("trusted_root.public-good.json").toString(),
            "--bundle", dir.resolve("sigstore-java-2.0.0.jar.sigstore.json").toString(), "--certificate-oidc-issuer", ISSUER};
        assertEquals(0, run(base, "--certificate-identity", IDENTITY, jar.toString()), out.toString());
        assertTrue(out.toString().startsWith("verified "), out.toString());
        assertEquals(1, run(base, "--certificate-identity", "https://example.com/other", jar.toString()));
        assertEquals(1, run(base, "--certificate-identity", IDENTITY, dir.resolve("artifact.txt").toString()));
    }

    private int run(String[] base, String... more) {
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        InProcessGate.Run run = InProcessGate.gate(args);
        out.write(run.out());
        out.write(run.err());
        return run.code();
    }
}
