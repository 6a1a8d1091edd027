package io.ledgerflow.gateway.limits;

import io.ledgerflow.http.RequestTargetRules;

/**
 * What is wrong with a request target (the raw path and query of the request line), if anything: percent-encoding
 * that is invalid or not UTF-8, NUL or other control characters (raw or encoded), and an encoded slash or backslash
 * in the path, which would let {@code /api/calc/workspaces/a%2Fb} mean one thing to the gateway's routing and
 * workspace check and another to a service. The services refuse the same targets, with the same problem type.
 */
final class RequestTargets {

    /** What a request target may carry unencoded besides letters and digits (RFC 3986, without '[' and ']'). */
    private static final String URI_PUNCTUATION = "-._~:/?#@!$&'()*+,;=%";

    private static final java.util.Set<Character> URI_CHARS = uriChars();

    private RequestTargets() {}

    private static java.util.Set<Character> uriChars() {
        java.util.Set<Character> chars = new java.util.HashSet<>();
        for (char c = '0'; c <= 'z'; c++) {
            if (Character.isLetterOrDigit(c)) {
                chars.add(c);
            }
        }
        URI_PUNCTUATION.chars().forEach(c -> chars.add((char) c));
        return java.util.Set.copyOf(chars);
    }

    /** A sentence naming the problem, or null when the target is acceptable. */
    static String problemWith(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c > 0x20 && c < 0x7f && !URI_CHARS.contains(c)) {
                return "The request target contains '" + c + "', which a URI carries only percent-encoded.";
            }
        }
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c")) {
            return "The path contains an encoded slash or backslash (%2F, %5C).";
        }
        String pathProblem = problemWithPart(path, false);
        if (pathProblem != null) {
            return "The path " + pathProblem + ".";
        }
        if (query == null) {
            return null;
        }
        int fragment = query.indexOf('#');
        String queryProblem = problemWithPart(fragment < 0 ? query : query.substring(0, fragment), true);
        return queryProblem == null ? null : "The query string " + queryProblem + ".";
    }

    private static String problemWithPart(String raw, boolean plusIsSpace) {
        return RequestTargetRules.problemWithPart(raw, plusIsSpace);
    }
}
