package dev.gate.pipeline.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gate.errors.GateException;
import dev.gate.policy.PolicyEngine;
import dev.gate.policy.PolicySet;
import dev.gate.policy.syntax.RegoVersion;
import dev.gate.policy.value.BooleanValue;
import dev.gate.policy.value.ObjectValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle is reproducible when packed, and unpacked as the hostile archive it may be. */
class PolicyArchiveTest {

    @TempDir
    Path dir;

    @Test
    void packingTheSameFolderTwiceGivesTheSameBytesAndUnpacksToTheSameFiles() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/lib"));
        Files.writeString(
                dir.resolve("src/main.rego"), "package main\n\nimport rego.v1\n\ndeny contains \"x\" if input.x\n");
        Files.writeString(src.resolve("util.rego"), "package lib\n\nimport rego.v1\n\nok := true\n");
        Files.writeString(dir.resolve("src/data.json"), "{\"a\": 1}");
        Files.writeString(dir.resolve("src/notes.txt"), "left out");
        byte[] first = PolicyArchive.pack(PolicyArchive.contents(dir.resolve("src")));
        Files.setLastModifiedTime(dir.resolve("src/main.rego"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertArrayEquals(
                first,
                PolicyArchive.pack(PolicyArchive.contents(dir.resolve("src"))),
                "times do not change the digest");
        PolicyArchive.Contents out = PolicyArchive.unpack(first, "bundle", Files.createDirectories(dir.resolve("out")));
        assertEquals(List.of(dir.resolve("out/lib/util.rego"), dir.resolve("out/main.rego")), out.rego());
        assertEquals(List.of(dir.resolve("out/data.json")), out.data());
        assertTrue(Files.notExists(dir.resolve("out/notes.txt")));
    }

    @Test
    void theManifestTravelsWithTheBundleAndDecidesTheDialectOfItsFiles() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/v1"));
        Files.writeString(src.resolve("../.manifest"), "{\"rego_version\": 0, \"file_rego_versions\": {\"/v1/*\": 1}}");
        Files.writeString(src.resolve("../old.rego"), "package old\n\ndeny[msg] { input.x; msg := \"old\" }\n");
        Files.writeString(src.resolve("new.rego"), "package fresh\n\ndeny contains \"new\" if input.x\n");
        PolicyArchive.Contents out = PolicyArchive.unpack(
                PolicyArchive.pack(PolicyArchive.contents(dir.resolve("src"))),
                "bundle",
                Files.createDirectories(dir.resolve("out")));
        assertTrue(Files.isRegularFile(out.root().resolve(".manifest")));
        PolicySet set = PolicySet.load(List.of(out.root()), List.of(), false, null, RegoVersion.V1);
        assertEquals(
                "{\"fresh\":{\"deny\":[\"new\"]},\"old\":{\"deny\":[\"old\"]}}",
                set.query(
                                "data",
                                ObjectValue.ofStrings(Map.of("x", BooleanValue.TRUE)),
                                PolicyEngine.Options.defaults())
                        .get(0)
                        .expressions()
                        .get(0)
                        .toJson());
    }

