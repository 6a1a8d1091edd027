package io.ledgerflow.localstack.ports;

/**
 * A port the stack is about to listen on.
 *
 * @param port the TCP port
 * @param owner who wants it, for the message ("the gateway (HTTP)")
 * @param option the command-line option that moves it
 */
public record PortClaim(int port, String owner, String option) {}
