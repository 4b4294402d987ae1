package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.gate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.cli.InProcessGate.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An advisory database of one OSV record about an npm package, every version before 2.0.0 affected. */
final class NpmAdvisories {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NpmAdvisories() {}

    /** The OSV record, to which a test may add (a severity, say) before {@link #database}. */
    static ObjectNode advisory(String id, String summary, String packageName) {
        ObjectNode advisory = JSON.createObjectNode()
                .put("schema_version", "1.6.0")
                .put("id", id)
                .put("modified", "2026-01-01T00:00:00Z")
                .put("summary", summary);
        ObjectNode affected = advisory.putArray("affected").addObject();
        affected.putObject("package").put("ecosystem", "npm").put("name", packageName);
        affected.putArray("ranges")
                .addObject()
                .put("type", "SEMVER")
                .putArray("events")
                .add(JSON.createObjectNode().put("introduced", "0"))
                .add(JSON.createObjectNode().put("fixed", "2.0.0"));
        return advisory;
    }

    /** {@code dir/osv.db}, imported by {@code gate db import} from {@code advisory} alone. */
    static Path database(Path dir, ObjectNode advisory) throws IOException {
        Path osv = Files.createDirectories(dir.resolve("osv"));
        Files.writeString(osv.resolve("GATE-1.json"), JSON.writeValueAsString(advisory));
        Path db = dir.resolve("osv.db");
        Run imported = gate("db", "import", osv.toString(), "--db", db.toString());
        assertEquals(0, imported.code(), imported.toString());
        return db;
    }
}
