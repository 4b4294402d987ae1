package dev.gate.image.daemon;

import dev.gate.errors.GateException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Just enough HTTP/1.1 over a unix socket for the Engine API's GET endpoints: one request per
 * connection ({@code Connection: close}), bodies framed by Content-Length, chunked encoding or EOF.
 */
final class UnixHttp {

    private static final int MAX_HEADER_LINE = 16 << 10;

    record Response(int status, Map<String, String> headers, InputStream body, SocketChannel channel)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private UnixHttp() {}

    static Response get(Path socket, String path) throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        try {
            String request = "GET " + path + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: gate\r\n"
                    + "Accept: application/x-tar\r\nConnection: close\r\n\r\n";
            channel.write(java.nio.ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw GateException.operational("daemon at " + socket + " answered with no HTTP status line", null);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new HashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(
                            header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).trim());
                }
            }
            return new Response(status, headers, body(in, headers), channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static InputStream body(InputStream in, Map<String, String> headers) throws IOException {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return new ChunkedInputStream(in);
        }
        String length = headers.get("content-length");
        // The response closes the channel itself.
        return length == null
                ? in
                : BoundedInputStream.builder()
                        .setInputStream(in)
                        .setMaxCount(Long.parseLong(length))
                        .setPropagateClose(false)
                        .get();
    }

    /** One CRLF-terminated line, without the terminator. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of the HTTP headers");
            }
            if (line.size() > MAX_HEADER_LINE) {
                throw new IOException("HTTP header line too long");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
