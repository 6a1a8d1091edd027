package io.ledgerflow.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The checks of a request target's parts that the gateway and every service make alike: strict
 * percent-decoding (valid escapes, UTF-8) and no NUL or other control character, raw or encoded.
 * One implementation, so that a target the gateway lets through is never read differently behind
 * it.
 */
public final class RequestTargetRules {

    private RequestTargetRules() {}

    /**
     * What is wrong with one part of a target (a path, a query string or one of its names or
     * values), as the end of a sentence ("is not validly percent-encoded UTF-8"), or null.
     */
    public static String problemWithPart(String raw, boolean plusIsSpace) {
        if (raw == null) {
            return null;
        }
        String decoded = decode(raw, plusIsSpace);
        if (decoded == null) {
            return "is not validly percent-encoded UTF-8";
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return c == 0 ? "contains a NUL character" : "contains a control character (U+%04X)".formatted((int) c);
            }
        }
        return null;
    }

    /**
     * Strict percent-decoding: null when a {@code %} is not followed by two hex digits or the bytes
     * are not UTF-8. A part without {@code %} (most of them) is returned without copying bytes.
     */
    public static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0) {
            return plusIsSpace ? raw.replace('+', ' ') : raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.put((byte) ' ');
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