    @Test
    void aMalformedManifestIsNeitherPublishedNorUsed() throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/a.rego"), "package a\n\np := 1\n");
        Files.writeString(dir.resolve("src/.manifest"), "{\"rego_version\": \"v0\"}");
        GateException packed = assertThrows(GateException.class, () -> PolicyArchive.contents(dir.resolve("src")));
        assertEquals(
                dir.resolve("src/.manifest") + ": rego_version must be 0, 1 or 2 (a Rego version), not a string",
                packed.getMessage());
        byte[] archive = archive(
                file("a.rego", "package a\n\np := 1\n"),
                file(".manifest", "{\"file_rego_versions\": {\"/a.rego\": 7}}"));
        assertRefused(archive, ".manifest: file_rego_versions \"/a.rego\" must be 0, 1 or 2 (a Rego version), not 7");
    }

    @Test
    void entriesThatLeaveTheFolderAreNotFilesOrAreOfAnotherKindAreRefused() throws IOException {
        assertRefused(archive(file("../evil.rego", "package x")), "'../evil.rego' is not a plain relative file name");
        assertRefused(archive(file("/etc/evil.rego", "package x")), "is not a plain relative file name");
        assertRefused(
                archive(file("a.rego", "package a"), link("b.rego", "/etc/passwd")), "'b.rego' is not a regular file");
        assertRefused(
                archive(file("a.rego", "package a"), file("run.sh", "#!/bin/sh")),
                "'run.sh' is not a Rego, data, waiver, manifest or wasm bundle file");
        assertRefused(archive(file("a.rego", "package a"), file("a.rego", "package b")), "a.rego appears twice");
        assertRefused(archive(file("data.json", "{}")), "no .rego files (or OPA wasm bundle)");
        assertRefused("not gzip".getBytes(StandardCharsets.UTF_8), "not a readable policy bundle");
        assertTrue(Files.notExists(dir.resolve("evil.rego"))
                && Files.notExists(dir.getParent().resolve("evil.rego")));
    }

    /** An OPA wasm bundle stands in for the Rego sources; it is a whole policy, so never beside them or a second one. */
    @Test
    void aWasmBundleTravelsInPlaceOfRegoSourcesAndAlone() throws IOException {
        Files.createDirectories(dir.resolve("src/waivers"));
        Files.write(dir.resolve("src/bundle.tar.gz"), new byte[] {31, -117, 8, 0});
        Files.writeString(dir.resolve("src/waivers/w.yaml"), "waivers: []\n");
        PolicyArchive.Contents out = PolicyArchive.unpack(
                PolicyArchive.pack(PolicyArchive.contents(dir.resolve("src"))),
                "bundle",
                Files.createDirectories(dir.resolve("out")));
        assertEquals(dir.resolve("out/bundle.tar.gz"), out.wasmBundle());
        assertEquals(out.wasmBundle(), out.policy(), "--policy is given the wasm bundle, not the folder");
        assertEquals(2, out.files());
        assertRefused(
                archive(file("a.rego", "package a"), file("bundle.tar.gz", "x")),
                "a wasm bundle is a whole policy: give it alone, not with a.rego");
        assertRefused(archive(file("one.wasm", "x"), file("two.tgz", "y")), "a wasm bundle is a whole policy");
        assertRefused(
                archive(file("lib/nested.wasm", "x")),
                "'lib/nested.wasm' is not a Rego, data, waiver, manifest or wasm bundle file");
        Files.writeString(dir.resolve("src/main.rego"), "package main\n");
        GateException both = assertThrows(GateException.class, () -> PolicyArchive.contents(dir.resolve("src")));
        assertTrue(both.getMessage().contains("give it alone, not with main.rego"), both.getMessage());
    }

    @Test
    void aBundleLargerThanTheBoundIsRefusedWhileUnpacking() throws IOException {
        byte[] big = new byte[(int) PolicyArchive.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertRefused(
                archive(new Entry("big.rego", big, false)), "more than " + PolicyArchive.MAX_BYTES + " bytes unpacked");
    }

    private void assertRefused(byte[] archive, String message) throws IOException {
        Path into = Files.createTempDirectory(dir, "into");
        GateException e = assertThrows(GateException.class, () -> PolicyArchive.unpack(archive, "oci://r/p", into));
        assertEquals(GateException.Kind.INPUT, e.kind());
        assertTrue(e.getMessage().startsWith("oci://r/p: ") && e.getMessage().contains(message), e.getMessage());
    }

    private record Entry(String name, byte[] content, boolean symlink) {}

    private static Entry file(String name, String content) {
        return new Entry(name, content.getBytes(StandardCharsets.UTF_8), false);
    }

    private static Entry link(String name, String target) {
        return new Entry(name, target.getBytes(StandardCharsets.UTF_8), true);
    }

    private static byte[] archive(Entry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (Entry e : entries) {
                if (e.symlink()) {
                    TarArchiveEntry link = new TarArchiveEntry(e.name(), TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(new String(e.content(), StandardCharsets.UTF_8));
                    tar.putArchiveEntry(link);
                } else {
                    TarArchiveEntry entry = new TarArchiveEntry(e.name(), true);
                    entry.setSize(e.content().length);
                    tar.putArchiveEntry(entry);
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
