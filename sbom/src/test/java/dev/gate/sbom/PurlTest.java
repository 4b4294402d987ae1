package dev.gate.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PurlTest {

    @Test
    void formatsLikeSyftAndTrivy() {
        assertEquals(
                "pkg:deb/debian/openssl@3.0.15-1~deb12u1?arch=amd64&distro=debian-12",
                Purl.of("deb", "debian", "openssl", "3.0.15-1~deb12u1", Map.of("distro", "debian-12", "arch", "amd64"))
                        .toString());
        assertEquals(
                "pkg:npm/%40angular/core@17.0.0",
                Purl.of("npm", "@angular", "core", "17.0.0", null).toString());
        assertEquals(
                "pkg:golang/github.com/sirupsen/logrus@v1.9.3",
                Purl.of("golang", "github.com/sirupsen", "logrus", "v1.9.3", null)
                        .toString());
        assertEquals(
                "pkg:deb/debian/libc6@2.36-9+deb12u9",
                Purl.of("deb", "debian", "libc6", "2.36-9+deb12u9", null).toString());
        assertEquals(
                "pkg:maven/org.example/a%20b@1.0",
                Purl.of("maven", "org.example", "a b", "1.0", null).toString());
    }

    @Test
    void parseInvertsFormat() {
        for (String text : new String[] {
            "pkg:npm/%40angular/core@17.0.0",
            "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=3.19.1",
            "pkg:golang/github.com/sirupsen/logrus@v1.9.3",
            "pkg:rpm/redhat/openssl@3.0.7-27.el9?arch=x86_64&epoch=1",
            "pkg:pypi/requests@2.31.0"
        }) {
            assertEquals(text, Purl.parse(text).toString());
        }
        Purl npm = Purl.parse("pkg:npm/%40angular/core@17.0.0");
        assertEquals("@angular", npm.namespace());
        assertEquals("core", npm.name());
    }

    /** Where two parsers once disagreed: the version's start, slashes, percent escapes. */
    @Test
    void readsAsTheSpecificationDoes() {
        Purl scoped = Purl.parse("pkg:npm/%40angular/core");
        assertEquals("@angular", scoped.namespace());
        assertEquals(null, scoped.version());
        Purl slashes = Purl.parse("pkg:///maven/org.example/app/@1.0");
        assertEquals("maven", slashes.type());
        assertEquals("org.example", slashes.namespace());
        assertEquals("app", slashes.name());
        assertEquals("1.0", slashes.version());
        assertEquals("1.0+build", Purl.parse("pkg:generic/x@1.0%2Bbuild").version());
        assertEquals("1.0+build", Purl.parse("pkg:generic/x@1.0+build").version());
        assertEquals("a b", Purl.parse("pkg:maven/org.example/a%20b@1").name());
        assertThrows(IllegalArgumentException.class, () -> Purl.parse("pkg:maven/org.example/a%2@1"));
        assertThrows(IllegalArgumentException.class, () -> Purl.parse("pkg:maven/org.example/a%zz@1"));
    }

    @Test
    void rejectsWhatIsNotAPurl() {
        assertThrows(IllegalArgumentException.class, () -> Purl.parse("npm/core@1"));
        assertThrows(IllegalArgumentException.class, () -> Purl.parse("pkg:npm"));
    }
}
