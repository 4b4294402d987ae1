package dev.gate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class CatalogersTest {

    @Test
    void debianStatusStatusDAndCopyright() {
        Sbom sbom = Fixtures.generate(Fixtures.layer("debian", Map.of(), 0644));
        assertEquals("debian", sbom.os().id());
        assertEquals("12", sbom.os().versionId());
        Package ssl = Fixtures.only(sbom, "libssl3");
        assertEquals("pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&distro=debian-12", ssl.purl());
        assertEquals("openssl", ssl.sourceName());
        assertEquals(List.of("Apache-2.0"), ssl.licenses());
        Package gcc = Fixtures.only(sbom, "libgcc-s1");
        assertEquals("gcc-12", gcc.sourceName());
        assertNull(gcc.sourceVersion(), "a source version equal to the binary's is not repeated");
        Package login = Fixtures.only(sbom, "login");
        assertEquals("1:4.13+dfsg1-1+b1", login.version());
        assertEquals("pkg:deb/debian/login@4.13+dfsg1-1+b1?arch=amd64&distro=debian-12&epoch=1", login.purl());
        Package tz = Fixtures.only(sbom, "tzdata");
        assertEquals(List.of("/var/lib/dpkg/status.d/tzdata"), tz.paths());
        assertEquals(List.of("GPL-2"), tz.licenses());
        assertTrue(sbom.packages().stream().noneMatch(p -> p.name().equals("removed-tool")));
        assertTrue(sbom.unknowns().stream().anyMatch(u -> u.path().equals("/var/lib/dpkg/status.d/broken")));
        assertEquals(
                List.of(Fixtures.only(sbom, "libc6").purl()),
                sbom.dependencies().get(ssl.purl()));
    }

    @Test
    void alpineInstalledDbWithOrigin() {
        Sbom sbom = Fixtures.generate(Fixtures.layer("alpine", Map.of(), 0644));
        Package crypto = Fixtures.only(sbom, "libcrypto3");
        assertEquals("pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=3.19.1", crypto.purl());
        assertEquals("openssl", crypto.sourceName());
        assertEquals(List.of("Apache-2.0"), crypto.licenses());
        assertEquals(
                "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=3.19.1",
                Fixtures.only(sbom, "musl").purl());
        assertEquals(
                List.of(Fixtures.only(sbom, "musl").purl()), sbom.dependencies().get(crypto.purl()));
    }

    @Test
    void npmAndPython() {
        Sbom sbom = Fixtures.generate(Fixtures.layer("lang", Map.of(), 0644));
        Package types = Fixtures.only(sbom, "node");
        assertEquals("@types", types.group());
        assertEquals("pkg:npm/%40types/node@20.11.5", types.purl());
        assertEquals(List.of("WTFPL"), Fixtures.only(sbom, "left-pad").licenses());
        assertTrue(sbom.unknowns().stream().anyMatch(u -> u.path().equals("/app/node_modules/bad/package.json")));
        assertEquals("pkg:pypi/requests@2.31.0", Fixtures.only(sbom, "requests").purl());
        assertEquals(List.of("Apache 2.0"), Fixtures.only(sbom, "requests").licenses());
        Package egg = Fixtures.only(sbom, "Zope_Interface.Test");
        assertEquals("pkg:pypi/zope-interface-test@1.16.0", egg.purl());
        assertEquals(List.of("MIT License"), egg.licenses());
    }

    @Test
    void javaArchivesNestedAndManifestFallback() throws IOException {
        byte[] inner = jar(Map.of(
                "META-INF/maven/com.google.guava/guava/pom.properties",
                "groupId=com.google.guava\nartifactId=guava\nversion=33.0.0-jre\n"));
        byte[] manifestOnly = jar(
                Map.of(
                        "META-INF/MANIFEST.MF",
                        "Manifest-Version: 1.0\nImplementation-Title: tiny\nImplementation-Version: 2.1\nImplementation-Vendor-Id: org.tiny\n"));
        byte[] war = jar(Map.of(
                "META-INF/maven/org.example/app/pom.properties",
                "groupId=org.example\nartifactId=app\nversion=1.0.0\n",
                "WEB-INF/lib/guava-33.0.0-jre.jar",
                new String(inner, StandardCharsets.ISO_8859_1)));
        Sbom sbom = Fixtures.generate(Fixtures.layer(
                null,
                Map.of(
                        "opt/app.war",
                        war,
                        "opt/lib/tiny.jar",
                        manifestOnly,
                        "opt/lib/junk.jar",
                        "not a zip".getBytes()),
                0644));
        assertEquals(
                "pkg:maven/com.google.guava/guava@33.0.0-jre",
                Fixtures.only(sbom, "guava").purl());
        assertEquals(
                List.of("/opt/app.war:WEB-INF/lib/guava-33.0.0-jre.jar"),
                Fixtures.only(sbom, "guava").paths());
        assertEquals(
                "pkg:maven/org.example/app@1.0.0", Fixtures.only(sbom, "app").purl());
        assertEquals("pkg:maven/org.tiny/tiny@2.1", Fixtures.only(sbom, "tiny").purl());
        assertTrue(sbom.unknowns().stream().anyMatch(u -> u.path().equals("/opt/lib/junk.jar")));
    }

    @Test
    void deeplyNestedJarsStopAtTheDepthLimit() throws IOException {
        byte[] jar = jar(Map.of("META-INF/maven/g/deep/pom.properties", "groupId=g\nartifactId=deep\nversion=1\n"));
        for (int i = 0; i < 10; i++) {
            jar = jar(Map.of("lib/n" + i + ".jar", new String(jar, StandardCharsets.ISO_8859_1)));
        }
        Sbom sbom = Fixtures.generate(Fixtures.layer(null, Map.of("x.jar", jar), 0644));
        assertTrue(sbom.packages().stream().noneMatch(p -> p.name().equals("deep")));
        assertTrue(sbom.unknowns().stream().anyMatch(u -> u.reason().contains("nested deeper")));
    }

    @Test
    void goBuildInfo() {
        String modInfo = "path\texample.com/tool\nmod\texample.com/tool\tv1.2.3\th1:abc=\n"
                + "dep\tgithub.com/sirupsen/logrus\tv1.9.0\th1:x=\n=>\tgithub.com/sirupsen/logrus\tv1.9.3\th1:y=\n"
                + "dep\tgolang.org/x/sys\tv0.15.0\th1:z=\nbuild\t-compiler=gc\n";
        byte[] binary = goBinary("go1.21.5", modInfo);
        Sbom sbom = Fixtures.generate(Fixtures.layer(null, Map.of("usr/local/bin/tool", binary), 0755));
        assertEquals(
                "pkg:golang/example.com/tool@v1.2.3",
                Fixtures.only(sbom, "example.com/tool").purl());
        assertEquals(
                "pkg:golang/github.com/sirupsen/logrus@v1.9.3",
                Fixtures.only(sbom, "github.com/sirupsen/logrus").purl());
        assertEquals("pkg:golang/stdlib@v1.21.5", Fixtures.only(sbom, "stdlib").purl());
        assertEquals(
                3, sbom.dependencies().get("pkg:golang/example.com/tool@v1.2.3").size());
    }

    /** An ELF-looking file with a Go 1.18+ inline build-info blob in it, as the linker lays it out. */
    static byte[] goBinary(String goVersion, String modInfo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x7f, 'E', 'L', 'F'});
        out.writeBytes(new byte[70_000]);
        out.writeBytes("\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1));
        out.write(8);
        out.write(2);
        out.writeBytes(new byte[16]);
        varString(out, goVersion.getBytes(StandardCharsets.UTF_8));
        byte[] mod = modInfo.getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[mod.length + 32];
        System.arraycopy(mod, 0, framed, 16, mod.length);
        varString(out, framed);
        out.writeBytes(new byte[4096]);
        return out.toByteArray();
    }

    private static void varString(ByteArrayOutputStream out, byte[] s) {
        int n = s.length;
        while (n >= 0x80) {
            out.write((n & 0x7f) | 0x80);
            n >>>= 7;
        }
        out.write(n);
        out.writeBytes(s);
    }

    static byte[] jar(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.ISO_8859_1));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
