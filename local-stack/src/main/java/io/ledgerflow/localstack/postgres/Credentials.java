package io.ledgerflow.localstack.postgres;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * One password per database user, generated at random on first use and kept in a properties file
 * under the (git-ignored) data directory, so nothing secret is ever committed and a restart finds
 * the same passwords. The file is readable by its owner only.
 */
public final class Credentials {

    /** Passwords are base64url: safe inside a SQL string literal and in a JDBC property. */
    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{16,}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords;

    private Credentials(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /** Reads the file, adds a password for every user missing from it, and writes it back if needed. */
    public static Credentials loadOrCreate(Path file, List<String> users) {
        Properties properties = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    properties.load(reader);
                }
            }
            Map<String, String> passwords = new LinkedHashMap<>();
            boolean changed = false;
            for (String user : users) {
                String key = user + ".password";
                String password = properties.getProperty(key);
                if (password == null || !SAFE.matcher(password).matches()) {
                    password = newPassword();
                    properties.setProperty(key, password);
                    changed = true;
                }
                passwords.put(user, password);
            }
            if (changed) {
                write(file, properties);
            }
            return new Credentials(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no credentials for user " + user);
        }
        return password;
    }

    public Map<String, String> all() {
        return passwords;
    }

    static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void write(Path file, Properties properties) throws IOException {
        java.io.StringWriter text = new java.io.StringWriter();
        properties.store(
                text, "Ledgerflow local stack: database users and their generated passwords. Never commit this file.");
        io.ledgerflow.localstack.auth.PrivateFile.write(file, text.toString());
    }
}
