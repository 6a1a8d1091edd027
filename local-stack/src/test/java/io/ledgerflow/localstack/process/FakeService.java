package io.ledgerflow.localstack.process;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a service JVM: prints its environment, then, by {@code FAKE_MODE}, serves
 * readiness UP on {@code MANAGEMENT_PORT} ("ready"), answers DOWN forever ("down"), or fails at
 * once ("crash").
 */
public final class FakeService {

    public static void main(String[] args) throws IOException {
        String mode = System.getenv().getOrDefault("FAKE_MODE", "ready");
        System.out.println("fake service starting: SERVER_PORT=" + System.getenv("SERVER_PORT") + " DB_USER="
                + System.getenv("DB_USER"));
        if (mode.equals("crash")) {
            System.err.println("boom: cannot connect to the database");
            System.exit(3);
        }
        int port = Integer.parseInt(System.getenv("MANAGEMENT_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/actuator/health/readiness", exchange -> {
            boolean up = mode.equals("ready");
            byte[] body = ("{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("fake service listening on " + port);
    }
}
