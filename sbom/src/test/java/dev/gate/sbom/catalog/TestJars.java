package dev.gate.sbom.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Jars shaped like the ones build tools write: a manifest with the attributes given, empty class files at
 * the given class names, pom.properties, and nested jars stored uncompressed as Spring Boot stores them.
 */
final class TestJars {

    private static final long FIXED_TIME = 1_700_000_000_000L;

    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    static TestJars jar() {
        return new TestJars();
    }

    TestJars manifest(String... attributes) {
        StringBuilder text = new StringBuilder("Manifest-Version: 1.0\r\n");
        for (String a : attributes) {
            text.append(a).append("\r\n");
        }
        entries.put("META-INF/MANIFEST.MF", text.toString().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    TestJars classes(String... names) {
        for (String name : names) {
            entries.put(
                    name.replace('.', '/') + ".class", new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
        }
        return this;
    }

    TestJars pom(String group, String artifact, String version) {
        entries.put(
                "META-INF/maven/" + group + "/" + artifact + "/pom.properties",
                ("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n")
                        .getBytes(StandardCharsets.UTF_8));
        return this;
    }

    TestJars entry(String name, byte[] content) {
        entries.put(name, content);
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(FIXED_TIME); // the same jar gives the same bytes, and so the same SHA-1, on every call
                if (e.getKey().endsWith(".jar")) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String sha1(byte[] bytes) {
        return hex("SHA-1", bytes);
    }

    static String sha256(byte[] bytes) {
        return hex("SHA-256", bytes);
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** spring-core 6.1.14 as Spring's Gradle build writes it: no pom.properties; asm and cglib repackaged inside. */
    static byte[] springCore() {
        return jar().manifest(
                        "Implementation-Title: spring-core",
                        "Implementation-Version: 6.1.14",
                        "Automatic-Module-Name: spring.core")
                .classes(
                        "org.springframework.core.SpringVersion",
                        "org.springframework.asm.ClassReader",
                        "org.springframework.cglib.core.ClassGenerator",
                        "META-INF.versions.21.org.springframework.core.task.VirtualThreadDelegate")
                .bytes();
    }

    static byte[] springBeans() {
        return jar().manifest(
                        "Implementation-Title: spring-beans",
                        "Implementation-Version: 6.1.14",
                        "Automatic-Module-Name: spring.beans")
                .classes("org.springframework.beans.BeanWrapper", "org.springframework.beans.factory.BeanFactory")
                .bytes();
    }

    /** As Tomcat's Ant build writes it: an OSGi name that is not Maven's group ({@code org.apache.tomcat.embed}). */
    static byte[] tomcatEmbedCore() {
        return jar().manifest(
                        "Bundle-Name: tomcat-embed-core",
                        "Bundle-SymbolicName: org.apache.tomcat-embed-core",
                        "Bundle-Version: 10.1.31",
                        "Implementation-Title: Apache Tomcat",
                        "Implementation-Version: 10.1.31")
                .classes(
                        "org.apache.catalina.Server", "org.apache.tomcat.util.buf.ByteChunk", "jakarta.servlet.Servlet")
                .bytes();
    }
}
