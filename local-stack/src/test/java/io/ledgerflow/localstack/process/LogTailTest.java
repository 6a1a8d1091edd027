package io.ledgerflow.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void theLastLinesComeBackInOrder() throws Exception {
        Path log = dir.resolve("x.log");
        Files.writeString(
                log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\n");

        assertThat(LogTail.lastLines(log, 3)).containsExactly("line 98", "line 99", "line 100");
        assertThat(LogTail.format(log, 2, "[x] "))
                .isEqualTo("[x] line 99" + System.lineSeparator() + "[x] line 100" + System.lineSeparator());
    }

    @Test
    void aHugeLogIsReadFromItsEndOnly() throws Exception {
        Path log = dir.resolve("big.log");
        String filler = "y".repeat(200) + "\n";
        Files.writeString(log, filler.repeat(2000) + "the end\n");

        assertThat(LogTail.lastLines(log, 1)).containsExactly("the end");
        assertThat(LogTail.lastLines(log, 10_000))
                .allMatch(line -> line.equals("the end") || line.equals("y".repeat(200)));
    }

    @Test
    void aMissingLogHasNoLines() {
        assertThat(LogTail.lastLines(dir.resolve("none.log"), 5)).isEmpty();
    }
}
