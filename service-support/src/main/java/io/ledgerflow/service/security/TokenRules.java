package io.ledgerflow.service.security;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What a token must carry for a request, the same rules as the gateway's: a path
 * {@code /api/{service}/workspaces/{workspace}/...} needs the workspace in the token's workspaces claim (a string or a
 * list). (A request that changes something, any method but GET, HEAD or OPTIONS, needs the {@code write} scope:
 * {@link ResourceServerAutoConfiguration}.)
 */
public final class TokenRules {

    private static final Pattern WORKSPACE_PATH = Pattern.compile("^/api/[^/]+/workspaces/([^/]+)(?:/.*)?$");

    private TokenRules() {}

    /** The workspace a (decoded) request path addresses, or null when it addresses none. */
    public static @Nullable String workspaceOf(String path) {
        Matcher matcher = WORKSPACE_PATH.matcher(path);
        return matcher.matches() ? matcher.group(1) : null;
    }

    public static boolean grants(Jwt jwt, String claim, String workspace) {
        Object granted = jwt.getClaims().get(claim);
        if (granted instanceof String single) {
            return single.equals(workspace);
        }
        return granted instanceof Collection<?> many && many.contains(workspace);
    }
}
