package dev.gate.sbom.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.sbom.Package;
import dev.gate.sbom.Sbom;
import dev.gate.sbom.SbomProperties;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Jars built by Gradle or Ant carry no pom.properties; gate names them as Maven Central does or lists them
 * as unknown with what it found, never with a purl that lacks its group.
 */
class JavaIdentificationTest {

    @Test
    void aGradleBuiltJarIsNamedFromItsClassesWhenTheyLeaveNoDoubt() {
        byte[] core = TestJars.springCore();
        Sbom sbom = JavaLayers.catalog(Map.of("app/libs/spring-core-6.1.14.jar", core), JavaIndex.NONE);
        Package p = JavaLayers.at(sbom, "/app/libs/spring-core-6.1.14.jar");
        assertEquals("pkg:maven/org.springframework/spring-core@6.1.14", p.purl());
        assertEquals("package-prefix", p.properties().get(SbomProperties.JAVA_IDENTIFIED_BY));
        assertEquals(Map.of("SHA-1", TestJars.sha1(core), "SHA-256", TestJars.sha256(core)), p.hashes());
    }

    @Test
    void classesThatCouldBelongToADeeperGroupMakeAnUnknownWithEvidence() {
        Sbom sbom = JavaLayers.catalog(
                Map.of(
                        "app/libs/spring-beans-6.1.14.jar",
                        TestJars.springBeans(),
                        "app/libs/tomcat-embed-core-10.1.31.jar",
                        TestJars.tomcatEmbedCore()),
                JavaIndex.NONE);
        JavaLayers.noGrouplessPurl(sbom);
        Package beans = JavaLayers.at(sbom, "/app/libs/spring-beans-6.1.14.jar");
        assertNull(beans.purl());
        assertEquals("6.1.14", beans.version());
        assertEquals(40, beans.hashes().get("SHA-1").length());
        String reason = sbom.unknowns().stream()
                .filter(u -> u.path().equals("/app/libs/spring-beans-6.1.14.jar"))
                .findFirst()
                .orElseThrow()
                .reason();
        assertTrue(reason.contains("org.springframework or deeper"), reason);
        Package tomcat = JavaLayers.at(sbom, "/app/libs/tomcat-embed-core-10.1.31.jar");
        assertNull(tomcat.purl(), "Bundle-SymbolicName org.apache.tomcat-embed-core is not the group");
        assertTrue(sbom.unknowns().stream()
                .anyMatch(u -> u.path().endsWith("tomcat-embed-core-10.1.31.jar")
                        && u.reason().contains("Bundle-SymbolicName=org.apache.tomcat-embed-core")));
    }

    @Test
    void aModuleNameThatPointsBelowTheClassesGroupIsADoubt() {
        // hibernate-core 6 is published as org.hibernate.orm while its classes stay in org.hibernate
        byte[] hibernate = TestJars.jar()
                .manifest("Implementation-Version: 6.5.3.Final", "Automatic-Module-Name: org.hibernate.orm.core")
                .classes("org.hibernate.Session", "org.hibernate.engine.spi.X")
                .bytes();
        Sbom sbom = JavaLayers.catalog(Map.of("app/libs/hibernate-core-6.5.3.Final.jar", hibernate), JavaIndex.NONE);
        assertNull(
                JavaLayers.at(sbom, "/app/libs/hibernate-core-6.5.3.Final.jar").purl());
    }

