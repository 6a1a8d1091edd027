package io.ledgerflow.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: invalid percent-encoding, NUL and control
 * characters in the request line, headers of any size, a body that does not match its content type. The request goes
 * out byte for byte as written ({@code Connection: close}); the answer is read to its end. A connection the server
 * resets or closes without an answer is reported as such, never hidden. Like {@link Http}, each request carries a
 * bearer token ({@link Tokens#forPath}) granting the workspace its target addresses, unless {@link #withoutToken()}.
 */
public final class RawHttp {

    /** The answer, or {@code status} 0 and {@code failure} set when none came. */
    public record Response(int status, Map<String, String> headers, String body, String failure) {

        /** The header's value (names are case-insensitive), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public boolean isProblem() {
            String type = header("content-type");
            return type != null && type.startsWith("application/problem+json");
        }

        public boolean answered() {
            return status > 0;
        }

        @Override
        public String toString() {
            return failure != null
                    ? "no answer: " + failure
                    : status + " " + header("content-type") + " "
                            + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final boolean withToken;

    public RawHttp(String host, int port) {
        this(host, port, 30_000);
    }

    public RawHttp(String host, int port, int timeoutMillis) {
        this(host, port, timeoutMillis, true);
    }

    private RawHttp(String host, int port, int timeoutMillis, boolean withToken) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
        this.withToken = withToken;
    }

    /** The same server, asked without any {@code Authorization} header. */
    public RawHttp withoutToken() {
        return new RawHttp(host, port, timeoutMillis, false);
    }

    /**
     * Sends {@code method target HTTP/1.1} with {@code Host}, {@code Connection: close}, the given header lines (each
     * {@code "Name: value"}) and the body with its {@code Content-Length} (none when {@code body} is null). The target
     * is sent as is: nothing is encoded.
     */
    public Response send(String method, String target, String[] headerLines, byte[] body) {
        return send(method, target, headerLines, body == null ? null : body.length, body);
    }

    private Response send(String method, String target, String[] headerLines, Integer contentLength, byte[] body) {
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\nConnection: close\r\n");
        if (withToken) {
            head.append("Authorization: Bearer ").append(Tokens.forPath(target)).append("\r\n");
        }
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        if (contentLength != null) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        head.append("\r\n");
        return exchange(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    /** Sends the body with {@code Transfer-Encoding: chunked}, in chunks of {@code chunkSize} bytes. */
    public Response sendChunked(String method, String target, String[] headerLines, byte[] body, int chunkSize) {
        String[] headers = java.util.Arrays.copyOf(headerLines, headerLines.length + 1);
        headers[headerLines.length] = "Transfer-Encoding: chunked";
        ByteArrayOutputStream chunked = new ByteArrayOutputStream(body.length + body.length / chunkSize * 10 + 16);
        for (int at = 0; at < body.length; at += chunkSize) {
            int size = Math.min(chunkSize, body.length - at);
            chunked.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(body, at, size);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Response response = send(method, target, headers, null, chunked.toByteArray());
        return response;
    }

    public Response send(String method, String target, String contentType, String body) {
        String[] headers = contentType == null
                ? new String[] {"Accept: */*"}
                : new String[] {"Accept: */*", "Content-Type: " + contentType};
        return send(method, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    public Response get(String target) {
        return send("GET", target, new String[] {"Accept: */*"}, null);
    }

    private Response exchange(byte[] head, byte[] body) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            try {
                out.write(head);
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (SocketException e) {
                // The server answered early (e.g. 413) and closed: its answer may still be readable.
                Response early = read(in);
                return early.answered() ? early : new Response(0, Map.of(), "", "write failed: " + e);
            }
            return read(in);
        } catch (IOException e) {
            return new Response(0, Map.of(), "", e.toString());
        }
    }

    private static Response read(InputStream in) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        String failure = null;
        try {
            in.transferTo(received);
        } catch (SocketTimeoutException e) {
            failure = "timed out";
        } catch (IOException e) {
            failure = e.toString();
        }
        Response parsed = parse(received.toByteArray());
        if (parsed == null) {
            return new Response(0, Map.of(), "", failure == null ? "closed without an answer" : failure);
        }
        return parsed;
    }

    private static Response parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            return null;
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        String body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))
                ? dechunk(rest)
                : new String(rest, StandardCharsets.UTF_8);
        return new Response(status, headers, body, null);
    }

    private static String dechunk(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < bytes.length) {
            int lineEnd = indexOfCrlf(bytes, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(bytes, start, Math.min(size, bytes.length - start));
            at = start + size + 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
