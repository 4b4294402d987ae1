package dev.gate.sbom.catalog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An rpm header as rpmdb stores it (no lead, no magic): index count, data size, 16-byte index
 * entries (tag, type, offset, count), then the data store. Only the tags gate needs are decoded.
 */
final class RpmHeader {

    static final int NAME = 1000;
    static final int VERSION = 1001;
    static final int RELEASE = 1002;
    static final int EPOCH = 1003;
    static final int LICENSE = 1014;
    static final int ARCH = 1022;
    static final int SOURCERPM = 1044;

    private static final int INT32 = 4;
    private static final int STRING = 6;
    private static final int I18NSTRING = 9;
    private static final int MAX_ENTRIES = 100_000;

    private final Map<Integer, Object> values;

    private RpmHeader(Map<Integer, Object> values) {
        this.values = values;
    }

    static RpmHeader parse(byte[] blob) {
        if (blob.length < 8) {
            throw new IllegalArgumentException("rpm header shorter than its 8-byte preamble");
        }
        ByteBuffer b = ByteBuffer.wrap(blob);
        int count = b.getInt();
        int dataLength = b.getInt();
        long dataStart = 8L + 16L * count;
        if (count < 0 || count > MAX_ENTRIES || dataLength < 0 || dataStart + dataLength > blob.length) {
            throw new IllegalArgumentException("rpm header sizes do not fit the blob");
        }
        Map<Integer, Object> values = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int tag = b.getInt(8 + 16 * i);
            int type = b.getInt(12 + 16 * i);
            int offset = b.getInt(16 + 16 * i);
            if (tag < NAME || tag > SOURCERPM || offset < 0 || offset >= dataLength) {
                continue;
            }
            int at = (int) dataStart + offset;
            if (type == STRING || type == I18NSTRING) {
                values.put(tag, cString(blob, at, (int) dataStart + dataLength));
            } else if (type == INT32 && at + 4 <= blob.length) {
                values.put(tag, b.getInt(at));
            }
        }
        return new RpmHeader(values);
    }

    private static String cString(byte[] blob, int from, int limit) {
        int end = from;
        while (end < limit && blob[end] != 0) {
            end++;
        }
        return new String(blob, from, end - from, StandardCharsets.UTF_8);
    }

    String string(int tag) {
        Object v = values.get(tag);
        return v instanceof String s ? s : null;
    }

    Integer integer(int tag) {
        Object v = values.get(tag);
        return v instanceof Integer i ? i : null;
    }
}
