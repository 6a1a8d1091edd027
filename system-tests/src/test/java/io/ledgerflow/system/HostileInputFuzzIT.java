package io.ledgerflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.localstack.LocalStack;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.RawHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile input over every operation of every OpenAPI document, through the gateway of the whole stack (packaged
 * jars, authentication on, each request with a valid token for its workspace): malformed and boundary-less
 * multipart, broken form bodies, invalid percent-encoding, NUL and control characters in path and query, long
 * request lines, huge headers, big bodies, wrong methods and content types, deep JSON, huge numbers, wrong JSON
 * types per schema field, formulas with thousands of nested parentheses. Fails on any 5xx, any connection reset or
 * request left unanswered, and any error that is not {@code application/problem+json}. Bounded in time; prints the
 * requests tried by category for docs/security.md.
 */
class HostileInputFuzzIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Duration BUDGET = Duration.ofSeconds(60);
    private static final List<String> SERVICES = List.of("calc", "linking", "sharing", "pong");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final String DEEP_FORMULA = "=" + "(".repeat(5_000) + "1" + ")".repeat(5_000);

    static LocalStack stack;
    static RawHttp raw;
    static Http http;
    static String workspace;
    static final Map<String, String> ids = new TreeMap<>();

    private final Map<String, Integer> tried = new TreeMap<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();

    /** One operation of a document: method, path template, its parameters and its JSON body schema (if any). */
    record Operation(String method, String path, JsonNode parameters, JsonNode bodySchema, JsonNode document) {}

    @BeforeAll
    static void startStack() {
        stack = SystemStacks.shared(); // its rate limit is off
        URI gateway = URI.create(stack.endpoints().gatewayUrl());
        raw = new RawHttp(gateway.getHost(), gateway.getPort());
        http = new Http(gateway.toString());
        workspace = "fuzz-" + UUID.randomUUID().toString().substring(0, 6);
        ids.put(
                "workbooks",
                created(http.postJson(
                        "/api/calc/workspaces/" + workspace + "/workbooks",
                        "{\"name\":\"fuzz\",\"sheets\":{\"Sheet1\":[[1,\"=A1*2\"]]}}")));
        ids.put(
                "datasets",
                created(http.postJson(
                        "/api/sharing/workspaces/" + workspace + "/datasets",
                        "{\"name\":\"fuzz\",\"columns\":[{\"name\":\"k\",\"type\":\"text\"}],\"primaryKey\":\"k\"}")));
    }

    @Test
    void everyOperationAnswersHostileInputWithA4xxProblem() {
        List<Operation> operations = new ArrayList<>();
        for (String service : SERVICES) {
            Http.Response docs = http.get("/api/" + service + "/v3/api-docs");
            assertThat(docs.status()).as(service + " document").isEqualTo(200);
            operations.addAll(operations(JSON.readTree(docs.body())));
        }
        assertThat(operations).hasSizeGreaterThan(20);

        long deadline = System.nanoTime() + BUDGET.toNanos();
        int rounds = 0;
        // Round after round over every operation, each round with fresh variants, until the time budget is spent.
        while (System.nanoTime() < deadline && rounds < 3) {
            for (Operation operation : operations) {
                if (System.nanoTime() >= deadline) {
                    break;
                }
                attack(operation, rounds);
            }
            rounds++;
        }

        int total = tried.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(
                "hostile-input fuzz: %d operations, %d rounds, %d requests; by category %s; statuses %s; failures %d%n",
                operations.size(), rounds, total, tried, statuses, failures.size());
        failures.stream().limit(40).forEach(failure -> System.out.println("  FAILED " + failure));
        assertThat(total).as("requests tried").isGreaterThan(1_000);
        assertThat(failures).as("5xx, resets and non-problem errors").isEmpty();
    }

    private void attack(Operation op, int round) {
        String target = fill(op.path(), null);
        boolean hasBody = op.bodySchema() != null;
        String body = hasBody ? JSON.writeValueAsString(sample(op.bodySchema(), op.document(), 0)) : null;
        String method = op.method();
        String token = round == 0 ? "" : "&r=" + round;

        // Malformed or boundary-less multipart; broken form bodies.
        send("multipart", method, target, "multipart/form-data", "--x\r\nnot a part");
        send("multipart", method, target, "multipart/form-data; boundary=b" + round, "--b" + round + "\r\nbroken");
        send("multipart", method, target, "multipart/mixed; boundary=\"", "--");
        send("form", method, target, "application/x-www-form-urlencoded", "a=%zz&b=%00&c=%");
        send("form", method, target, "application/x-www-form-urlencoded", "%%%&&==" + "x".repeat(round));

        // Invalid percent-encoding, NUL and control characters in path and query.
        for (String bad : List.of("%zz", "%00", "a%2Fb", "a%5Cb", "%01", "%C0%AF", "%", "a%7Fb", "%E2%82")) {
            send("path-encoding", method, fill(op.path(), bad), "application/json", body);
        }
        send("path-control-char", method, fill(op.path(), "a\u0001b"), "application/json", body);
        for (String bad : List.of("%zz", "%00", "%01", "%", "a\u0007b")) {
            send("query-encoding", method, target + "?x=" + bad + token, "application/json", body);
        }
        for (JsonNode parameter : iterable(op.parameters())) {
            if ("query".equals(parameter.path("in").asString())) {
                String name = parameter.path("name").asString();
                for (String bad : List.of("%00", "%zz", "-1e999999999", "x".repeat(3_000), "{\"$ne\":1}")) {
                    send("query-parameters", method, target + "?" + name + "=" + bad, "application/json", body);
                }
            }
        }

        // Long request lines and huge headers.
        send("long-url", method, fill(op.path(), "l".repeat(9_000 + round)), "application/json", body);
        send("long-url", method, target + "?q=" + "q".repeat(6_000), "application/json", body);
        sendHeaders("huge-headers", method, target, new String[] {"X-Huge: " + "h".repeat(20_000)}, body);
        sendHeaders("huge-headers", method, target, manyHeaders(300), body);

        // Wrong methods (405 with Allow) and, for operations with a body, wrong content types (415) and Accept (406).
        for (String wrong : List.of("PATCH", "PUT", "DELETE", "POST")) {
            if (!declared(op, wrong)) {
                send("wrong-method", wrong, target, "application/json", "{}");
            }
        }
        if (hasBody) {
            send("wrong-content-type", method, target, "text/plain", body);
            send("wrong-content-type", method, target, "application/xml", "<a>1</a>");
            send("wrong-content-type", method, target, "application/json; charset=klingon", body);
            sendHeaders("not-acceptable", method, target, new String[] {"Accept: application/xml"}, body);
        } else {
            sendHeaders("not-acceptable", method, target, new String[] {"Accept: application/xml"}, null);
        }

        // Big bodies: over the route's limit (2 MB on most routes) declared and chunked.
        if (hasBody && round == 0) {
            byte[] big = ("[" + "1,".repeat(1_600_000) + "1]").getBytes(StandardCharsets.US_ASCII);
            count("big-body", raw.send(method.toUpperCase(), target, headers("application/json"), big), method, target);
            count(
                    "big-body",
                    raw.sendChunked(method.toUpperCase(), target, headers("application/json"), big, 256 * 1024),
                    method,
                    target);
        }
        if (!hasBody) {
            return;
        }

        // Deep nesting and huge numbers, at the top and inside the body.
        int depth = 2_000 + round * 10_000;
        send("deep-json", method, target, "application/json", "[".repeat(depth) + "]".repeat(depth));
        mutateFields(
                op,
                field -> send(
                        "deep-json",
                        method,
                        target,
                        "application/json",
                        replace(op, field, "[".repeat(depth) + "]".repeat(depth))));
        boolean pong = op.path().startsWith("/api/pong/");
        mutateFields(op, field -> {
            send("huge-numbers", method, target, "application/json", replace(op, field, "9".repeat(5_000)));
            if (!pong) {
                send("huge-numbers", method, target, "application/json", replace(op, field, "1e999999999"));
                send("huge-numbers", method, target, "application/json", replace(op, field, "-1e-999999999"));
            }
        });

        // Wrong JSON type for each field of the schema, and the body itself of the wrong type.
        for (String wrong : List.of("[]", "\"x\"", "1", "null", "true")) {
            send("wrong-json-types", method, target, "application/json", wrong);
        }
        // On Pong's creating operations only values no binding coerces, so that no game starts running by chance.
        List<String> wrongTypes = pong
                ? List.of("{\"a\":{\"b\":1}}", "[1,[2]]")
                : List.of("{\"a\":{\"b\":1}}", "[1,[2]]", "\"str\"", "-0.5", "true", "null");
        mutateFields(op, field -> {
            for (String wrong : wrongTypes) {
                send("wrong-json-types", method, target, "application/json", replace(op, field, wrong));
            }
        });

        // Formulas with thousands of nested parentheses in every string field.
        String formula = JSON.writeValueAsString(DEEP_FORMULA);
        if (pong) {
            return;
        }
        mutateFields(
                op, field -> send("formula-parens", method, target, "application/json", replace(op, field, formula)));
        if (body.contains("\"content\"")) {
            send("formula-parens", method, target, "application/json", "{\"content\":" + formula + "}");
        }
        send("malformed-json", method, target, "application/json", body.substring(0, body.length() / 2));
        send("malformed-json", method, target, "application/json", "{\"a\":\u0000}");
    }

    private void mutateFields(Operation op, Consumer<String> mutation) {
        JsonNode sample = sample(op.bodySchema(), op.document(), 0);
        if (sample instanceof ObjectNode object) {
            for (String field : object.propertyNames()) {
                mutation.accept(field);
            }
        }
    }

    /** The operation's sample body with one field's value replaced by raw JSON text. */
    private static String replace(Operation op, String field, String rawJson) {
        ObjectNode sample = (ObjectNode) sample(op.bodySchema(), op.document(), 0);
        sample.put(field, "\u0000MARK\u0000");
        return JSON.writeValueAsString(sample).replace("\"\\u0000MARK\\u0000\"", rawJson);
    }

    private void send(String category, String method, String target, String contentType, String body) {
        sendHeaders(category, method, target, contentType == null ? new String[0] : headers(contentType), body);
    }

    private void sendHeaders(String category, String method, String target, String[] headers, String body) {
        String[] all = headers;
        if (body != null && java.util.Arrays.stream(headers).noneMatch(h -> h.startsWith("Content-Type"))) {
            all = java.util.Arrays.copyOf(headers, headers.length + 1);
            all[headers.length] = "Content-Type: application/json";
        }
        RawHttp.Response response = raw.send(
                method.toUpperCase(), target, all, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        count(category, response, method, target);
    }

    private void count(String category, RawHttp.Response response, String method, String target) {
        tried.merge(category, 1, Integer::sum);
        statuses.merge(response.status(), 1, Integer::sum);
        String where = category + " " + method.toUpperCase() + " " + abbreviate(target) + " -> ";
        if (!response.answered()) {
            failures.add(where + response.failure());
        } else if (response.status() >= 500) {
            failures.add(where + response);
        } else if (response.status() >= 400 && !response.isProblem()) {
            failures.add(where + "not problem+json: " + response);
        } else if (response.status() == 405 && response.header("Allow") == null) {
            failures.add(where + "405 without Allow");
        }
    }

    private static String[] headers(String contentType) {
        return new String[] {"Content-Type: " + contentType, "Accept: application/json, application/problem+json"};
    }

    private static String[] manyHeaders(int n) {
        String[] lines = new String[n];
        for (int i = 0; i < n; i++) {
            lines[i] = "X-Many-" + i + ": " + "v".repeat(60);
        }
        return lines;
    }

    private static boolean declared(Operation op, String method) {
        JsonNode item = op.document().path("paths").path(op.path());
        return item.has(method.toLowerCase());
    }

    /** The path with its parameters filled: real ids where there are some, {@code bad} (raw) for the last one. */
    private static String fill(String template, String bad) {
        String[] segments = template.split("/", -1);
        int last = -1;
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].startsWith("{")) {
                last = i;
            }
        }
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            String value = segment;
            if (segment.startsWith("{")) {
                value = bad != null && i == last && !segment.startsWith("{workspace") ? bad : value(segments, i);
            }
            path.append('/').append(value);
        }
        if (bad != null && last < 0) {
            path.append('/').append(bad);
        }
        return path.toString();
    }

    private static String value(String[] segments, int i) {
        String name = segments[i].substring(1, segments[i].length() - 1).split(":")[0];
        String collection = i > 0 ? segments[i - 1] : "";
        return switch (name) {
            case "workspace" -> workspace;
            case "ref" -> "Sheet1!A1";
            case "range" -> "Sheet1!A1:B2";
            case "sheet" -> "Sheet1";
            case "axis" -> "rows";
            default -> ids.getOrDefault(collection, UUID.randomUUID().toString());
        };
    }

    /** Every operation of an OpenAPI document. */
    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode operation = method.getValue();
                JsonNode schema = operation
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                operations.add(new Operation(
                        method.getKey(),
                        path.getKey(),
                        operation.path("parameters"),
                        schema.isMissingNode() ? null : schema,
                        document));
            }
        }
        return operations;
    }

    /** A plausible value for a schema: the example if any, else one of the right type ($refs resolved). */
    private static JsonNode sample(JsonNode schema, JsonNode document, int depth) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
            return sample(document.path("components").path("schemas").path(name), document, depth + 1);
        }
        if (schema.has("example")) {
            return schema.get("example").deepCopy();
        }
        String type = schema.path("type").asString("object");
        if (depth > 5) {
            return NODES.nullNode();
        }
        return switch (type) {
            case "string" -> NODES.stringNode("x");
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(sample(schema.path("items"), document, depth + 1));
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<String, JsonNode> property :
                        schema.path("properties").properties()) {
                    object.set(property.getKey(), sample(property.getValue(), document, depth + 1));
                }
                yield object;
            }
        };
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        }
        return items;
    }

    private static String abbreviate(String target) {
        String printable = target.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 120 ? printable.substring(0, 120) + "…(" + printable.length() + ")" : printable;
    }

    private static String created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asString();
    }
}
