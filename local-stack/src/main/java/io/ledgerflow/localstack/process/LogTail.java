package io.ledgerflow.localstack.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, for error messages. */
public final class LogTail {

    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {}

    public static List<String> lastLines(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            int from = Math.max(0, all.length - lines);
            // When the window cut a line in half, drop that fragment.
            if (from == 0 && length > size && all.length > 1) {
                from = 1;
            }
            return List.copyOf(Arrays.asList(all).subList(from, all.length));
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    /** The tail, each line prefixed, ready to print. */
    public static String format(Path file, int lines, String prefix) {
        StringBuilder text = new StringBuilder();
        for (String line : lastLines(file, lines)) {
            text.append(prefix).append(line).append(System.lineSeparator());
        }
        return text.toString();
    }
}
