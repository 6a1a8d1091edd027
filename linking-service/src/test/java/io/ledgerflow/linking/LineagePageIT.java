package io.ledgerflow.linking;

import static io.ledgerflow.linking.Fixture.cell;
import static io.ledgerflow.linking.Fixture.workbookLink;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.eventlog.EnvelopeCodec;
import io.ledgerflow.eventlog.EventFactory;
import io.ledgerflow.testsupport.HeadlessChromium;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The lineage page in a real headless Chromium: a chain A → B → C drawn around B's cell, upstream
 * and downstream, with the held manual link marked as such, and a click on a node opening its
 * explain (calculation's, which is not running here: the page says it could not explain).
 */
@IntegrationTest
class LineagePageIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    EventFactory events;

    @Autowired
    EnvelopeCodec codec;

    @Autowired
    KafkaTemplate<String, String> kafka;

    ChromeDriver browser;
    Fixture f;

    @BeforeEach
    void setUp() {
        browser = HeadlessChromium.start();
        f = new Fixture(port, "page-" + UUID.randomUUID().toString().substring(0, 8), events, codec, kafka);
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePageDrawsACellsLineageBothWaysMarksHeldLinksAndOpensAnExplain() {
        UUID a = f.workbook("Rates");
        UUID b = f.workbook("Budget");
        UUID c = f.workbook("Report");
        JsonNode auto = f.link(workbookLink(a, "S!A1", b, "S!B2"));
        f.answerRequest(a, auto.get("id").asString(), 1, cell("S!A1", "S", 0, 0, 1));
        f.linkedValues(b, 1); // carried: current, not stale
        JsonNode manual = f.link("{\"source\":{\"type\":\"workbook\",\"documentId\":\"" + b
                + "\",\"ref\":\"S!B2\"},\"destination\":{\"workbookId\":\"" + c
                + "\",\"ref\":\"S!C3\"},\"publishMode\":\"manual\"}");
        f.answerRequest(b, manual.get("id").asString(), 1, cell("S!B2", "S", 1, 1, 1));
        f.linkedValues(c, 1);
        f.changed(b, 2, cell("S!B2", "S", 1, 1, 2));
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> f.get(f.links() + "?pending=true").size() == 1);

        browser.get("http://localhost:" + port + "/api/linking/play?workspace=" + f.workspace + "&documentId=" + b
                + "&ref=S!B2#access_token=" + Tokens.forWorkspaces(f.workspace));
        assertThat(browser.getCurrentUrl()).as("redirected to the page").contains("/api/linking/play/index.html");
        Awaitility.await().atMost(WAIT).until(() -> number("lineage.drawn + lineage.errors.length") >= 1);
        assertThat(number("lineage.errors.length"))
                .as(String.valueOf((Object) script("lineage.errors")))
                .isZero();

        List<Map<String, Object>> nodes = script("lineage.nodes");
        assertThat(nodes)
                .extracting(n -> n.get("name") + " " + n.get("ref") + " @" + n.get("column"))
                .containsExactlyInAnyOrder("Budget 'S'!B2 @0", "Rates 'S'!A1 @-1", "Report 'S'!C3 @1");
        List<Map<String, Object>> edges = script("lineage.edges");
        assertThat(edges)
                .extracting(e -> e.get("linkId") + " " + e.get("kind"))
                .contains(manual.get("id").asString() + " held");
        assertThat(edges).extracting(e -> e.get("kind")).containsExactlyInAnyOrder("active", "held");
        assertThat(browser.findElements(By.cssSelector("#graph .edge.held"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#graph .node"))).hasSize(3);
        assertThat(browser.findElement(By.id("status")).getText()).contains("3 places, 2 links");
        assertThat(browser.getCurrentUrl()).as("the token left the address bar").doesNotContain("access_token");

        browser.findElement(By.cssSelector("#graph .node[data-key*='" + a + "']"))
                .click();
        Awaitility.await().atMost(WAIT).until(() -> script("lineage.explained") != null);
        assertThat((String) script("lineage.explainUrl"))
                .contains("/api/calc/workspaces/" + f.workspace + "/workbooks/" + a + "/cells/")
                .contains("/explain");
        assertThat(browser.findElement(By.id("explain")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("explain-body")).getText()).contains("Could not explain");
    }

    private long number(String expression) {
        return HeadlessChromium.number(browser, expression);
    }

    @SuppressWarnings("unchecked")
    private <T> T script(String expression) {
        return (T) browser.executeScript("return " + expression + ";");
    }
}
