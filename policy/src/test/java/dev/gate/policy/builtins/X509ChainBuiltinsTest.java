package dev.gate.policy.builtins;

import static dev.gate.policy.builtins.Calls.call;
import static dev.gate.policy.builtins.Calls.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gate.policy.value.ArrayValue;
import dev.gate.policy.value.ObjectValue;
import dev.gate.policy.value.StringValue;
import dev.gate.policy.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A root and a leaf it signs, made with the JDK's keytool, verified through crypto.x509.parse_and_verify_certificates. */
class X509ChainBuiltinsTest {
    private static final String NAME = "crypto.x509.parse_and_verify_certificates";

    @TempDir
    static Path dir;

    private static String root;
    private static String csr;
    private static String leaf;
    private static String stranger;

    @BeforeAll
    static void makeCertificates() throws Exception {
        keytool(
                "-genkeypair",
                "-alias",
                "root",
                "-keyalg",
                "EC",
                "-dname",
                "CN=gate test root",
                "-ext",
                "bc:c",
                "-validity",
                "30");
        keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-dname", "CN=leaf.example", "-validity", "30");
        keytool(
                "-genkeypair",
                "-alias",
                "stranger",
                "-keyalg",
                "EC",
                "-dname",
                "CN=gate test root",
                "-ext",
                "bc:c",
                "-validity",
                "30");
        keytool("-certreq", "-alias", "leaf", "-file", dir.resolve("leaf.csr").toString());
        keytool(
                "-gencert",
                "-alias",
                "root",
                "-infile",
                dir.resolve("leaf.csr").toString(),
                "-outfile",
                dir.resolve("leaf.pem").toString(),
                "-rfc",
                "-ext",
                "eku=serverAuth",
                "-ext",
                "san=dns:leaf.example,uri:spiffe://example.com/opa",
                "-validity",
                "10");
        keytool(
                "-exportcert",
                "-alias",
                "root",
                "-rfc",
                "-file",
                dir.resolve("root.pem").toString());
        keytool(
                "-exportcert",
                "-alias",
                "stranger",
                "-rfc",
                "-file",
                dir.resolve("stranger.pem").toString());
        root = Files.readString(dir.resolve("root.pem"));
        csr = Files.readString(dir.resolve("leaf.csr"))
                .replace("NEW CERTIFICATE REQUEST", "CERTIFICATE REQUEST"); // keytool writes the legacy label
        leaf = Files.readString(dir.resolve("leaf.pem"));
        stranger = Files.readString(dir.resolve("stranger.pem"));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-keystore", dir.resolve("keys.p12").toString(), "-storepass", "changeit", "-noprompt"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException("keytool failed: " + output);
    }

    private static Value verify(Instant at, String pem) {
        return call(BuiltinContext.simple(at), NAME, StringValue.of(pem));
    }

    @Test
    void rootThenLeafVerifies() {
        ArrayValue result = (ArrayValue) verify(Instant.now(), root + leaf);
        assertEquals(v("true"), result.get(0));
        ArrayValue chain = (ArrayValue) result.get(1);
        assertEquals(2, chain.size());
        assertEquals(
                v("\"leaf.example\""), ((ObjectValue) ((ObjectValue) chain.get(0)).get("Subject")).get("CommonName"));
        assertEquals(v("[\"leaf.example\"]"), ((ObjectValue) chain.get(0)).get("DNSNames"));
        assertEquals(v("[\"spiffe://example.com/opa\"]"), ((ObjectValue) chain.get(0)).get("URIStrings"));
        assertEquals(v("null"), ((ObjectValue) chain.get(1)).get("URIStrings"));
        assertEquals(
                v("\"gate test root\""), ((ObjectValue) ((ObjectValue) chain.get(1)).get("Subject")).get("CommonName"));
        assertEquals(v("true"), ((ObjectValue) chain.get(1)).get("IsCA"));
    }

    @Test
    void keyPairs() throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("keys.p12"))) {
            store.load(in, "changeit".toCharArray());
        }
        String rootKey = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder()
                        .encodeToString(
                                store.getKey("root", "changeit".toCharArray()).getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String leafKey = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder()
                        .encodeToString(
                                store.getKey("leaf", "changeit".toCharArray()).getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String name = "crypto.x509.parse_keypair";
        ObjectValue pair = (ObjectValue) call(name, StringValue.of(root), StringValue.of(rootKey));
        assertEquals(1, ((ArrayValue) pair.get("Certificate")).size());
        assertEquals(
                v("\"gate test root\""),
                ((ObjectValue) ((ObjectValue) pair.get("Leaf")).get("Subject")).get("CommonName"));
        assertEquals(
                pair,
                call(
                        name,
                        StringValue.of(java.util.Base64.getEncoder().encodeToString(root.getBytes())),
                        StringValue.of(java.util.Base64.getEncoder().encodeToString(rootKey.getBytes()))));
        Calls.assertError(
                BuiltinException.BUILTIN_ERROR,
                name + ": tls: private key does not match public key",
                name,
                "\"" + root.replace("\n", "\\n") + "\", \""
                        + leafKey.replace("\n", "\\n").replace("\r", "") + "\"");
    }

    @Test
    void certificateRequests() {
        String name = "crypto.x509.parse_certificate_request";
        ObjectValue parsed = (ObjectValue) call(name, StringValue.of(csr));
        assertEquals(v("\"leaf.example\""), ((ObjectValue) parsed.get("Subject")).get("CommonName"));
        assertEquals(v("3"), parsed.get("PublicKeyAlgorithm"), "ECDSA");
        String der = csr.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        assertEquals(parsed, call(name, StringValue.of(der)));
        Calls.assertBuiltinError(
                name + ": invalid PEM-encoded certificate signing request",
                name,
                "\"" + java.util.Base64.getEncoder().encodeToString(root.getBytes()) + "\"");
    }

    @Test
    void optionsNameTheHostTimeAndUsages() {
        String name = "crypto.x509.parse_and_verify_certificates_with_options";
        BuiltinContext now = BuiltinContext.simple(Instant.now());
        Value pem = StringValue.of(root + leaf);
        assertEquals(v("true"), ((ArrayValue) call(now, name, pem, v("{\"DNSName\": \"leaf.example\"}"))).get(0));
        assertEquals(v("[false, []]"), call(now, name, pem, v("{\"DNSName\": \"other.example\"}")));
        assertEquals(v("[false, []]"), call(now, name, pem, v("{\"KeyUsages\": [\"KeyUsageCodeSigning\"]}")));
        assertEquals(v("true"), ((ArrayValue) call(now, name, pem, v("{\"KeyUsages\": [\"KeyUsageAny\"]}"))).get(0));
        long later = (Instant.now().getEpochSecond() + 86400L * 60) * 1_000_000_000L;
        assertEquals(v("[false, []]"), call(now, name, pem, v("{\"CurrentTime\": " + later + "}")));
        Calls.assertBuiltinError(name + ": invalid key option: Nope", name, "\"x\", {\"Nope\": 1}");
    }

    @Test
    void wrongOrderOtherRootExpiredOrGarbageDoNot() {
        Value invalid = v("[false, []]");
        assertEquals(invalid, verify(Instant.now(), leaf + root));
        assertEquals(invalid, verify(Instant.now(), stranger + leaf), "same name, other key");
        assertEquals(invalid, verify(Instant.now().plusSeconds(86400L * 60), root + leaf), "after the leaf expired");
        assertEquals(invalid, verify(Instant.now(), root));
        assertEquals(invalid, verify(Instant.now(), "YmFkc3RyaW5n"));
    }
}