    @Test
    void nestedJarsKeepTheirLocationAndTheirOwnChecksums() {
        byte[] core = TestJars.springCore();
        byte[] app = TestJars.jar()
                .manifest("Main-Class: org.springframework.boot.loader.launch.JarLauncher")
                .pom("org.example", "demo", "1.0")
                .entry("BOOT-INF/lib/spring-core-6.1.14.jar", core)
                .bytes();
        Sbom sbom = JavaLayers.catalog(Map.of("app/app.jar", app), JavaIndex.NONE);
        Package nested = JavaLayers.at(sbom, "/app/app.jar:BOOT-INF/lib/spring-core-6.1.14.jar");
        assertEquals("pkg:maven/org.springframework/spring-core@6.1.14", nested.purl());
        assertEquals(TestJars.sha1(core), nested.hashes().get("SHA-1"));
        Package outer = JavaLayers.at(sbom, "/app/app.jar");
        assertEquals("pkg:maven/org.example/demo@1.0", outer.purl());
        assertEquals("pom-properties", outer.properties().get(SbomProperties.JAVA_IDENTIFIED_BY));
        assertEquals(TestJars.sha256(app), outer.hashes().get("SHA-256"));
    }

    @Test
    void aShadedJarReportsEveryPomPropertiesAndOnlyItsOwnChecksums() {
        byte[] shaded = TestJars.jar()
                .pom("org.example", "tool", "2.0")
                .pom("com.google.guava", "guava", "33.0.0-jre")
                .pom("org.yaml", "snakeyaml", "2.2")
                .classes("org.example.tool.Main")
                .bytes();
        Sbom sbom = JavaLayers.catalog(Map.of("opt/tool-2.0.jar", shaded), JavaIndex.NONE);
        assertEquals(3, sbom.packages().size());
        Package own = sbom.packages().stream()
                .filter(p -> p.name().equals("tool"))
                .findFirst()
                .orElseThrow();
        assertEquals(TestJars.sha1(shaded), own.hashes().get("SHA-1"));
        Package guava = sbom.packages().stream()
                .filter(p -> p.name().equals("guava"))
                .findFirst()
                .orElseThrow();
        assertEquals("pkg:maven/com.google.guava/guava@33.0.0-jre", guava.purl());
        assertTrue(guava.hashes().isEmpty(), "a shaded package is not the archive");
        assertEquals(Set.of("/opt/tool-2.0.jar"), Set.copyOf(guava.paths()));
    }

    @Test
    void theIndexGivesExactCoordinatesByChecksum() {
        byte[] tomcat = TestJars.tomcatEmbedCore();
        JavaIndex index = new JavaIndex() {
            @Override
            public Optional<MavenCoordinates> bySha1(String sha1) {
                return sha1.equals(TestJars.sha1(tomcat))
                        ? Optional.of(new MavenCoordinates("org.apache.tomcat.embed", "tomcat-embed-core", "10.1.31"))
                        : Optional.empty();
            }

            @Override
            public Set<String> groupsOf(String artifact, String version) {
                return artifact.equals("spring-beans") ? Set.of("org.springframework") : Set.of();
            }
        };
        Sbom sbom = JavaLayers.catalog(
                Map.of(
                        "app/libs/tomcat-embed-core-10.1.31.jar",
                        tomcat,
                        "app/libs/spring-beans-6.1.14.jar",
                        TestJars.springBeans()),
                index);
        Package p = JavaLayers.at(sbom, "/app/libs/tomcat-embed-core-10.1.31.jar");
        assertEquals("pkg:maven/org.apache.tomcat.embed/tomcat-embed-core@10.1.31", p.purl());
        assertEquals("sha1-index", p.properties().get(SbomProperties.JAVA_IDENTIFIED_BY));
        Package beans = JavaLayers.at(sbom, "/app/libs/spring-beans-6.1.14.jar");
        assertEquals("pkg:maven/org.springframework/spring-beans@6.1.14", beans.purl());
        assertEquals("filename", beans.properties().get(SbomProperties.JAVA_IDENTIFIED_BY));
    }

