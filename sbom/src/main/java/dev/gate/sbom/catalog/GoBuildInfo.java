package dev.gate.sbom.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The build information the Go linker embeds in executables (since Go 1.18 inline after the
 * 32-byte "\xff Go buildinf:" header: varint-prefixed Go version and module info). Found by
 * streaming the binary, keeping only the bytes after the magic.
 */
final class GoBuildInfo {

    static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int KEEP_AFTER_MAGIC = 1 << 20;
    private static final int FLAG_INLINE = 0x2;

    record Module(String path, String version) {}

    record Info(String goVersion, Module main, List<Module> deps) {}

    private GoBuildInfo() {}

    /** Returns the magic and what follows it (bounded), or null when the stream is not a Go ELF binary. */
    static byte[] capture(InputStream in) throws IOException {
        byte[] elf = in.readNBytes(4);
        if (elf.length < 4 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') {
            return null;
        }
        byte[] buffer = new byte[1 << 16];
        int carried = 0;
        int n;
        while ((n = in.readNBytes(buffer, carried, buffer.length - carried)) > 0) {
            int filled = carried + n;
            int at = indexOf(buffer, filled);
            if (at >= 0) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(buffer, at, filled - at);
                out.write(in.readNBytes(KEEP_AFTER_MAGIC));
                return out.toByteArray();
            }
            carried = Math.min(MAGIC.length - 1, filled);
            System.arraycopy(buffer, filled - carried, buffer, 0, carried);
        }
        return null;
    }

    private static int indexOf(byte[] data, int length) {
        outer:
        for (int i = 0; i + MAGIC.length <= length; i++) {
            for (int j = 0; j < MAGIC.length; j++) {
                if (data[i + j] != MAGIC[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Parses captured bytes; throws for pre-1.18 binaries whose strings sit behind pointers. */
    static Info parse(byte[] captured) {
        if (captured.length < 32 || !Arrays.equals(captured, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("no Go build info header");
        }
        if ((captured[15] & FLAG_INLINE) == 0) {
            throw new IllegalArgumentException("Go build info from before Go 1.18 (pointer format) is not read");
        }
        int[] at = {32};
        String goVersion = varString(captured, at);
        String modInfo = varString(captured, at);
        if (modInfo.length() >= 33) {
            modInfo = modInfo.substring(16, modInfo.length() - 16);
        }
        return parseModInfo(goVersion, modInfo);
    }

    static Info parseModInfo(String goVersion, String modInfo) {
        Module main = null;
        List<Module> deps = new ArrayList<>();
        for (String line : modInfo.split("\n")) {
            String[] f = line.split("\t");
            if (f.length < 3) {
                continue;
            }
            if (f[0].equals("mod")) {
                main = new Module(f[1], f[2]);
            } else if (f[0].equals("dep")) {
                deps.add(new Module(f[1], f[2]));
            } else if (f[0].equals("=>") && !deps.isEmpty()) {
                deps.set(deps.size() - 1, new Module(f[1], f[2]));
            }
        }
        return new Info(goVersion, main, deps);
    }

    private static String varString(byte[] data, int[] at) {
        long length = 0;
        int shift = 0;
        while (true) {
            if (at[0] >= data.length || shift > 35) {
                throw new IllegalArgumentException("truncated Go build info");
            }
            int b = data[at[0]++] & 0xff;
            length |= (long) (b & 0x7f) << shift;
            shift += 7;
            if (b < 0x80) {
                break;
            }
        }
        if (length > data.length - at[0]) {
            throw new IllegalArgumentException("Go build info string runs past the captured bytes");
        }
        String s = new String(data, at[0], (int) length, StandardCharsets.UTF_8);
        at[0] += (int) length;
        return s;
    }
}
