package io.ledgerflow.sharing.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.testsupport.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The data-sharing API as tests use it: datasets of a fresh workspace, publishes, reads. */
public final class SharingApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** The FX-rates dataset of the event contracts: currency (key), rate decimal(4), asOf date. */
    public static final String FX_RATES =
            "{\"name\":\"FX rates\",\"columns\":[{\"name\":\"currency\",\"type\":\"text\"},"
                    + "{\"name\":\"rate\",\"type\":\"decimal\",\"scale\":4},{\"name\":\"asOf\",\"type\":\"date\"}],"
                    + "\"primaryKey\":[\"currency\"]}";

    public final Http http;
    public final String workspace;

    public SharingApi(int port, String prefix) {
        this.http = new Http("http://localhost:" + port);
        this.workspace = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String datasets() {
        return "/api/sharing/workspaces/" + workspace + "/datasets";
    }

    public String dataset(String id) {
        return datasets() + "/" + id;
    }

    public String create(String definition) {
        Http.Response created = http.postJson(datasets(), definition);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asString();
    }

    public Http.Response publish(String id, String body) {
        return http.postJson(dataset(id) + "/versions", body);
    }

    /** Publishes and expects success; the version. */
    public JsonNode published(String id, String body) {
        Http.Response response = publish(id, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    public Http.Response publishCsv(String id, String kind, String csv) {
        return http.send("POST", dataset(id) + "/versions?kind=" + kind, "text/csv", csv);
    }

    /** GET expecting 200; the body. */
    public JsonNode get(String path) {
        Http.Response response = http.get(path);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
