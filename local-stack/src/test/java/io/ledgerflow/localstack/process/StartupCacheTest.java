package io.ledgerflow.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupCacheTest {

    @TempDir
    Path dir;

    /** A JDK whose {@code java} "extracts" a jar by creating the destination with the jar in it. */
    private Path fakeJdk(String version) throws Exception {
        Path home = dir.resolve("jdk-" + version);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(
                java, "#!/bin/sh\nfor a; do dest=\"$a\"; done\nmkdir -p \"$dest\" && touch \"$dest/svc-exec.jar\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    @Test
    void readsTheFeatureVersionFromTheJdksReleaseFile() throws Exception {
        assertThat(StartupCache.major(fakeJdk("25.0.3"))).isEqualTo(25);
        assertThat(StartupCache.major(fakeJdk("21.0.2"))).isEqualTo(21);
        assertThat(StartupCache.major(dir.resolve("nowhere/bin/java"))).isZero();
    }

    @Test
    void recordsAnAotCacheOnTheFirstStartAndLoadsItAfterwards() throws Exception {
        Path jar = Files.writeString(dir.resolve("svc-exec.jar"), "jar");
        StartupCache cache = new StartupCache(dir.resolve("cache"), fakeJdk("25.0.3"));

        List<String> first = cache.launch("svc", jar);
        assertThat(first.get(0)).startsWith("-XX:AOTCacheOutput=");
        assertThat(first.subList(1, 3).get(0)).isEqualTo("-jar");
        Path extractedJar = Path.of(first.get(2));
        assertThat(extractedJar).exists().isNotEqualTo(jar);

        Files.writeString(Path.of(first.get(0).substring("-XX:AOTCacheOutput=".length())), "cache");
        assertThat(cache.launch("svc", jar).get(0)).startsWith("-XX:AOTCache=");

        // a rebuilt jar gets a new extraction and a new cache; the old one is removed
        Files.writeString(jar, "a rebuilt jar");
        List<String> rebuilt = cache.launch("svc", jar);
        assertThat(rebuilt.get(0)).startsWith("-XX:AOTCacheOutput=");
        assertThat(extractedJar).doesNotExist();
    }

    @Test
    void usesADynamicCdsArchiveBeforeJdk25() throws Exception {
        Path jar = Files.writeString(dir.resolve("svc-exec.jar"), "jar");
        List<String> args = new StartupCache(dir.resolve("cache"), fakeJdk("21.0.2")).launch("svc", jar);
        assertThat(args.subList(0, 3)).containsExactly("-XX:+AutoCreateSharedArchive", args.get(1), "-jar");
        assertThat(args.get(1)).startsWith("-XX:SharedArchiveFile=").endsWith(".jsa");
    }

    @Test
    void startsFromTheJarWhenTheExtractionFails() throws Exception {
        Path jar = dir.resolve("missing-exec.jar");
        assertThat(new StartupCache(dir.resolve("cache"), fakeJdk("25.0.3")).launch("svc", jar))
                .containsExactly("-jar", jar.toString());
    }
}
