package io.ledgerflow.service.web;

/**
 * A workspace is the tenant: every resource belongs to exactly one, and every query of a service
 * is scoped by it. Its id appears in the path as {@code /workspaces/{workspace}/...}.
 */
public final class Workspaces {

    /** Lower-case letters, digits and dashes, 1 to 63 characters, starting with a letter or digit. */
    public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,62}";

    public static final String MESSAGE = "a workspace id is 1-63 lower-case letters, digits or dashes";

    private Workspaces() {}
}
