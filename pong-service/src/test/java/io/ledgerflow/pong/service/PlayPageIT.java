package io.ledgerflow.pong.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerflow.pong.game.GameState;
import io.ledgerflow.pong.physics.Ball;
import io.ledgerflow.pong.physics.Paddle;
import io.ledgerflow.testsupport.HeadlessChromium;
import io.ledgerflow.testsupport.Http;
import io.ledgerflow.testsupport.IntegrationTest;
import io.ledgerflow.testsupport.JsonWebSocket;
import io.ledgerflow.testsupport.Tokens;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The browser page in a real headless Chromium: it lists the workspace's games, joins one mid-game from the latest
 * snapshot, keeps a replica that is bit-exact with the server's state, and steers a paddle with the keyboard.
 */
@IntegrationTest
class PlayPageIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    ChromeDriver browser;
    Http http;
    String workspace;

    @BeforeEach
    void setUp() {
        browser = HeadlessChromium.start();
        http = new Http("http://localhost:" + port);
        workspace = "page-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aVisitorWatchesAGameMidGameWithAnExactReplicaThenJoinsAndSteersWithTheKeyboard() throws Exception {
        Http.Response created = http.postJson(
                "/api/pong/workspaces/" + workspace + "/games",
                "{\"name\":\"Browser match\",\"players\":4,\"balls\":300,\"shards\":4}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asString();
        Awaitility.await().atMost(WAIT).until(() -> serverFrame(id) >= 20);

        // the token in the fragment: the page keeps it for the tab, a server never sees it in a URL
        browser.get("http://localhost:" + port + "/api/pong/play?workspace=" + workspace + "#access_token="
                + Tokens.forWorkspaces(workspace));
        assertThat(browser.getCurrentUrl()).as("redirected to the page").contains("/api/pong/play/index.html");
        page(() -> !browser.findElements(watchButton(id)).isEmpty());
        assertThat(browser.findElement(By.id("games")).getText()).contains("Browser match");

        long frameAtClick = serverFrame(id);
        browser.findElement(watchButton(id)).click();
        page(() -> number("pong.frame") >= frameAtClick);
        assertThat(number("pong.snapshotFrame"))
                .as("joined mid-game from the latest snapshot")
                .isLessThan(frameAtClick);
        page(() -> number("pong.framesApplied") >= 30);
        assertThat(number("pong.gaps")).isZero();
        assertThat(number("pong.zones.length")).as("zone boundaries to draw").isGreaterThanOrEqualTo(4);
        assertThat(browser.findElement(By.id("frame")).getText()).matches("\\d+");

        // The page's replica, at one frame, hashes to the state hash the server logged for that frame.
        try (JsonWebSocket stream = new JsonWebSocket(URI.create(
                "ws://localhost:" + port + "/api/pong/workspaces/" + workspace + "/games/" + id + "/stream"))) {
            JsonNode replica = JSON.readTree(
                    (String) browser.executeScript("return JSON.stringify({frame: pong.frame, balls: pong.balls,"
                            + " paddles: pong.paddles, scores: pong.scores})"));
            long frame = replica.get("frame").asLong();
            JsonNode logged = stream.await(m -> m.path("type").asString().equals("FrameCommitted")
                    && m.get("entry").get("frame").asLong() == frame);
            assertThat(hash(replica))
                    .isEqualTo(logged.get("entry").get("stateHash").asLong());
        }

        browser.findElement(By.id("player-name")).sendKeys("grace");
        browser.findElement(By.id("join")).click();
        page(() -> number("pong.paddle === null ? -1 : pong.paddle") == 0);
        long before = number("pong.paddles[0].center");
        new Actions(browser).keyDown(Keys.ARROW_RIGHT).perform();
        page(() -> number("pong.paddles[0].center") != before);
        new Actions(browser).keyUp(Keys.ARROW_RIGHT).perform();
        page(() -> number("pong.inputs.accepted + pong.inputs.corrected") >= 2); // right, then stop
        assertThat(number("pong.inputs.refused")).isZero();
        assertThat(number("pong.paddles[0].center")).isGreaterThan(before);
        page(() -> number("pong.latencyMs === null ? -1 : pong.latencyMs") >= 0);
        assertThat(browser.findElement(By.id("latency")).getText()).contains("ms");
        assertThat(browser.findElement(By.id("tick-rate")).getText()).contains("frames/s");
        assertThat(number("pong.errors.length")).isZero();

        Object inked = browser.executeScript("const c = document.getElementById('arena');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;");
        assertThat(((Number) inked).longValue()).as("the arena is drawn").isGreaterThan(1000);
        Path shot = Path.of("target", "play-page.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));

        // a reload keeps the seat: the tab remembers the token and says hello again
        browser.navigate().refresh();
        page(() -> number("pong.paddle === null ? -1 : pong.paddle") == 0);
        assertThat(browser.findElement(By.id("join-form")).isDisplayed()).isFalse();
    }

    /** Waits for a condition on the page; a timeout fails with what the page shows, to tell why. */
    private void page(Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(WAIT).ignoreExceptions().until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "the page did not get there; it shows:\n"
                            + browser.findElement(By.tagName("body")).getText() + "\nwindow.pong = "
                            + browser.executeScript("return JSON.stringify({...pong, balls: pong.balls.length})"),
                    e);
        }
    }

    private long serverFrame(String id) {
        JsonNode frame = JSON.readTree(http.get("/api/pong/workspaces/" + workspace + "/games/" + id)
                        .body())
                .get("frame");
        return frame == null ? -1 : frame.asLong();
    }

    private long number(String expression) {
        return HeadlessChromium.number(browser, expression);
    }

    private static By watchButton(String id) {
        return By.cssSelector("button.watch[data-game='" + id + "']");
    }

    private static long hash(JsonNode replica) {
        Ball[] balls = new Ball[replica.get("balls").size()];
        for (int i = 0; i < balls.length; i++) {
            JsonNode b = replica.get("balls").get(i);
            balls[i] = new Ball(
                    b.get("id").asInt(),
                    b.get("x").asInt(),
                    b.get("y").asInt(),
                    b.get("vx").asInt(),
                    b.get("vy").asInt(),
                    b.get("lastHitter").asInt());
        }
        Paddle[] paddles = new Paddle[replica.get("paddles").size()];
        for (int i = 0; i < paddles.length; i++) {
            JsonNode p = replica.get("paddles").get(i);
            paddles[i] = new Paddle(
                    p.get("player").asInt(),
                    p.get("center").asInt(),
                    p.get("dir").asInt());
        }
        int[] scores = new int[replica.get("scores").size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = replica.get("scores").get(i).asInt();
        }
        return new GameState(replica.get("frame").asLong(), balls, paddles, scores).hash();
    }
}
