package io.ledgerflow.gateway;

/**
 * Who a request comes from, as the gateway's filters hand it on to each other: the bearer-token check puts the
 * verified token's subject into the exchange under {@link #SUBJECT_ATTRIBUTE}, and the rate limit keys its buckets by
 * it.
 */
public final class ClientIdentity {

    /** Exchange attribute: the subject ({@code sub}) of the request's verified token. */
    public static final String SUBJECT_ATTRIBUTE = "ledgerflow.gateway.subject";

    private ClientIdentity() {}
}
