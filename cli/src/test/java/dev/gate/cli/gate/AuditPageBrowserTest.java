package dev.gate.cli.gate;

import static dev.gate.cli.InProcessGate.onlyKeyPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gate.cli.Environment;
import dev.gate.cli.HeadlessChromium;
import dev.gate.cli.InProcessGate;
import dev.gate.cli.InProcessGate.Run;
import dev.gate.image.testing.LoopbackServices;
import dev.gate.pipeline.audit.AuditReport;
import dev.gate.pipeline.audit.TagAudit;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gate audit --output html} as an auditor sees it: the page rendered by a real browser (headless Chromium), its
 * tiles, tables and badges read from the DOM the browser built, and a screenshot kept for CI as
 * {@code cli/target/browser/audit-report.png}.
 */
class AuditPageBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Environment environment = Environment.system();

    @TempDir
    Path dir;

    HeadlessChromium chromium;

    @BeforeEach
    void setUp() {
        chromium = HeadlessChromium.require(dir);
        environment = environment.withVariables(onlyKeyPassword("pw"));
    }

    @Test
    void theAuditOfARegistryRendersItsTilesTablesAndBadges() throws Exception {
        String registry = LoopbackServices.require("GATE_REGISTRY_PLAIN");
        String repository =
                "gate-test/audit-page-" + UUID.randomUUID().toString().substring(0, 8);
        Path key = GateFixtures.keyPair(dir);
        Path prod = GateFixtures.root().resolve("policies/prod.rego");
        String data = GateFixtures.root().resolve("policies/data.example.yaml").toString();
        String sample = "oci:" + GateFixtures.root().resolve("testdata/sample") + ":1.0.0";
        Run gated = gate(
                "push",
                "--policy",
                prod.toString(),
                "--data",
                data,
                "--key",
                key.toString(),
                "--no-scan",
                "--waivers",
                GateFixtures.unscannedWaiver(),
                sample,
                registry + "/" + repository + ":1.0.0");
        assertEquals(0, gated.code(), gated.toString());
        Path other = dir.resolve("other");
        TestImages.write(other, "2.0.0", TestImages.Spec.compliant());
        assertEquals(
                0,
                gate("push", "oci:" + other + ":2.0.0", registry + "/" + repository + ":2.0.0")
                        .code());
        String[] audit = {
            "audit",
            "--key",
            dir.resolve("gate.pub").toString(),
            "--policy",
            prod.toString(),
            "--data",
            data,
            "--db",
            GateFixtures.osvDatabase(dir).toString(),
            registry + "/" + repository
        };

        Run json = gate(concat(audit, "--output", "json"));
        assertEquals(1, json.code(), json.toString());
        JsonNode report = JSON.readTree(json.out());
        Path page = dir.resolve("audit.html");
        assertEquals(
                1,
                gate(concat(audit, "--output", "html", "-o", page.toString())).code());
        Document dom = Jsoup.parse(chromium.dumpDom(page));

        assertEquals("gate audit: " + registry, dom.title());
        assertTrue(dom.select("script, link, img, iframe, object").isEmpty(), "one self-contained page");
        JsonNode tags = report.get("tags");
        assertEquals(2, tags.size(), report.toPrettyString());
        Map<String, String> tiles = new LinkedHashMap<>();
        for (Element tile : dom.select("section.tiles > div.tile")) {
            tiles.put(
                    tile.selectFirst(".l").text(),
                    tile.selectFirst(".v").text() + (tile.hasClass("bad") ? " bad" : ""));
        }
        assertEquals(
                Map.of(
                        "tags audited",
                        "2",
                        "signed and verified, passing",
                        count(tags, t -> t.get("ok").asBoolean()),
                        "unsigned",
                        "1 bad",
                        "failing policies",
                        failing(tags)),
                tiles);

        Elements bars = dom.select("div.sev > div.bar");
        assertEquals(
                List.of("critical", "high", "medium", "low", "unknown"),
                bars.select(".label").eachText());
        for (Element bar : bars) {
            String severity = bar.selectFirst(".label").text();
            assertEquals(
                    report.at("/severityTotals/" + severity).asText(),
                    bar.selectFirst(".n").text(),
                    severity);
        }

        Elements rows = section(dom, "Tags").select("tbody > tr");
        assertEquals(tags.size(), rows.size());
        for (int i = 0; i < tags.size(); i++) {
            JsonNode tag = tags.get(i);
            Element row = rows.get(i);
            assertEquals(
                    repository + ":" + tag.get("tag").asText(), row.child(0).text());
            assertEquals(tag.get("ok").asBoolean() ? "ok" : "notok", row.className());
            Element signed = row.child(3).selectFirst("span.badge");
            assertEquals(tag.get("signed").asBoolean() ? "signed" : "unsigned", signed.text());
            assertTrue(signed.hasClass(tag.get("signed").asBoolean() ? "good" : "bad"), signed.outerHtml());
            Element policy = row.child(4).selectFirst("span.badge");
            if (tag.get("policyPassed").isNull()) {
                assertEquals("-", row.child(4).text());
            } else {
                assertEquals(tag.get("policyPassed").asBoolean() ? "pass" : "fail", policy.text());
            }
        }
        assertEquals("signed", rows.get(0).child(3).text(), "1.0.0 was gated and signed");
        assertEquals("unsigned", rows.get(1).child(3).text());

        Elements gatedRows = dom.select("section.gating tbody > tr");
        assertEquals(1, gatedRows.size(), "only the gated image has a decision record");
        assertEquals(repository + ":1.0.0", gatedRows.get(0).child(0).text());
        String prodDigest =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(prod)));
        assertTrue(
                gatedRows.get(0).child(3).text().contains(prodDigest),
                gatedRows.get(0).outerHtml());
        assertEquals(
                List.of(repository + ":2.0.0"),
                section(dom, "Unsigned tags").select("li > b").eachText());

        Path png = Path.of("target/browser/audit-report.png");
        chromium.screenshot(page, png, 1280, 1100);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(1280, shot.getWidth());
        // The stylesheet was applied: the page shows the red of the unsigned tile and badge, and the green of the
        // signed badge.
        assertTrue(pixels(shot, 0xcf222e) > 50, "red of .bad");
        assertTrue(pixels(shot, 0x1a7f37) > 20, "green of .good");
    }

    @Test
    void markupAndScriptsFromTheRegistryStayText() throws Exception {
        String script = "<script>document.title='owned';document.body.setAttribute('data-owned','script')</script>";
        String image = "<img src=x onerror=\"document.body.setAttribute('data-owned','img')\">";
        TagAudit failing = new TagAudit(
                "team/app",
                "1.0.0",
                "sha256:" + "ab".repeat(32),
                true,
                List.of("sha256:key"),
                List.of("signature"),
                List.of(),
                Map.of("high", 1L),
                false,
                List.of("gate.prod.deny_license: package " + image),
                null,
                null,
                List.of());
        TagAudit broken = TagAudit.failed("team/app", "2.0.0", "registry said: " + script);
        Path page = dir.resolve("hostile.html");
        Files.writeString(page, new AuditReport("registry.example.com", List.of(failing, broken), true, true).html());

        Document dom = Jsoup.parse(chromium.dumpDom(page));
        assertEquals("gate audit: registry.example.com", dom.title(), "no script ran");
        assertFalse(dom.body().hasAttr("data-owned"), dom.body().attributes().toString());
        assertTrue(dom.select("script, img").isEmpty(), "no element was made from the registry's text");
        assertEquals(
                "gate.prod.deny_license: package " + image,
                dom.selectFirst("li.rule").text());
        assertEquals(
                "team/app:2.0.0 — registry said: " + script,
                section(dom, "Unsigned tags").selectFirst("li").text());
    }

    /** The section under the heading {@code title}. */
    private static Element section(Document dom, String title) {
        return dom.select("section").stream()
                .filter(s -> s.selectFirst("h2") != null
                        && s.selectFirst("h2").text().equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no section " + title));
    }

    private static String count(JsonNode tags, java.util.function.Predicate<JsonNode> which) {
        long n = 0;
        for (JsonNode t : tags) {
            if (which.test(t)) {
                n++;
            }
        }
        return Long.toString(n);
    }

    private static String failing(JsonNode tags) {
        String n = count(
                tags,
                t -> t.get("policyPassed").isBoolean() && !t.get("policyPassed").asBoolean());
        return n.equals("0") ? n : n + " bad";
    }

    /** Pixels of exactly this colour. */
    private static long pixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private Run gate(String... args) {
        return InProcessGate.gate(environment, args);
    }
}