    @Test
    void aMavenRepositoryPathNamesTheGroup() {
        Sbom sbom = JavaLayers.catalog(
                Map.of(
                        "root/.m2/repository/org/springframework/spring-beans/6.1.14/spring-beans-6.1.14.jar",
                        TestJars.springBeans(),
                        "home/u/.gradle/caches/modules-2/files-2.1/org.apache.tomcat.embed/tomcat-embed-core/10.1.31/"
                                + "f1e2d3c4b5a6978877665544332211aabbccddee/tomcat-embed-core-10.1.31.jar",
                        TestJars.tomcatEmbedCore(),
                        "srv/repository/lib/spring-beans-6.1.14.jar",
                        TestJars.springBeans()),
                JavaIndex.NONE);
        JavaLayers.noGrouplessPurl(sbom);
        assertEquals(
                "pkg:maven/org.springframework/spring-beans@6.1.14",
                JavaLayers.at(
                                sbom,
                                "/root/.m2/repository/org/springframework/spring-beans/6.1.14/spring-beans-6.1.14.jar")
                        .purl());
        assertTrue(sbom.packages().stream()
                .anyMatch(p -> "pkg:maven/org.apache.tomcat.embed/tomcat-embed-core@10.1.31".equals(p.purl())));
        assertNull(
                JavaLayers.at(sbom, "/srv/repository/lib/spring-beans-6.1.14.jar")
                        .purl(),
                "folders that do not repeat the name");
    }

    @Test
    void aVendorIdNamesTheGroupOnlyOfClassesInItsPackages() {
        byte[] agrees = TestJars.jar()
                .manifest("Implementation-Vendor-Id: org.tiny", "Implementation-Version: 2.1")
                .classes("org.tiny.A", "org.tiny.util.B")
                .bytes();
        byte[] disagrees = TestJars.jar()
                .manifest("Implementation-Vendor-Id: org.apache", "Implementation-Version: 3.0")
                .classes("com.other.B", "com.other.c.D")
                .bytes();
        // hibernate-commons-annotations: vendor id org.hibernate, classes deeper, group org.hibernate.common
        byte[] deeper = TestJars.jar()
                .manifest("Implementation-Vendor-Id: org.hibernate", "Implementation-Version: 7.0.1.Final")
                .classes("org.hibernate.annotations.common.A", "org.hibernate.annotations.common.reflection.B")
                .bytes();
        // hibernate-core: vendor id org.hibernate, module org.hibernate.orm.core, group org.hibernate.orm
        byte[] module = TestJars.jar()
                .manifest(
                        "Implementation-Vendor-Id: org.hibernate",
                        "Implementation-Version: 6.6.0.Final",
                        "Automatic-Module-Name: org.hibernate.orm.core")
                .classes("org.hibernate.A", "org.hibernate.boot.B")
                .bytes();
        Sbom sbom = JavaLayers.catalog(
                Map.of(
                        "lib/tiny-2.1.jar",
                        agrees,
                        "lib/other-3.0.jar",
                        disagrees,
                        "lib/hibernate-commons-annotations-7.0.1.Final.jar",
                        deeper,
                        "lib/hibernate-core-6.6.0.Final.jar",
                        module),
                JavaIndex.NONE);
        Package tiny = JavaLayers.at(sbom, "/lib/tiny-2.1.jar");
        assertEquals("pkg:maven/org.tiny/tiny@2.1", tiny.purl());
        assertEquals("manifest", tiny.properties().get(SbomProperties.JAVA_IDENTIFIED_BY));
        assertNull(JavaLayers.at(sbom, "/lib/other-3.0.jar").purl());
        assertNull(JavaLayers.at(sbom, "/lib/hibernate-commons-annotations-7.0.1.Final.jar")
                .purl());
        assertNull(JavaLayers.at(sbom, "/lib/hibernate-core-6.6.0.Final.jar").purl());
        JavaLayers.noGrouplessPurl(sbom);
    }

