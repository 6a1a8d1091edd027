package io.ledgerflow.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @TempDir
    Path dir;

    @Test
    void binariesWhoseUnpackingWasInterruptedAreRemovedAndCompleteOnesKept() throws Exception {
        Path half = Files.createDirectories(dir.resolve("PG-half/lib"));
        Files.writeString(half.resolve("libicui18n.so"), "partial");
        Path complete = Files.createDirectories(dir.resolve("PG-complete/bin"));
        Files.writeString(dir.resolve("PG-complete/.exists"), "");
        Path unrelated = Files.createDirectories(dir.resolve("other"));

        PostgresServer.removeHalfUnpackedBinaries(dir);

        assertThat(dir.resolve("PG-half")).doesNotExist();
        assertThat(complete).exists();
        assertThat(unrelated).exists();
    }

    @Test
    void thePostmasterPidIsTheFirstLineOfItsFile() throws Exception {
        assertThat(PostgresServer.postmasterPid(dir)).isEmpty();

        Files.writeString(dir.resolve("postmaster.pid"), "4242\n/data\n1700000000\n15432\n");
        assertThat(PostgresServer.postmasterPid(dir)).contains(4242L);

        Files.writeString(dir.resolve("postmaster.pid"), "garbage\n");
        assertThat(PostgresServer.postmasterPid(dir)).isEmpty();
    }

    @Test
    void noStalePostmasterMeansNothingToStop() throws Exception {
        assertThat(PostgresServer.stopStale(dir)).isFalse();

        // A PID that is alive but is not a postgres process is never signalled.
        Files.writeString(dir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n");
        assertThat(PostgresServer.stopStale(dir)).isFalse();
    }
}
