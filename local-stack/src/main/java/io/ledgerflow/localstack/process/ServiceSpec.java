package io.ledgerflow.localstack.process;

import java.util.List;
import java.util.Optional;

/**
 * One executable module of the suite as the runtime contract in DEVELOPERS.md describes it: its
 * default ports, the database it owns (if any) and the variable through which the gateway finds it.
 */
public record ServiceSpec(
        String module, int defaultHttpPort, int defaultManagementPort, String database, String gatewayUrlVariable) {

    public static final ServiceSpec GATEWAY = new ServiceSpec("gateway", 8080, 9080, null, null);

    /** The four services, in the order they are started; the gateway comes last. */
    public static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("calculation-service", 8081, 9081, "calculation", "CALC_URL"),
            new ServiceSpec("linking-service", 8082, 9082, "linking", "LINKING_URL"),
            new ServiceSpec("data-sharing-service", 8083, 9083, "sharing", "SHARING_URL"),
            new ServiceSpec("pong-service", 8084, 9084, "pong", "PONG_URL"));

    /** Every executable module: the services, then the gateway. */
    public static final List<ServiceSpec> ALL =
            List.of(SERVICES.get(0), SERVICES.get(1), SERVICES.get(2), SERVICES.get(3), GATEWAY);

    /** The databases (and users, which carry the same names) the services own. */
    public static List<String> databases() {
        return SERVICES.stream().map(ServiceSpec::database).toList();
    }

    public Optional<String> ownDatabase() {
        return Optional.ofNullable(database);
    }

    public boolean isGateway() {
        return gatewayUrlVariable == null && database == null;
    }

    /** The runnable jar the module's build produces (DEVELOPERS.md: "-exec" classifier). */
    public String execJarName(String version) {
        return module + "-" + version + "-exec.jar";
    }
}