    /** Quarkus's fast-jar names carry the group: {@code lib/main/GROUP.ARTIFACT-VERSION.jar}. */
    @Test
    void quarkusFastJarNamesGiveTheGroupWhereTheyCanBeRead() {
        byte[] hibernate = TestJars.jar()
                .manifest(
                        "Implementation-Vendor-Id: org.hibernate",
                        "Implementation-Version: 6.6.0.Final",
                        "Automatic-Module-Name: org.hibernate.orm.core")
                .classes("org.hibernate.A", "org.hibernate.boot.B")
                .bytes();
        byte[] annotations = TestJars.jar()
                .manifest("Implementation-Version: 2.1.1")
                .classes("jakarta.annotation.A")
                .bytes();
        byte[] ambiguous = TestJars.jar()
                .manifest("Implementation-Version: 1.0")
                .classes("com.example.A")
                .bytes();
        Sbom sbom = JavaLayers.catalog(
                Map.of(
                        "deployments/lib/main/org.hibernate.orm.hibernate-core-6.6.0.Final.jar", hibernate,
                        "deployments/lib/main/jakarta.annotation.jakarta.annotation-api-2.1.1.jar", annotations,
                        "deployments/lib/main/org.acme.org.acme.tools-1.0.jar", ambiguous,
                        "deployments/lib/org.hibernate.orm.hibernate-core-6.6.0.Final.jar", hibernate),
                JavaIndex.NONE);
        assertEquals(
                "pkg:maven/org.hibernate.orm/hibernate-core@6.6.0.Final",
                JavaLayers.at(sbom, "/deployments/lib/main/org.hibernate.orm.hibernate-core-6.6.0.Final.jar")
                        .purl());
        assertEquals(
                "pkg:maven/jakarta.annotation/jakarta.annotation-api@2.1.1",
                JavaLayers.at(sbom, "/deployments/lib/main/jakarta.annotation.jakarta.annotation-api-2.1.1.jar")
                        .purl());
        // org.acme / org.acme.tools or org.acme.org.acme / tools: nothing chooses, so no purl
        assertNull(JavaLayers.at(sbom, "/deployments/lib/main/org.acme.org.acme.tools-1.0.jar")
                .purl());
        // outside Quarkus's folders a dotted name is not read as GROUP.ARTIFACT
        assertNull(JavaLayers.at(sbom, "/deployments/lib/org.hibernate.orm.hibernate-core-6.6.0.Final.jar")
                .purl());
        JavaLayers.noGrouplessPurl(sbom);
    }

    @Test
    void aFileNameThatDisagreesWithTheManifestDoesNotNameTheArtifact() {
        byte[] renamed = TestJars.jar()
                .manifest("Implementation-Title: Spring Core", "Implementation-Version: 6.1.14")
                .classes("org.springframework.core.A", "org.springframework.asm.B")
                .bytes();
        Sbom sbom = JavaLayers.catalog(Map.of("lib/spring-core-5.3.0.jar", renamed), JavaIndex.NONE);
        JavaLayers.noGrouplessPurl(sbom);
        assertNull(JavaLayers.at(sbom, "/lib/spring-core-5.3.0.jar").purl());
    }

    @Test
    void manifestTextInAnUnknownIsEscapedAndCut() {
        String longValue = "evil\u001b[2J" + "x".repeat(5000);
        StringBuilder folded = new StringBuilder("Bundle-SymbolicName: ").append(longValue, 0, 40);
        for (int i = 40; i < longValue.length(); i += 60) {
            folded.append("\r\n ")
                    .append(longValue, i, Math.min(longValue.length(), i + 60)); // manifest continuation lines
        }
        byte[] hostile = TestJars.jar()
                .manifest("Implementation-Version: 1.0", folded.toString())
                .classes("a.b.C", "d.e.F")
                .bytes();
        Sbom sbom = JavaLayers.catalog(Map.of("lib/evil-1.0.jar", hostile), JavaIndex.NONE);
        String reason = sbom.unknowns().stream()
                .filter(u -> u.path().equals("/lib/evil-1.0.jar"))
                .findFirst()
                .orElseThrow()
                .reason();
        assertTrue(reason.contains("evil\\u001b[2J"), reason);
        assertTrue(reason.chars().noneMatch(Character::isISOControl), reason);
        assertTrue(
                reason.length() < 1000,
                "manifest values are cut at " + JarReader.MAX_MANIFEST_VALUE + ": " + reason.length());
    }

