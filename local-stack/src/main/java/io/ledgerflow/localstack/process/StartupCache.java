package io.ledgerflow.localstack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up from the JDK's own cache instead of a slower JIT: each service's exec jar is extracted
 * once (Spring Boot's {@code -Djarmode=tools extract}: plain jars on a class path, which the JDK can
 * archive; classes in nested jars it cannot), and the service runs with an AOT cache on JDK 25+
 * ({@code -XX:AOTCacheOutput} records it on the first run, written when the service exits;
 * {@code -XX:AOTCache} loads it afterwards) or a dynamic CDS archive on JDK 19–24. Keyed by the
 * jar's size and time, so a rebuilt jar gets a new cache; a stale or damaged cache is ignored by
 * the JVM (it starts without it).
 */
public final class StartupCache {

    private static final Logger LOG = LoggerFactory.getLogger(StartupCache.class);
    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    private final Path dir;
    private final Path java;
    private final int javaMajor;

    public StartupCache(Path dir, Path java) {
        this.dir = dir;
        this.java = java;
        this.javaMajor = major(java);
    }

    /**
     * The JVM options and the jar to run for {@code module}: the cache's when the extraction
     * worked, else just {@code -jar execJar}.
     */
    public List<String> launch(String module, Path execJar) {
        List<String> args = new ArrayList<>();
        try {
            Path extracted = extracted(module, execJar);
            Path aot = extracted.resolve(module + (javaMajor >= 25 ? ".aot" : ".jsa"));
            if (javaMajor >= 25) {
                args.add(Files.isRegularFile(aot) ? "-XX:AOTCache=" + aot : "-XX:AOTCacheOutput=" + aot);
            } else if (javaMajor >= 19) {
                args.add("-XX:+AutoCreateSharedArchive");
                args.add("-XX:SharedArchiveFile=" + aot);
            }
            args.add("-jar");
            args.add(extracted.resolve(execJar.getFileName()).toString());
        } catch (IOException | RuntimeException e) {
            LOG.warn("no start-up cache for {} ({}): starting it from its jar", module, e.toString());
            args.clear();
            args.add("-jar");
            args.add(execJar.toString());
        }
        return args;
    }

    private Path extracted(String module, Path execJar) throws IOException {
        String key = module + "-" + Files.size(execJar) + "-"
                + Files.getLastModifiedTime(execJar).toMillis();
        Path target = dir.resolve(key);
        if (Files.isRegularFile(target.resolve(execJar.getFileName()))) {
            return target;
        }
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) { // earlier builds of this module
            for (Path stale : old.filter(p -> p.getFileName().toString().startsWith(module + "-"))
                    .toList()) {
                deleteTree(stale);
            }
        }
        Path partial = dir.resolve(key + ".partial");
        deleteTree(partial);
        Process extract = new ProcessBuilder(
                        java.toString(),
                        "-Djarmode=tools",
                        "-jar",
                        execJar.toString(),
                        "extract",
                        "--destination",
                        partial.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!extract.waitFor(120, TimeUnit.SECONDS) || extract.exitValue() != 0) {
                extract.destroyForcibly();
                throw new IOException("extracting " + execJar + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting " + execJar, e);
        }
        Files.move(partial, target);
        return target;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The feature version of the JDK of {@code java} (from its {@code release} file), or 0. */
    static int major(Path java) {
        Path home = java.toAbsolutePath().getParent() == null
                ? null
                : java.toAbsolutePath().getParent().getParent();
        if (home != null && Files.isRegularFile(home.resolve("release"))) {
            try {
                Matcher matcher = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
        }
        return java.equals(Path.of("java")) ? Runtime.version().feature() : 0;
    }
}
