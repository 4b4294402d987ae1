package dev.gate.image.daemon;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Decodes an HTTP/1.1 chunked body; a connection closed before the last chunk is an error. */
final class ChunkedInputStream extends InputStream {

    private final InputStream in;
    private long remaining;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (remaining == 0 && !nextChunk()) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new EOFException("connection closed in the middle of a chunk");
        }
        remaining -= n;
        if (remaining == 0) {
            UnixHttp.line(in); // CRLF after the chunk data
        }
        return n;
    }

    private boolean nextChunk() throws IOException {
        if (done) {
            return false;
        }
        String header = UnixHttp.line(in);
        int extension = header.indexOf(';');
        String hex = (extension < 0 ? header : header.substring(0, extension)).trim();
        try {
            remaining = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size '" + hex + "'");
        }
        if (remaining == 0) {
            for (String trailer = UnixHttp.line(in); !trailer.isEmpty(); trailer = UnixHttp.line(in)) {
                // trailers carry nothing the save endpoint needs
            }
            done = true;
            return false;
        }
        return true;
    }
}
