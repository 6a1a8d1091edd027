package io.ledgerflow.formula.compat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless LibreOffice Calc as the oracle: converts .xlsx files to .xlsx, recalculating every
 * formula on load. A private user profile sets "recalculate on load: always" for OOXML and ODF
 * files (LibreOffice's default for files it did not write itself is to keep the cached values).
 */
final class LibreOffice {

    private LibreOffice() {}

    /** The soffice executable, or null when LibreOffice is not installed. */
    static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : new String[] {"soffice", "libreoffice"}) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    private static final String RECALC_ALWAYS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <oor:items xmlns:oor="http://openoffice.org/2001/registry" \
            xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
            <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
            </oor:items>
            """;

    /** Converts each input into {@code outDir} (same file names); returns the outputs. */
    static List<Path> recalculate(String soffice, List<Path> inputs, Path outDir, Path profile)
            throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        Path user = profile.resolve("user");
        Files.createDirectories(user);
        Files.writeString(user.resolve("registrymodifications.xcu"), RECALC_ALWAYS, StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(List.of(
                soffice,
                "-env:UserInstallation=" + profile.toUri(),
                "--headless",
                "--norestore",
                "--nolockcheck",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
                outDir.toString()));
        for (Path p : inputs) {
            cmd.add(p.toString());
        }
        Process proc = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(outDir.resolve("soffice.log").toFile())
                .start();
        if (!proc.waitFor(180, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            throw new IOException("soffice did not finish in 180 s: " + cmd);
        }
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            Path o = outDir.resolve(p.getFileName());
            if (!Files.exists(o)) {
                throw new IOException("soffice wrote no " + o + " (exit " + proc.exitValue() + "): "
                        + Files.readString(outDir.resolve("soffice.log")));
            }
            out.add(o);
        }
        return out;
    }
}
