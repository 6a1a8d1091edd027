package io.ledgerflow.service.problem;

/**
 * The resource does not exist for this workspace. Also what a workspace sees of another
 * workspace's resources: they are invisible, not forbidden.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what);
    }
}
