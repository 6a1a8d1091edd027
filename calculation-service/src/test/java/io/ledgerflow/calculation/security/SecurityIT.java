package io.ledgerflow.calculation.security;

import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.ResourceServerContract;

/** The service as an OAuth2 resource server, asked directly, not through the gateway. */
@IntegrationTest
class SecurityIT extends ResourceServerContract {

    SecurityIT() {
        super("calc", "workbooks", "{\"name\":\"Secret plan\"}");
    }
}
