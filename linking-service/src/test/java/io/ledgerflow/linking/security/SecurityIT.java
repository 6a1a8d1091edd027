package io.ledgerflow.linking.security;

import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.ResourceServerContract;

/** The service as an OAuth2 resource server, asked directly, not through the gateway (a link needs documents known from events: LinkingApiIT). */
@IntegrationTest
class SecurityIT extends ResourceServerContract {

    SecurityIT() {
        super("linking", "links", null);
    }
}
