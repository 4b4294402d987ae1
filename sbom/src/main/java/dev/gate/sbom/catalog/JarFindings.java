package dev.gate.sbom.catalog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link JarReader} found in one archive, kept in place of the archive's bytes while the layers are
 * squashed: the Java archives of an image then cost a few hundred bytes each in memory, not their size.
 * The bytes start with a marker no archive starts with, so an archive captured whole is told apart.
 */
record JarFindings(List<ArchiveEvidence> archives, List<String> problems) {

    private static final byte[] MARKER = "gate:jar-findings:2\n".getBytes(StandardCharsets.US_ASCII);

    static boolean isEncoded(byte[] bytes) {
        return bytes.length >= MARKER.length && Arrays.equals(bytes, 0, MARKER.length, MARKER, 0, MARKER.length);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MARKER);
            out.writeInt(archives.size());
            for (ArchiveEvidence a : archives) {
                write(out, a.path());
                write(out, a.sha1());
                write(out, a.sha256());
                out.writeInt(a.poms().size());
                for (MavenCoordinates c : a.poms()) {
                    write(out, c.group());
                    write(out, c.artifact());
                    write(out, c.version());
                }
                out.writeInt(a.manifest().size());
                for (Map.Entry<String, String> m : a.manifest().entrySet()) {
                    write(out, m.getKey());
                    write(out, m.getValue());
                }
                write(out, a.classPrefix());
                out.writeInt(a.classCount());
            }
            out.writeInt(problems.size());
            for (String problem : problems) {
                write(out, problem);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory only
        }
        return bytes.toByteArray();
    }

    static JarFindings decode(byte[] bytes) {
        try (DataInputStream in =
                new DataInputStream(new ByteArrayInputStream(bytes, MARKER.length, bytes.length - MARKER.length))) {
            List<ArchiveEvidence> archives = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                String path = read(in);
                String sha1 = read(in);
                String sha256 = read(in);
                List<MavenCoordinates> poms = new ArrayList<>();
                for (int p = in.readInt(); p > 0; p--) {
                    poms.add(new MavenCoordinates(read(in), read(in), read(in)));
                }
                Map<String, String> manifest = new LinkedHashMap<>();
                for (int m = in.readInt(); m > 0; m--) {
                    manifest.put(read(in), read(in));
                }
                archives.add(new ArchiveEvidence(path, sha1, sha256, poms, manifest, read(in), in.readInt()));
            }
            List<String> problems = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                problems.add(read(in));
            }
            return new JarFindings(archives, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // only gate writes these bytes
        }
    }

    private static void write(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String read(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
