package dev.gate.scan.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.scan.SharedData;
import dev.gate.scan.osv.OsvRecord;
import dev.gate.scan.osv.RecordCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {

    @TempDir
    Path tmp;

    private ImportReport importInto(Path db, List<String> problems, Path... paths) {
        try (AdvisoryDb advisories = AdvisoryDb.openForWrite(db)) {
            return new Importer(advisories, problems::add).importPaths(List.of(paths));
        }
    }

    @Test
    void importsSharedRecordsSkipsWithdrawnAndIsIdempotent() {
        Path osv = SharedData.path("osv");
        Path db = tmp.resolve("osv.db");
        List<String> problems = new ArrayList<>();
        ImportReport first = importInto(db, problems, osv);
        assertEquals(List.of(), problems);
        assertEquals(2, first.withdrawn(), "GO-2022-0617 and PYSEC-2023-73 are withdrawn");
        assertTrue(first.stored() >= 30, "stored " + first.stored());
        ImportReport second = importInto(db, problems, osv);
        assertEquals(0, second.stored());
        assertEquals(first.stored(), second.unchanged());
        try (AdvisoryDb read = AdvisoryDb.openExisting(db)) {
            DbInfo info = read.info();
            assertEquals(first.stored(), info.advisories());
            assertTrue(
                    info.perEcosystem().containsKey("Debian:11"),
                    info.perEcosystem().toString());
            assertEquals(1L, read.advisoriesFor("PyPI", "pyyaml").size(), "PyPI names are normalized");
        }
    }

    @Test
    void importsAllOfTheBulkZips() {
        Path bulk = SharedData.path("osv-bulk");
        List<String> problems = new ArrayList<>();
        ImportReport report = importInto(tmp.resolve("bulk.db"), problems, bulk);
        assertEquals(List.of(), problems);
        assertEquals(13_838, report.read(), "the README's count of records in the zips");
        assertEquals(0, report.malformed());
        try (AdvisoryDb read = AdvisoryDb.openExisting(tmp.resolve("bulk.db"))) {
            DbInfo info = read.info();
            assertEquals(report.stored(), info.advisories());
            for (String ecosystem : List.of("Go", "PyPI", "crates.io", "AlmaLinux:8", "AlmaLinux:9", "AlmaLinux:10")) {
                assertTrue(
                        info.perEcosystem().getOrDefault(ecosystem, 0L) > 100,
                        ecosystem + " in " + info.perEcosystem());
            }
        }
    }

    @Test
    void newerModifiedReplacesOlderAndOlderIsIgnored() throws Exception {
        Path db = tmp.resolve("osv.db");
        importInto(db, new ArrayList<>(), write("a.json", record("2024-01-02T00:00:00Z", "1.0.0")));
        ImportReport older =
                importInto(db, new ArrayList<>(), write("b.json", record("2023-01-01T00:00:00Z", "9.9.9")));
        assertEquals(1, older.unchanged());
        ImportReport newer =
                importInto(db, new ArrayList<>(), write("c.json", record("2024-05-01T00:00:00Z", "2.0.0")));
        assertEquals(1, newer.stored());
        try (AdvisoryDb read = AdvisoryDb.openExisting(db)) {
            OsvRecord stored =
                    RecordCodec.decode(read.advisoriesFor("PyPI", "demo").get(0));
            assertEquals(
                    "2.0.0",
                    stored.affected().get(0).ranges().get(0).events().get(1).version());
            assertEquals(1, read.info().advisories());
        }
    }

    @Test
    void malformedRecordsAreReportedOneLineEachAndSkipped() throws IOException {
        Path dir = tmp.resolve("in");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("broken.json"), "{ not json");
        Files.writeString(dir.resolve("noid.json"), "{\"modified\": \"2024-01-01T00:00:00Z\"}");
        Files.writeString(
                dir.resolve("badrange.json"),
                "{\"id\":\"X-1\",\"modified\":\"2024-01-01T00:00:00Z\","
                        + "\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"x\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{}]}]}]}");
        Files.writeString(dir.resolve("good.json"), record("2024-01-01T00:00:00Z", "1.0"));
        List<String> problems = new ArrayList<>();
        ImportReport report = importInto(tmp.resolve("osv.db"), problems, dir);
        assertEquals(3, report.malformed());
        assertEquals(1, report.stored());
        assertEquals(3, problems.size());
        assertTrue(
                problems.stream().allMatch(p -> !p.contains("\n") && p.contains(dir.toString())), problems.toString());
    }

    @Test
    void importsZipsLikeOsvExports() throws IOException {
        Path zip = tmp.resolve("PyPI.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("DEMO-1.json"));
            out.write(record("2024-01-01T00:00:00Z", "1.0").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        ImportReport report = importInto(tmp.resolve("osv.db"), new ArrayList<>(), zip);
        assertEquals(1, report.stored());
    }

    @Test
    void corruptOrMissingDatabaseIsAnInputError() throws IOException {
        GateException missing =
                assertThrows(GateException.class, () -> AdvisoryDb.openExisting(tmp.resolve("none.db")));
        assertEquals(GateException.Kind.INPUT, missing.kind());
        Path garbage = tmp.resolve("garbage.db");
        try (OutputStream out = Files.newOutputStream(garbage)) {
            out.write("this is not sqlite at all, just some text padding it out"
                    .repeat(100)
                    .getBytes(StandardCharsets.UTF_8));
        }
        GateException corrupt = assertThrows(GateException.class, () -> AdvisoryDb.openExisting(garbage));
        assertEquals(GateException.Kind.INPUT, corrupt.kind());
        assertTrue(corrupt.getMessage().contains("corrupt"), corrupt.getMessage());
    }

    private Path write(String name, String json) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    private static String record(String modified, String fixed) {
        return "{\"id\":\"DEMO-1\",\"modified\":\"" + modified
                + "\",\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\","
                + "\"name\":\"Demo\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\""
                + fixed + "\"}]}]}]}";
    }
}
