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
import java.util.List;

/**
 * What {@link JarReader} found in one archive, kept in place of the archive's bytes while the layers are
 * squashed: the Java archives of an image then cost a few hundred bytes each in memory, not their size.
 * The bytes start with a marker no archive starts with, so an archive captured whole is told apart.
 */
record JarFindings(List<Coordinates> packages, List<String> problems) {

    private static final byte[] MARKER = "gate:jar-findings:1\n".getBytes(StandardCharsets.US_ASCII);

    /** Maven coordinates, any of them null when the archive did not say; {@code path} as nested paths are written. */
    record Coordinates(String group, String artifact, String version, String path) {
    }

    static boolean isEncoded(byte[] bytes) {
        return bytes.length >= MARKER.length && Arrays.equals(bytes, 0, MARKER.length, MARKER, 0, MARKER.length);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MARKER);
            out.writeInt(packages.size());
            for (Coordinates c : packages) {
                write(out, c.group());
                write(out, c.artifact());
                write(out, c.version());
                write(out, c.path());
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
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MARKER.length, bytes.length - MARKER.length))) {
            List<Coordinates> packages = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                packages.add(new Coordinates(read(in), read(in), read(in), read(in)));
            }
            List<String> problems = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                problems.add(read(in));
            }
            return new JarFindings(packages, problems);
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
