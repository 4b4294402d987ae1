package dev.gate.scan.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.sbom.OsRelease;
import dev.gate.sbom.Package;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcosystemResolverTest {

    private static Package pkg(
            String type, String group, String name, String version, String source, String sourceVersion) {
        return new Package(type, group, name, version, null, source, sourceVersion, List.of(), null, List.of());
    }

    private static PackageQuery resolve(Package p, OsRelease os) {
        return EcosystemResolver.resolve(p, os).orElseThrow();
    }

    @Test
    void distributionReleasesAndSourcePackages() {
        PackageQuery deb = resolve(
                pkg("deb", null, "libssl3", "3.0.11-1~deb12u2", "openssl", null), new OsRelease("debian", "12", null));
        assertEquals("Debian:12", deb.ecosystem());
        assertEquals(List.of("openssl"), deb.names());
        assertEquals("3.0.11-1~deb12u2", deb.version());
        PackageQuery apk = resolve(
                pkg("apk", null, "libcrypto3", "3.1.4-r5", "openssl", "3.1.4-r5"),
                new OsRelease("alpine", "3.19.1", null));
        assertEquals("Alpine:v3.19", apk.ecosystem());
        assertEquals(
                "AlmaLinux:9",
                resolve(
                                pkg("rpm", null, "openssl-libs", "1:3.0.7-25.el9", "openssl", null),
                                new OsRelease("almalinux", "9.3", null))
                        .ecosystem());
        assertEquals(
                List.of("openssl-libs", "openssl"),
                resolve(
                                pkg("rpm", null, "openssl-libs", "1:3.0.7-25.el9", "openssl", null),
                                new OsRelease("almalinux", "9.3", null))
                        .names());
        assertEquals(
                "Ubuntu:22.04:LTS",
                resolve(pkg("deb", null, "bash", "5.1-6ubuntu1", null, null), new OsRelease("ubuntu", "22.04", null))
                        .ecosystem());
        assertEquals(
                "Ubuntu:23.10",
                resolve(pkg("deb", null, "bash", "5.2-1", null, null), new OsRelease("ubuntu", "23.10", null))
                        .ecosystem());
    }

    @Test
    void languageEcosystemsAndNames() {
        assertEquals(
                List.of("org.apache.logging.log4j:log4j-core"),
                resolve(pkg("maven", "org.apache.logging.log4j", "log4j-core", "2.14.1", null, null), null)
                        .names());
        assertEquals(
                List.of("zope-interface"),
                resolve(pkg("pypi", null, "Zope.Interface", "5.0", null, null), null)
                        .names());
        assertEquals(
                List.of("@babel/core"),
                resolve(pkg("npm", "@babel", "core", "7.0.0", null, null), null).names());
        assertEquals(
                List.of("golang.org/x/net"),
                resolve(pkg("golang", "golang.org/x", "net", "v0.1.0", null, null), null)
                        .names());
        assertEquals(
                "crates.io",
                resolve(pkg("cargo", null, "hyper", "0.14.0", null, null), null).ecosystem());
    }

    @Test
    void unknownDistributionOrEcosystemIsEmpty() {
        assertTrue(EcosystemResolver.resolve(pkg("deb", null, "bash", "5", null, null), null)
                .isEmpty());
        assertTrue(EcosystemResolver.resolve(pkg("gem", null, "rails", "7.0.0", null, null), null)
                .isEmpty());
    }
}
