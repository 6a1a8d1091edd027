package io.ledgerflow.localstack;

import java.util.Map;
import java.util.Optional;

/**
 * Where everything the stack started can be reached.
 *
 * @param gatewayUrl e.g. {@code http://localhost:8080}; null with {@code --only-infra}
 * @param swaggerUiUrl the gateway's Swagger UI; null with {@code --only-infra}
 * @param services by module name (gateway included); empty with {@code --only-infra}
 * @param kafkaBootstrapServers e.g. {@code localhost:19092}
 * @param postgresPort PostgreSQL's port
 * @param databases by database name (= user name): URL, user and password
 */
public record Endpoints(
        String gatewayUrl,
        String swaggerUiUrl,
        Map<String, Service> services,
        String kafkaBootstrapServers,
        int postgresPort,
        Map<String, Database> databases) {

    /**
     * One running service.
     *
     * @param url its API base URL (e.g. {@code http://localhost:8081})
     * @param managementUrl its management base URL (e.g. {@code http://localhost:9081})
     * @param pid its process id
     */
    public record Service(String module, String url, String managementUrl, long pid) {
        public String readinessUrl() {
            return managementUrl + "/actuator/health/readiness";
        }

        public String livenessUrl() {
            return managementUrl + "/actuator/health/liveness";
        }

        public String prometheusUrl() {
            return managementUrl + "/actuator/prometheus";
        }
    }

    /** One service database and the user owning it. */
    public record Database(String name, String jdbcUrl, String user, String password) {}

    public Optional<Service> service(String module) {
        return Optional.ofNullable(services.get(module));
    }

    public Database database(String name) {
        Database database = databases.get(name);
        if (database == null) {
            throw new IllegalArgumentException("no database " + name + "; there are " + databases.keySet());
        }
        return database;
    }
}
