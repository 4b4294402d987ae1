package dev.gate.pipeline.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file: what is kept and reused, and that nothing in it is taken on trust. */
class AuditStateTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String OTHER = "sha256:" + "cd".repeat(32);
    private static final String FINGERPRINT = "sha256:" + "01".repeat(32);

    @TempDir
    Path dir;

    private static TagAudit passing(String tag) {
        return new TagAudit(
                "team/app",
                tag,
                DIGEST,
                true,
                List.of("sha256:key"),
                List.of("signature"),
                List.of(),
                Map.of("critical", 0L),
                true,
                List.of(),
                null,
                null,
                List.of());
    }

    @Test
    void keepsPassingTagsAndReusesThemOnlyForTheSameDigestAndFingerprint() {
        Path file = dir.resolve("state.json");
        TagAudit unsigned = new TagAudit(
                "team/app",
                "2.0.0",
                OTHER,
                false,
                List.of(),
                List.of(),
                List.of("no signatures found"),
                Map.of(),
                null,
                List.of(),
                null,
                null,
                List.of());
        AuditState.fresh(file).record("registry.example.com", FINGERPRINT, List.of(passing("1.0.0"), unsigned));

        AuditState state = AuditState.read(file).forRegistry("registry.example.com");
        assertEquals(Optional.of(passing("1.0.0")), state.reusable("team/app", "1.0.0", DIGEST, FINGERPRINT));
        assertEquals(
                Optional.empty(),
                state.reusable("team/app", "1.0.0", OTHER, FINGERPRINT),
                "a moved tag is checked again");
        assertEquals(
                Optional.empty(),
                state.reusable("team/app", "1.0.0", DIGEST, "sha256:" + "02".repeat(32)),
                "other policies, key or database: checked again");
        assertEquals(
                Optional.empty(), state.reusable("team/app", "2.0.0", OTHER, FINGERPRINT), "a failing tag is not kept");
        assertEquals(
                Optional.empty(),
                AuditState.read(file)
                        .forRegistry("other.example.com")
                        .reusable("team/app", "1.0.0", DIGEST, FINGERPRINT),
                "another registry's state is not used");
    }

    @Test
    void aMissingFileIsAFirstRunAndTheWriteLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("new.json");
        AuditState.read(file).record("r", FINGERPRINT, List.of(passing("1.0.0")));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void anOversizedFileIsRefusedWithoutReadingIt() throws IOException {
        Path file = dir.resolve("huge.json");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(AuditState.MAX_BYTES + 1);
        }
        GateException e = assertThrows(GateException.class, () -> AuditState.read(file));
        assertEquals(GateException.Kind.INPUT, e.kind());
        assertTrue(e.getMessage().startsWith("--state " + file + ": larger than"), e.getMessage());
    }

    @Test
    void entriesThatDidNotPassOrAreMalformedAreRefused() throws IOException {
        String head = "{\"format\":\"gate-audit-state/v1\",\"registry\":\"r\",\"fingerprint\":\"" + FINGERPRINT
                + "\",\"tags\":[";
        String entry = "{\"repository\":\"team/app\",\"tag\":\"1.0.0\",\"digest\":\"" + DIGEST + "\",\"severities\":{}";
        for (String bad : List.of(
                entry + ",\"policyPassed\":false}",
                entry + ",\"severities\":{\"critical\":1.5}}",
                entry + ",\"verified\":[1]}",
                entry.replace(DIGEST, "sha256:zz") + "}",
                entry.replace("team/app", "") + "}",
                entry + ",\"severities\":{\"catastrophic\":1}}")) {
            Path file = dir.resolve("bad.json");
            Files.writeString(file, head + bad + "]}");
            GateException e = assertThrows(GateException.class, () -> AuditState.read(file), bad);
            assertEquals(GateException.Kind.INPUT, e.kind(), bad);
            assertTrue(e.getMessage().endsWith("remove the file or run with --full"), e.getMessage());
        }
    }
}
