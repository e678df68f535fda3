package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages of the Alertmanager (:9093) and Pushgateway (:9091) faces in a real browser:
 * alerts grouped as routed, a silence created from the form, the status page, and the
 * Pushgateway's group list. Screenshots go to target/screenshots.
 */
class FacesUiIT {

    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(UiBrowser.available(), "chromium/chromedriver missing: run .ci/install-peers");
        profile = Files.createTempDirectory("faces-ui");
        driver = UiBrowser.start(profile);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            var found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    @Test
    void alertmanagerPagesShowAlertsAndCreateSilences() throws Exception {
        String name = "UiAlert" + System.nanoTime();
        String alert = "[{\"labels\":{\"alertname\":\"" + name + "\",\"severity\":\"page\"},"
                + "\"annotations\":{\"summary\":\"shown in the UI\"},\"startsAt\":\"" + Instant.now() + "\"}]";
        assertEquals(200, Http.post(Http.alert("/api/v2/alerts"), "application/json", alert).statusCode());

        driver.get(Http.alert("/"));
        WebElement shown = await(By.xpath("//div[contains(@class,'alert')][contains(.,'" + name + "')]"));
        assertTrue(shown.getText().contains("shown in the UI") || driver.getPageSource().contains("shown in the UI"));
        UiBrowser.screenshot(driver, "alertmanager-alerts");

        driver.get(Http.alert("/#/silences/new?matchers=alertname%3D%22" + name + "%22"));
        await(By.tagName("textarea")).sendKeys("silenced from the UI test");
        WebElement creator = driver.findElements(By.cssSelector("main input[type=text]")).get(3);
        creator.clear();
        creator.sendKeys("ui-it");
        UiBrowser.screenshot(driver, "alertmanager-new-silence");
        driver.findElement(By.xpath("//button[text()='Create']")).click();
        await(By.xpath("//td[contains(.,'silenced from the UI test')]"));
        UiBrowser.screenshot(driver, "alertmanager-silences");

        String silences = Http.get(Http.alert("/api/v2/silences")).body();
        assertTrue(silences.contains("\"createdBy\":\"ui-it\""), silences);
        String alerts = Http.await(Http.alert("/api/v2/alerts?filter=alertname%3D%22" + name + "%22"),
                r -> r.body().contains("\"state\":\"suppressed\""), Duration.ofSeconds(30)).body();
        assertTrue(alerts.contains("\"state\":\"suppressed\""), "the new silence mutes the alert: " + alerts);

        driver.get(Http.alert("/#/status"));
        WebElement config = await(By.tagName("pre"));
        assertTrue(config.getText().contains("route"), config.getText());
        UiBrowser.screenshot(driver, "alertmanager-status");
    }

    @Test
    void pushgatewayPageListsGroups() throws Exception {
        String job = "ui_job_" + System.nanoTime();
        var put = HttpRequest.newBuilder(URI.create(Http.push("/metrics/job/" + job)))
                .header("Content-Type", "text/plain; version=0.0.4")
                .PUT(HttpRequest.BodyPublishers.ofString("# TYPE ui_metric gauge\nui_metric 42\n"));
        assertEquals(200, Http.send(put).statusCode());
        driver.get(Http.push("/"));
        await(By.xpath("//*[contains(text(),'" + job + "')]"));
        assertTrue(driver.getPageSource().contains("ui_metric"), "the group's metric is listed");
        UiBrowser.screenshot(driver, "pushgateway-groups");
        var delete = HttpRequest.newBuilder(URI.create(Http.push("/metrics/job/" + job))).DELETE();
        assertEquals(202, Http.send(delete).statusCode());
    }
}
