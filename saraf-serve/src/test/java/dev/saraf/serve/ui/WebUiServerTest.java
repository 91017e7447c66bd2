package dev.saraf.serve.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saraf.serve.SarafServer;
import dev.saraf.serve.ServerConfig;
import dev.saraf.serve.registry.ModelVersion;
import dev.saraf.serve.registry.Registry;
import dev.saraf.serve.registry.Stage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The whole service: a training job over the real server trains a digit model into the real
 * registry; then, in headless Chromium, the drawing pad asks that model about a drawn stroke and
 * the dashboard lists the model and follows a job started from its form.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path home;
    private static Registry registry;
    private static SarafServer server;
    private static String token;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        registry = Registry.open(home, null);
        token = registry.tokens().create("web-ui test");
        server = SarafServer.start(ServerConfig.defaults(home).withAddress("127.0.0.1", 0), registry);
    }

    @AfterAll
    static void stop() {
        server.close();
        registry.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static JsonNode call(String method, String path, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> res = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(method + " " + path + ": " + res.body()).isLessThan(300);
        return JSON.readTree(res.body());
    }

    @Test
    @Order(1)
    void aJobOverTheServerRegistersADigitModelInStaging() throws Exception {
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/jobs"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        String id = call("POST", "/api/jobs", "{\"register_as\": \"digits\", \"data\": \"mnist-10k\", \"model\": \"mlp\", "
                + "\"epochs\": 2, \"batch_size\": 64, \"limit\": 3000, \"seed\": 1}").get("id").asText();
        JsonNode job = null;
        for (int i = 0; i < 600; i++) {
            job = call("GET", "/api/jobs/" + id, null);
            if (!job.get("state").asText().matches("queued|running")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
        ModelVersion v = registry.models().resolve("digits").orElseThrow();
        assertThat(v.version()).isEqualTo(job.get("version").asInt());
        assertThat(v.stage()).isEqualTo(Stage.STAGING);
        assertThat(v.metrics().get("test_accuracy")).isGreaterThan(0.7);
    }

    @Test
    @Order(2)
    void theDrawingPadShowsPredictionsForAStroke() throws Exception {
        try (Browser b = Browser.open(1100, 900)) {
            b.driver.get(url("/#draw"));
            WebElement pad = b.driver.findElement(By.id("pad"));
            // a "1": one vertical stroke, drawn in small moves as a hand would
            Actions a = new Actions(b.driver).moveToElement(pad, 10, -90).clickAndHold();
            for (int i = 0; i < 9; i++) {
                a.moveByOffset(-2, 20);
            }
            a.release().perform();
            b.waiting(20).until(d -> d.findElements(By.cssSelector("#bars .bar")).size() == 10);
            String top = b.driver.findElement(By.id("draw-top")).getText();
            b.screenshot("draw-one");
            assertThat(top).matches("[0-9]");
            assertThat(b.driver.findElement(By.id("draw-status")).getText()).contains("model digits");
            // MNIST's recipe: the digit fits 20x20 and its centre of mass is at the centre
            @SuppressWarnings("unchecked")
            List<Number> px = (List<Number>) ((JavascriptExecutor) b.driver).executeScript(
                    "return sarafDraw.preprocess(document.getElementById('pad'))");
            assertThat(px).hasSize(784);
            double mass = 0, mx = 0, my = 0;
            int x0 = 28, x1 = -1, y0 = 28, y1 = -1;
            for (int i = 0; i < 784; i++) {
                double v = px.get(i).doubleValue();
                if (v > 0) {
                    x0 = Math.min(x0, i % 28); x1 = Math.max(x1, i % 28);
                    y0 = Math.min(y0, i / 28); y1 = Math.max(y1, i / 28);
                }
                mass += v; mx += v * (i % 28 + 0.5); my += v * (i / 28 + 0.5);
            }
            assertThat(Math.max(x1 - x0 + 1, y1 - y0 + 1)).isEqualTo(20);
            assertThat(mx / mass).isCloseTo(14, org.assertj.core.data.Offset.offset(1.0));
            assertThat(my / mass).isCloseTo(14, org.assertj.core.data.Offset.offset(1.0));
            b.driver.findElement(By.id("draw-clear")).click();
            assertThat(b.driver.findElement(By.id("draw-top")).getText()).isEqualTo("–");
        }
    }

    @Test
    @Order(3)
    void theDashboardListsModelsAndFollowsAJobLive() throws Exception {
        try (Browser b = Browser.open(1100, 1000)) {
            b.driver.get(url("/#dashboard"));
            b.waiting(10).until(d -> d.findElement(By.id("dash-status")).getText().contains("API token"));
            WebElement input = b.driver.findElement(By.id("token"));
            input.sendKeys(token);
            ((JavascriptExecutor) b.driver).executeScript("arguments[0].dispatchEvent(new Event('change'))", input);
            b.waiting(10).until(d -> d.findElement(By.id("models")).getText().contains("digits"));
            assertThat(b.driver.findElement(By.id("models")).getText()).contains("staging");
            WebElement epochs = b.driver.findElement(By.name("epochs"));
            epochs.clear();
            epochs.sendKeys("2");
            b.driver.findElement(By.id("job-submit")).click();
            b.waiting(60).until(d -> d.findElement(By.id("job-live")).getText().contains("samples/s"));
            b.waiting(120).until(d -> d.findElement(By.id("job-live")).getText().contains("succeeded"));
            b.waiting(10).until(d -> d.findElement(By.id("models")).getText().contains("digits\n2")
                    || d.findElement(By.id("models")).getText().contains("digits 2"));
            b.screenshot("dashboard-job");
            assertThat(registry.models().version("digits", 2)).isPresent();
            b.driver.findElement(By.cssSelector("button[data-promote='digits/1']")).click();
            b.waiting(10).until(d -> registry.models().version("digits", 1).orElseThrow().stage() == Stage.PRODUCTION);
            b.waiting(10).until(d -> d.findElement(By.id("models")).getText().contains("production"));
            assertThat(registry.models().resolve("digits").orElseThrow().version()).as("the production version is served").isEqualTo(1);
        }
    }

    @Test
    @Order(4)
    void aPhoneSizedScreenShowsEveryPage() throws Exception {
        try (Browser b = Browser.open(390, 844)) {
            b.driver.get(url("/"));
            ((JavascriptExecutor) b.driver).executeScript("localStorage.setItem('saraf.token', arguments[0])", token);
            for (String page : List.of("dashboard", "draw", "playground")) {
                b.driver.get(url("/#" + page));
                b.driver.navigate().refresh();
                b.waiting(10).until(d -> d.findElement(By.id("page-" + page)).isDisplayed());
                if (page.equals("dashboard")) {
                    b.waiting(10).until(d -> d.findElement(By.id("models")).getText().contains("digits"));
                } else if (page.equals("playground")) {
                    b.waiting(10).until(d -> !d.findElement(By.id("pg-loss")).getText().equals("–"));
                }
                Object overflow = ((JavascriptExecutor) b.driver).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                b.screenshot("phone-" + page);
                assertThat(((Number) overflow).intValue()).as("sideways scrolling on " + page).isLessThanOrEqualTo(0);
                assertThat(b.driver.findElement(By.id("dash-status")).getText()).as(page).isEmpty();
            }
        }
    }
}
