package dev.saraf.serve.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/** The playground page in headless Chromium: pressing play trains, and the loss falls. */
class PlaygroundPageTest {
    private static Javalin app;

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

    @Test
    void playTrainsAndTheLossFalls() throws Exception {
        try (Browser b = Browser.open(1100, 900)) {
            b.driver.get("http://127.0.0.1:" + app.port() + "/#playground");
            b.waiting(10).until(d -> !d.findElement(By.id("pg-loss")).getText().equals("–"));
            new Select(b.driver.findElement(By.id("pg-dataset"))).selectByValue("circles");
            b.waiting(10).until(d -> ((JavascriptExecutor) d).executeScript("return sarafPlayground.losses().length").equals(1L));
            double first = Double.parseDouble(b.driver.findElement(By.id("pg-loss")).getText());
            b.driver.findElement(By.id("pg-play")).click();
            b.waiting(30).until(d -> Integer.parseInt(d.findElement(By.id("pg-step")).getText()) >= 150);
            b.driver.findElement(By.id("pg-play")).click();
            double later = Double.parseDouble(b.driver.findElement(By.id("pg-loss")).getText());
            b.screenshot("playground-circles-tanh");
            assertThat(later).isLessThan(first * 0.7);
            @SuppressWarnings("unchecked")
            List<Number> losses = (List<Number>) ((JavascriptExecutor) b.driver).executeScript("return sarafPlayground.losses()");
            assertThat(losses.size()).isGreaterThan(10);
            assertThat(b.driver.findElement(By.id("pg-status")).getText()).isEmpty();
        }
    }

    @Test
    void aLinearNetworkCannotSeparateXor() throws Exception {
        try (Browser b = Browser.open(1100, 900)) {
            b.driver.get("http://127.0.0.1:" + app.port() + "/#playground");
            b.waiting(10).until(d -> !d.findElement(By.id("pg-loss")).getText().equals("–"));
            new Select(b.driver.findElement(By.id("pg-activation"))).selectByVisibleText("linear");
            b.waiting(10).until(d -> ((JavascriptExecutor) d).executeScript("return sarafPlayground.losses().length").equals(1L));
            b.driver.findElement(By.id("pg-play")).click();
            b.waiting(30).until(d -> Integer.parseInt(d.findElement(By.id("pg-step")).getText()) >= 150);
            b.driver.findElement(By.id("pg-play")).click();
            String accuracy = b.driver.findElement(By.id("pg-acc")).getText();
            b.screenshot("playground-xor-linear");
            assertThat(Double.parseDouble(accuracy.replace("%", ""))).isLessThan(80);
        }
    }
}
