package io.ledgerflow.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    @TempDir
    Path dir;

    @Test
    void passwordsAreGeneratedOnceAndKept() throws Exception {
        Path file = dir.resolve("data/credentials.properties");

        Credentials first = Credentials.loadOrCreate(file, List.of("calculation", "pong"));
        Credentials again = Credentials.loadOrCreate(file, List.of("calculation", "pong"));

        assertThat(first.password("calculation")).matches("[A-Za-z0-9_-]{32}");
        assertThat(first.password("calculation")).isNotEqualTo(first.password("pong"));
        assertThat(again.all()).isEqualTo(first.all());
        assertThat(Files.readString(file)).contains("calculation.password=" + first.password("calculation"));
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aNewUserGetsAPasswordWithoutChangingTheOthers() {
        Path file = dir.resolve("credentials.properties");
        Credentials before = Credentials.loadOrCreate(file, List.of("calculation"));

        Credentials after = Credentials.loadOrCreate(file, List.of("calculation", "sharing"));

        assertThat(after.password("calculation")).isEqualTo(before.password("calculation"));
        assertThat(after.password("sharing")).isNotBlank();
    }

    @Test
    void anUnsafePasswordInTheFileIsReplaced() throws Exception {
        Path file = dir.resolve("credentials.properties");
        Files.writeString(file, "pong.password=x' or '1'='1\n");

        String password = Credentials.loadOrCreate(file, List.of("pong")).password("pong");

        assertThat(password).matches(Credentials.SAFE);
    }

    @Test
    void anUnknownUserIsAnError() {
        Credentials credentials = Credentials.loadOrCreate(dir.resolve("c.properties"), List.of("pong"));

        assertThatThrownBy(() -> credentials.password("linking")).hasMessageContaining("linking");
    }
}
