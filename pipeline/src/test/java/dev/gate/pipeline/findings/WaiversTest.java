package dev.gate.pipeline.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gate.errors.GateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaiversTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ObjectNode input() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"image": {"registry": "registry.example.com", "repository": "payments/api"},
                 "vulnerabilities": [
                   {"id": "DEBIAN-CVE-2022-0778", "aliases": ["CVE-2022-0778"], "package": {"purl": "pkg:deb/debian/openssl@1.1.1k"}},
                   {"id": "GHSA-aaaa-bbbb-cccc", "aliases": [], "package": {"purl": "pkg:npm/lodash@4.17.20"}}]}
                """);
    }

    private List<Waivers.Waiver> read(String yaml) throws Exception {
        return Waivers.read(List.of(Files.writeString(dir.resolve("waivers.yaml"), yaml)));
    }

    @Test
    void aWaiverCoversItsFindingByAliasUntilItExpires() throws Exception {
        List<Waivers.Waiver> waivers = read("""
                waivers:
                  - id: CVE-2022-0778
                    purl: pkg:deb/debian/openssl@*
                    repository: registry.example.com/payments/*
                    reason: not reachable from the service
                    approver: sec@example.com
                    expires: 2026-07-31
                  - rule: root
                    reason: base image fixed next sprint
                    approver: sec@example.com
                    expires: 2026-01-01
                """);
        ObjectNode input = input();
        Waivers.apply(input, waivers, LocalDate.parse("2026-07-31"));
        assertEquals(
                "not reachable from the service",
                input.at("/vulnerabilities/0/waiver/reason").asText());
        assertFalse(input.at("/vulnerabilities/1").has("waiver"));
        assertEquals(1, input.at("/waivers/applied/0/findings").asInt());
        assertEquals("root", input.at("/waivers/expired/0/rule").asText(), "expired, so not among the rules");
        assertEquals(0, input.at("/waivers/rules").size());

        ObjectNode later = input();
        Waivers.apply(later, waivers, LocalDate.parse("2026-08-01"));
        assertFalse(later.at("/vulnerabilities/0").has("waiver"), "a waiver covers nothing the day after it expires");
        assertEquals(2, later.at("/waivers/expired").size());
    }

    @Test
    void aWaiverForAnotherRepositoryOrPackageDoesNotApply() throws Exception {
        ObjectNode input = input();
        Waivers.apply(input, read("""
                waivers:
                  - {id: CVE-2022-0778, repository: "billing/*", reason: r, approver: a, expires: 2030-01-01}
                  - {id: CVE-2022-0778, purl: "pkg:deb/debian/libssl3@*", reason: r, approver: a, expires: 2030-01-01}
                """), LocalDate.parse("2026-07-01"));
        assertFalse(input.at("/vulnerabilities/0").has("waiver"));
        assertEquals(0, input.at("/waivers/applied").size());
    }

    @Test
    void anIncompleteWaiverIsRefusedNamingTheFileAndEntry() {
        for (String[] bad : new String[][] {
            {"waivers:\n  - {id: X, approver: a, expires: 2030-01-01}\n", "waivers[0]: missing reason"},
            {"waivers:\n  - {id: X, reason: r, approver: a}\n", "waivers[0]: missing expires"},
            {"waivers:\n  - {id: X, reason: r, approver: a, expires: next week}\n", "is not a date"},
            {"waivers:\n  - {reason: r, approver: a, expires: 2030-01-01}\n", "give either id"},
            {"waivers:\n  - {id: X, rule: y, reason: r, approver: a, expires: 2030-01-01}\n", "give either id"},
            {"waivers:\n  - {id: X, reason: r, approver: a, expires: 2030-01-01, owner: me}\n", "unknown field 'owner'"
            },
            {"list: []\n", "expected a list under 'waivers'"},
            {"waivers: [\n", "not YAML or JSON"}
        }) {
            GateException e = assertThrows(GateException.class, () -> read(bad[0]), bad[0]);
            assertEquals(GateException.Kind.INPUT, e.kind());
            assertTrue(e.getMessage().contains("waivers.yaml") && e.getMessage().contains(bad[1]), e.getMessage());
        }
    }

    @Test
    void anOversizedOrMissingFileIsRefusedBeforeItIsParsed() throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[(int) Waivers.MAX_FILE + 1]);
        GateException over = assertThrows(GateException.class, () -> Waivers.read(List.of(big)));
        assertTrue(
                over.getMessage().contains("--waivers " + big + ": over " + Waivers.MAX_FILE + " bytes"),
                over.getMessage());
        GateException missing =
                assertThrows(GateException.class, () -> VexStatements.read(List.of(dir.resolve("none.json"))));
        assertTrue(missing.getMessage().endsWith("none.json: no such file"), missing.getMessage());
    }

    @Test
    void patternsMatchWholeText() {
        assertTrue(Waivers.matches("payments/*", "payments/api"));
        assertFalse(Waivers.matches("payments/*", "other/payments/api"));
        assertTrue(Waivers.matches("pkg:npm/lodash@*", "pkg:npm/lodash@4.17.20"));
        assertFalse(Waivers.matches("a.b", "axb"), "only * is special");
    }
}
