package io.ledgerflow.calculation.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.RawHttp;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile input against the cell write endpoints over real HTTP and PostgreSQL: every request is refused with a 4xx
 * problem+json (or, for a formula too deep to parse, stored as nothing), and the database shows that none of them
 * changed the workbook: its revision, its revision history and cell A1 are as before.
 */
@IntegrationTest
class HostileInputIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    RawHttp raw;
    String workspace;

    @BeforeEach
    void setUp() {
        raw = new RawHttp("127.0.0.1", port);
        workspace = "ws-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void refusedWritesChangeNothingInTheDatabase() {
        Http http = new Http("http://127.0.0.1:" + port);
        Http.Response created = http.postJson(
                "/api/calc/workspaces/" + workspace + "/workbooks",
                "{\"name\":\"Target\",\"sheets\":{\"Sheet1\":[[1]]}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asString();
        String cell = "/api/calc/workspaces/" + workspace + "/workbooks/" + id + "/cells/Sheet1!A1";
        String edits = "/api/calc/workspaces/" + workspace + "/workbooks/" + id + "/edits";
        String before = state(id);

        String deepFormula = "\"=" + "(".repeat(5_000) + "1" + ")".repeat(5_000) + "\"";
        List<RawHttp.Response> refused = List.of(
                raw.send("PUT", cell, "multipart/form-data", "--x\r\n"),
                raw.send("PUT", cell, "multipart/form-data; boundary=x", "--x\r\nbroken"),
                raw.send("PUT", cell, "application/x-www-form-urlencoded", "content=%zz"),
                raw.send("POST", edits, "application/x-www-form-urlencoded", "cells=%00"),
                raw.send(
                        "PUT",
                        cell,
                        "application/json",
                        "{\"content\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                raw.send("PUT", cell, "application/json", "{\"content\":" + "9".repeat(2_000) + "}"),
                raw.send("PUT", cell, "application/json", "{\"content\":" + deepFormula + "}"),
                raw.send(
                        "POST",
                        edits,
                        "application/json",
                        "{\"cells\":[{\"ref\":\"Sheet1!A1\",\"content\":2}," + "{\"ref\":\"Sheet1!B1\",\"content\":"
                                + deepFormula + "}]}"),
                raw.send("PUT", cell + "%00", "application/json", "{\"content\":2}"),
                raw.send("PUT", cell.replace("Sheet1!A1", "Sheet1%2FA1"), "application/json", "{\"content\":2}"),
                raw.send("PUT", cell + "%zz", "application/json", "{\"content\":2}"),
                raw.send("PUT", cell + "?x=%01", "application/json", "{\"content\":2}"),
                raw.send("PUT", cell, "text/plain", "2"),
                raw.send("PATCH", cell, "application/json", "{\"content\":2}"));

        for (RawHttp.Response response : refused) {
            assertThat(response.status()).as(response.toString()).isBetween(400, 499);
            assertThat(response.isProblem()).as(response.toString()).isTrue();
        }
        assertThat(state(id))
                .as("revision, history and A1 after the refused writes")
                .isEqualTo(before);
    }

    /** What a write would change, read from the database: the workbook's revision and its revision rows. */
    private String state(String id) {
        UUID workbook = UUID.fromString(id);
        long revision = jdbc.sql("select revision from workbook where id = ?")
                .param(workbook)
                .query(Long.class)
                .single();
        List<String> history = jdbc.sql(
                        "select revision || ':' || operation from workbook_revision where workbook_id = ? order by revision")
                .param(workbook)
                .query(String.class)
                .list();
        return revision + " " + history;
    }
}
