package io.ledgerflow.pong.service.security;

import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.ResourceServerContract;

/** The service as an OAuth2 resource server, asked directly, not through the gateway. */
@IntegrationTest
class SecurityIT extends ResourceServerContract {

    SecurityIT() {
        super("pong", "games", "{\"name\":\"Secret match\",\"players\":2,\"balls\":10,\"shards\":1}");
    }
}