    @Test
    void aWarsOwnClassesNameItsGroup() {
        byte[] war = TestJars.jar()
                .manifest("Implementation-Version: 2.0")
                .classes("WEB-INF.classes.org.acmeshop.web.Home", "WEB-INF.classes.org.acmeshop.Store")
                .bytes();
        Sbom sbom = JavaLayers.catalog(Map.of("srv/acmeshop-web-2.0.war", war), JavaIndex.NONE);
        assertEquals(
                "pkg:maven/org.acmeshop/acmeshop-web@2.0",
                JavaLayers.at(sbom, "/srv/acmeshop-web-2.0.war").purl());
    }

    @Test
    void aManifestJavaCannotParseLosesOnlyTheManifest() {
        byte[] jar = TestJars.jar()
                .manifest("Implementation-Version: " + "9".repeat(600))
                .pom("org.example", "kept", "1.0")
                .entry(
                        "lib/inner-1.0.jar",
                        TestJars.jar().pom("org.example", "inner", "1.0").bytes())
                .bytes();
        Sbom sbom = JavaLayers.catalog(Map.of("lib/kept-1.0.jar", jar), JavaIndex.NONE);
        assertEquals(
                "pkg:maven/org.example/kept@1.0",
                JavaLayers.at(sbom, "/lib/kept-1.0.jar").purl());
        assertEquals(
                "pkg:maven/org.example/inner@1.0",
                JavaLayers.at(sbom, "/lib/kept-1.0.jar:lib/inner-1.0.jar").purl());
        assertTrue(
                sbom.unknowns().stream().anyMatch(u -> u.reason().contains("MANIFEST.MF: unreadable")),
                sbom.unknowns().toString());
    }

    @Test
    void aClassifierInTheFileNameIsNotPartOfTheVersion() {
        byte[] epoll = TestJars.jar()
                .pom("io.netty", "netty-transport-native-epoll", "4.1.110.Final")
                .bytes();
        byte[] gradle = TestJars.jar()
                .manifest("Implementation-Version: 6.1.14")
                .classes("org.springframework.core.A", "org.springframework.asm.B")
                .bytes();
        Sbom sbom = JavaLayers.catalog(
                Map.of(
                        "lib/netty-transport-native-epoll-4.1.110.Final-linux-x86_64.jar",
                        epoll,
                        "lib/spring-core-6.1.14-jdk17.jar",
                        gradle),
                JavaIndex.NONE);
        Package netty = JavaLayers.at(sbom, "/lib/netty-transport-native-epoll-4.1.110.Final-linux-x86_64.jar");
        assertEquals("pkg:maven/io.netty/netty-transport-native-epoll@4.1.110.Final", netty.purl());
        assertEquals(TestJars.sha1(epoll), netty.hashes().get("SHA-1"), "the pom.properties is the jar's own");
        assertEquals(
                "pkg:maven/org.springframework/spring-core@6.1.14",
                JavaLayers.at(sbom, "/lib/spring-core-6.1.14-jdk17.jar").purl());
    }

    @Test
    void anArchiveThatCannotBeIdentifiedIsAnUnknownNotACrash() {
        JavaIndex broken = new JavaIndex() {
            @Override
            public Optional<MavenCoordinates> bySha1(String sha1) {
                throw new IllegalStateException("index broke");
            }

            @Override
            public Set<String> groupsOf(String artifact, String version) {
                return Set.of();
            }
        };
        Sbom sbom = JavaLayers.catalog(Map.of("lib/a-1.0.jar", TestJars.springCore()), broken);
        assertTrue(
                sbom.unknowns().stream()
                        .anyMatch(u ->
                                u.path().equals("/lib/a-1.0.jar") && u.reason().contains("index broke")),
                sbom.unknowns().toString());
    }
}
