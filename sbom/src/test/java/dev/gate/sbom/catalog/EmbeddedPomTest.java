package dev.gate.sbom.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.SbomProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar that kept its META-INF/maven pom.xml but not its pom.properties. */
class EmbeddedPomTest {

    private static byte[] jarWithPom(String folder, String pomXml) {
        return TestJars.jar()
                .entry("META-INF/maven/" + folder + "/pom.xml", pomXml.getBytes(StandardCharsets.UTF_8))
                .classes("com.acme.widgets.Widget")
                .bytes();
    }

    @Test
    void thePomXmlNamesTheJarWithItsParentsGroupAndVersion() {
        String pom = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>3.1</version></parent>"
                + "<artifactId>widgets</artifactId><dependencies><dependency><groupId>org.other</groupId>"
                + "<artifactId>x</artifactId><version>9</version></dependency></dependencies></project>";
        Sbom sbom = JavaLayers.catalog(Map.of("lib/widgets.jar", jarWithPom("com.acme/widgets", pom)), JavaIndex.NONE);
        Package p = JavaLayers.at(sbom, "/lib/widgets.jar");
        assertEquals("pkg:maven/com.acme/widgets@3.1", p.purl());
        assertEquals("pom-properties", p.properties().get(SbomProperties.JAVA_IDENTIFIED_BY));
    }

    @Test
    void aPropertyPlaceholderIsNotAVersion() {
        String pom =
                "<project><groupId>com.acme</groupId><artifactId>widgets</artifactId><version>${revision}</version></project>";
        Sbom sbom = JavaLayers.catalog(Map.of("lib/widgets.jar", jarWithPom("com.acme/widgets", pom)), JavaIndex.NONE);
        assertTrue(
                sbom.packages().stream()
                        .noneMatch(p -> p.purl() != null && p.purl().contains("$")),
                sbom.packages().toString());
    }

    /** An external entity in a pom.xml from an image must not make gate read a file of the machine it runs on. */
    @Test
    void anExternalEntityIsNotResolved(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "org.secret.from.host");
        String pom = "<?xml version=\"1.0\"?><!DOCTYPE project [<!ENTITY g SYSTEM \"" + secret.toUri() + "\">]>"
                + "<project><groupId>&g;</groupId><artifactId>widgets</artifactId><version>1.0</version></project>";
        Sbom sbom =
                JavaLayers.catalog(Map.of("lib/widgets-1.0.jar", jarWithPom("com.acme/widgets", pom)), JavaIndex.NONE);
        assertTrue(
                sbom.packages().stream()
                        .noneMatch(p -> p.purl() != null && p.purl().contains("secret")),
                sbom.packages().toString());
        MavenCoordinates read = EmbeddedPom.of(pom.getBytes(StandardCharsets.UTF_8));
        assertNull(read == null ? null : read.group());
    }
}
