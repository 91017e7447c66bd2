package dev.saraf.serve.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web UI's files: served by plain name with their types and a strict CSP, nothing else reachable, nothing external referenced. */
class WebUiRoutesTest {
    private static final List<String> FILES = List.of("index.html", "app.css", "common.js", "chart.js", "dashboard.js", "draw.js",
            "playground.js");
    private static Javalin app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            WebUi.routes(c.routes);
        }).start();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyFileIsServedWithItsTypeAndPolicy() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
        for (String f : FILES) {
            HttpResponse<String> r = get("/ui/" + f);
            assertThat(r.statusCode()).as(f).isEqualTo(200);
            assertThat(index.body() + r.body()).as(f).isNotBlank();
        }
        assertThat(get("/ui/draw.js").headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    }

    @Test
    void nothingElseIsReachable() throws Exception {
        for (String path : List.of("/ui/..%2Fui%2Findex.html", "/ui/%2e%2e%2fWebUi.class", "/ui/WebUi.class", "/ui/INDEX.HTML",
                "/ui/missing.js", "/ui/.hidden.js", "/ui/package-info.java")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void thePageReferencesNothingOutsideTheServer() throws Exception {
        for (String f : FILES) {
            String text;
            try (InputStream in = WebUi.class.getResourceAsStream("/dev/saraf/serve/ui/" + f)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(text).as(f).doesNotContain("http://", "https://", "//cdn", "@import");
            assertThat(text).as(f + ": server data is written as text").doesNotContain("innerHTML", "outerHTML", "document.write");
        }
    }
}
