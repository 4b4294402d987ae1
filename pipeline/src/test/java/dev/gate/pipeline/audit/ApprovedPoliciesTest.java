package dev.gate.pipeline.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which gatings an approved list accepts: files by digest, or every file of a listed signed bundle. */
class ApprovedPoliciesTest {

    private static final String FILE = "aa".repeat(32);
    private static final String BUNDLE = "bb".repeat(32);
    private static final String OTHER = "cc".repeat(32);

    @TempDir
    Path dir;

    private ApprovedPolicies list(String content) throws Exception {
        return ApprovedPolicies.read(Files.writeString(dir.resolve("approved"), content));
    }

    private static GatedBy gated(List<GatedBy.PolicyFile> files, List<String> bundles) {
        return new GatedBy("2026-11-30T10:00:00Z", files, List.of(), bundles, Map.of());
    }

    @Test
    void aFileFromAListedBundleIsApprovedWhateverItsOwnDigest() throws Exception {
        ApprovedPolicies approved = list("[\"sha256:" + BUNDLE + "\"]");
        GatedBy fromBundle = gated(
                List.of(new GatedBy.PolicyFile(
                        "oci://registry.example.com/policies@sha256:" + BUNDLE + "/prod.rego", OTHER)),
                List.of("sha256:" + BUNDLE));
        assertEquals(List.of(), approved.unapproved(fromBundle));

        // The path alone proves nothing: the bundle must be among those the record says were verified.
        GatedBy pathOnly = gated(fromBundle.policies(), List.of());
        assertEquals(1, approved.unapproved(pathOnly).size());
    }

    @Test
    void everyFileMustBeListed() throws Exception {
        ApprovedPolicies approved = list(FILE.toUpperCase() + "  # prod.rego, reviewed\n");
        GatedBy two = gated(
                List.of(new GatedBy.PolicyFile("prod.rego", FILE), new GatedBy.PolicyFile("extra.rego", OTHER)),
                List.of());
        assertEquals(
                List.of("gated by a policy not on the approved list: extra.rego (sha256 " + OTHER + ")"),
                approved.unapproved(two));
        assertTrue(approved.unapproved(null).get(0).startsWith("no verified decision record"));
    }

    @Test
    void anEmptyOrMalformedListIsRefused() {
        assertThrows(GateException.class, () -> list("# nothing\n"));
        assertThrows(GateException.class, () -> list("[1]"));
        assertThrows(GateException.class, () -> list("sha512:" + FILE));
    }
}
