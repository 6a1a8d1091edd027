package io.ledgerflow.localstack.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.ledgerflow.localstack.CommandLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAuthTest {

    @TempDir
    Path data;

    @Test
    void onByDefaultWithAKeyMadeOnceReadableByItsOwnerOnly() throws Exception {
        LocalAuth auth = LocalAuth.resolve(Map.of(), data);
        Path key = data.resolve("auth-signing-key");
        assertThat(auth.enabled()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        String secret = auth.environment().get("AUTH_JWT_SECRET");
        assertThat(secret.getBytes(StandardCharsets.UTF_8).length).isGreaterThanOrEqualTo(32);
        assertThat(auth.environment()).containsEntry("AUTH_ENABLED", "true");
        assertThat(LocalAuth.resolve(Map.of(), data).environment())
                .as("a restart keeps the key")
                .containsEntry("AUTH_JWT_SECRET", secret);
    }

    @Test
    void theDemoTokensAreSignedWithTheStacksKeyAndGrantWhatTheirNamesSay() throws Exception {
        LocalAuth auth = LocalAuth.resolve(Map.of(), data);
        MACVerifier verifier = new MACVerifier(auth.environment().get("AUTH_JWT_SECRET"));
        Map<String, String> tokens = auth.demoTokens();
        assertThat(tokens).containsOnlyKeys("ACME", "GLOBEX", "READONLY");

        SignedJWT acme = SignedJWT.parse(tokens.get("ACME"));
        assertThat(acme.verify(verifier)).isTrue();
        assertThat(acme.getJWTClaimsSet().getStringListClaim("workspaces")).isEqualTo(List.of("acme"));
        assertThat(acme.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("read write");
        assertThat(acme.getJWTClaimsSet().getExpirationTime())
                .isAfter(Date.from(new Date().toInstant().plus(Duration.ofDays(29))));
        SignedJWT globex = SignedJWT.parse(tokens.get("GLOBEX"));
        assertThat(globex.getJWTClaimsSet().getStringListClaim("workspaces")).isEqualTo(List.of("globex"));
        SignedJWT reader = SignedJWT.parse(tokens.get("READONLY"));
        assertThat(reader.verify(verifier)).isTrue();
        assertThat(reader.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("read");

        Path file = data.resolve("tokens.env");
        auth.writeTokens(file);
        assertThat(Files.readString(file))
                .contains("export ACME=" + tokens.get("ACME").substring(0, 20));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void noAuthTurnsItOffEverywhereAndAGivenKeyIsUsedAsIs() {
        Map<String, String> env = CommandLine.parse(
                        new String[] {"--no-auth", "--home", data.toString()}, Map.of(), data)
                .options()
                .extraEnv();
        LocalAuth off = LocalAuth.resolve(env, data);
        assertThat(off.enabled()).isFalse();
        assertThat(off.environment()).containsExactlyEntriesOf(Map.of("AUTH_ENABLED", "false"));
        assertThat(off.demoTokens()).isEmpty();
        assertThat(data.resolve("auth-signing-key")).doesNotExist();

        String given = "a-key-the-caller-signs-its-own-tokens-with";
        assertThat(LocalAuth.resolve(Map.of("AUTH_JWT_SECRET", given), data).environment())
                .containsEntry("AUTH_JWT_SECRET", given);
        assertThat(data.resolve("auth-signing-key")).doesNotExist();
    }
}
