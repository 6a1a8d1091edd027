package io.ledgerflow.sharing.security;

import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.ResourceServerContract;

/** The service as an OAuth2 resource server, asked directly, not through the gateway. */
@IntegrationTest
class SecurityIT extends ResourceServerContract {

    SecurityIT() {
        super(
                "sharing",
                "datasets",
                "{\"name\":\"Secret rates\",\"columns\":[{\"name\":\"currency\",\"type\":\"text\"}],\"primaryKey\":\"currency\"}");
    }
}
