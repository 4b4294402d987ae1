package dev.gate.scan.osv;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link java.io.DataOutputStream} wrote (big-endian ints, length-prefixed UTF-8) straight
 * from the array: a scan decodes megabytes of stored records, and a DataInputStream over a
 * ByteArrayInputStream costs a synchronized call per byte of every int.
 * Reading past the end throws {@link ArrayIndexOutOfBoundsException}.
 */
final class StoredBytes {

    private final byte[] data;
    private int position;

    StoredBytes(byte[] data) {
        this.data = data;
    }

    int readUnsignedByte() {
        return data[position++] & 0xff;
    }

    int readInt() {
        int value = (data[position] & 0xff) << 24
                | (data[position + 1] & 0xff) << 16
                | (data[position + 2] & 0xff) << 8
                | data[position + 3] & 0xff;
        position += 4;
        return value;
    }

    /**
     * The number of items that follow, each at least one byte long: a corrupt count is refused here rather than
     * sizing a list of billions of entries.
     */
    int readCount() {
        int count = readInt();
        if (count < 0 || count > data.length - position) {
            throw new ArrayIndexOutOfBoundsException("count of " + count + " items past the end");
        }
        return count;
    }

    /** Length-prefixed UTF-8, -1 for null. */
    String readString() {
        int length = readInt();
        if (length < 0) {
            return null;
        }
        if (length > data.length - position) {
            throw new ArrayIndexOutOfBoundsException("string of " + length + " bytes past the end");
        }
        String value = new String(data, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }
}
