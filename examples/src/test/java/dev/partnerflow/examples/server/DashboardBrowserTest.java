package dev.partnerflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.testing.SettableClock;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by chromedriver, against the example server on
 * 127.0.0.1 with its seeded workflows and runs. Each test saves a screenshot under {@code target/screenshots/}.
 * Without Chromium these tests fail (they never skip): install it with
 * {@code apt-get install -y chromium chromium-driver}.
 */
class DashboardBrowserTest {
  static final Path CHROMIUM = Path.of(System.getProperty("partnerflow.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("partnerflow.chromedriver", "/usr/bin/chromedriver"));

  private ExampleServer server;
  /** The demo engine's clock: moved by the live-update test to wake the welcome runs parked on their 7-day delay. */
  private SettableClock engineClock;
  private ChromeDriver driver;
  private WebDriverWait wait;
  private Path profile;

  @BeforeAll
  static void browserInstalled() {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("the dashboard's browser tests need Chromium and ChromeDriver at %s and %s; install them with "
            + "'apt-get update && apt-get install -y chromium chromium-driver' (.ci/run does)", CHROMIUM, CHROMEDRIVER)
        .isTrue();
  }

  @BeforeEach
  void start() throws IOException {
    engineClock = new SettableClock(Clock.systemUTC().instant());
    server = ExampleServer.builder().port(0).engineClock(engineClock).start();
    profile = Files.createTempDirectory("partnerflow-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1280,900", "--user-data-dir=" + profile);
    // an explicit driver path: Selenium Manager never runs, nothing is downloaded
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    // a form post reloads the page: an element found just before may go stale while the wait polls
    wait.ignoring(StaleElementReferenceException.class);
    driver.get(server.baseUri() + ExampleServer.LOGIN_PATH + "?as=acme");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("workflows")));
  }

  @AfterEach
  void stop(TestInfo info) throws IOException {
    try {
      if (driver != null) {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        File png = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), dir.resolve(info.getTestMethod().orElseThrow().getName() + ".png"),
            StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      if (driver != null) {
        driver.quit();
      }
      server.close();
    }
  }

  /** A screenshot in the middle of a test: {@code target/screenshots/<test>-<step>.png}. */
  private void screenshot(TestInfo info, String step) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(),
        dir.resolve(info.getTestMethod().orElseThrow().getName() + "-" + step + ".png"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private void open(String path) {
    driver.get(server.dashboardUri() + path);
  }

  private List<String> rowNames() {
    return driver.findElements(By.cssSelector("#workflows tr.workflow-row a.name")).stream().map(WebElement::getText)
        .toList();
  }

  private WebElement row(String workflowId) {
    return driver.findElement(By.cssSelector("tr.workflow-row[data-workflow='" + workflowId + "']"));
  }

  @Test
  void list_shows_the_cards_and_searches_and_filters() {
    assertThat(driver.findElement(By.cssSelector("#card-active .card-value")).getText()).isEqualTo("3");
    assertThat(driver.findElement(By.cssSelector("#card-creators .card-value")).getText()).isEqualTo("4");
    assertThat(Integer.parseInt(driver.findElement(By.cssSelector("#card-minutes .card-value")).getText()))
        .isPositive();
    assertThat(rowNames()).hasSize(7).contains("Welcome new partners", DemoWorkflows.XSS_NAME);
    assertThat(row(DemoWorkflows.DEAL_ALERT).getText()).contains("Execute", "Active", "deal_registered", "Succeeded");

    driver.findElement(By.id("search")).sendKeys("deal");
    driver.findElement(By.id("apply-filters")).click();
    wait.until(d -> rowNames().equals(List.of("Deal registered alert")));

    driver.findElement(By.id("search")).clear();
    new Select(driver.findElement(By.id("status"))).selectByVisibleText("Draft");
    driver.findElement(By.id("apply-filters")).click();
    wait.until(d -> d.getCurrentUrl().contains("status=draft"));
    assertThat(rowNames()).containsExactlyInAnyOrder(DemoWorkflows.XSS_NAME, "Quarterly review invite",
        "Renewal reminder");
    new Select(driver.findElement(By.id("stage"))).selectByVisibleText("Optimize");
    driver.findElement(By.id("apply-filters")).click();
    wait.until(d -> d.getCurrentUrl().contains("stage=optimize"));
    assertThat(rowNames()).containsExactlyInAnyOrder("Quarterly review invite", "Renewal reminder");
  }

  private String status(String workflowId) {
    return row(workflowId).findElement(By.cssSelector(".status")).getText();
  }

  private void setStatus(String workflowId, String wire) {
    row(workflowId).findElement(By.cssSelector("button.toggle.set-" + wire)).click();
  }

  @Test
  void toggling_status_between_draft_active_inactive_and_an_activation_error_shown_next_to_the_workflow() {
    WebElement current = row(DemoWorkflows.DEAL_ALERT).findElement(By.cssSelector("button.toggle.current"));
    assertThat(current.getText()).isEqualTo("Active");
    assertThat(current.isEnabled()).isFalse();
    setStatus(DemoWorkflows.DEAL_ALERT, "inactive");
    wait.until(d -> status(DemoWorkflows.DEAL_ALERT).equals("Inactive"));
    setStatus(DemoWorkflows.DEAL_ALERT, "draft");
    wait.until(d -> status(DemoWorkflows.DEAL_ALERT).equals("Draft"));
    assertThat(row(DemoWorkflows.DEAL_ALERT).findElement(By.cssSelector("button.toggle.current")).getText())
        .isEqualTo("Draft");
    setStatus(DemoWorkflows.TIER, "active");
    wait.until(d -> status(DemoWorkflows.TIER).equals("Active"));

    setStatus(DemoWorkflows.RENEWAL, "active");
    WebElement problems = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("tr.problems-row[data-problems-for='" + DemoWorkflows.RENEWAL + "']")));
    assertThat(problems.getText()).contains("Could not activate “Renewal reminder”");
    List<String> shown = problems.findElements(By.cssSelector("li.problem")).stream().map(WebElement::getText)
        .toList();
    List<String> all = server.demo().engine().workflows().validate(DemoData.ACME, DemoWorkflows.RENEWAL).stream()
        .map(dev.partnerflow.core.validation.Problem::message).toList();
    assertThat(all).hasSizeGreaterThanOrEqualTo(2);
    assertThat(shown).as("every activation problem is shown").containsExactlyElementsOf(all);
    assertThat(status(DemoWorkflows.RENEWAL)).isEqualTo("Draft");
  }

  static final String SEED = "Send a welcome email to the partner manager and schedule a check-in for 30 days after"
      + " a new partner is created";

  @Test
  void generate_with_ai_shows_the_graph_and_explanation_then_saves_a_draft_found_in_the_list(TestInfo info)
      throws IOException {
    driver.findElement(By.id("generate-description")).sendKeys(SEED);
    driver.findElement(By.id("generate-button")).click();
    WebElement graph = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#proposal #graph")));
    assertThat(graph.findElements(By.cssSelector("g.node"))).hasSize(4);
    assertThat(graph.findElements(By.cssSelector("path.edge"))).hasSize(3);
    List<String> explanation = driver.findElements(By.cssSelector("#explanation li")).stream()
        .map(WebElement::getText).toList();
    assertThat(explanation).hasSize(4);
    assertThat(String.join("\n", explanation)).containsIgnoringCase("welcome").contains("30");
    assertThat(driver.findElements(By.id("proposal-problems"))).as("the seed sentence drafts a valid workflow")
        .isEmpty();
    String name = driver.findElement(By.id("proposal-name")).getText();
    assertThat(name).isNotBlank();
    long before = server.demo().engine().workflows().list(DemoData.ACME,
        dev.partnerflow.core.store.WorkflowQuery.all()).total();
    assertThat(before).as("nothing saved before Save as Draft").isEqualTo(7);
    screenshot(info, "proposal");

    driver.findElement(By.id("save-draft")).click();
    wait.until(ExpectedConditions.urlContains("/partnerflow/workflows/"));
    assertThat(driver.findElement(By.id("workflow-name")).getText()).isEqualTo(name);
    assertThat(driver.findElement(By.cssSelector(".title-row .status")).getText()).isEqualTo("Draft");

    open("?status=draft");
    assertThat(rowNames()).contains(name);
    WebElement row = driver.findElements(By.cssSelector("#workflows tr.workflow-row")).stream()
        .filter(r -> r.findElement(By.cssSelector("a.name")).getText().equals(name)).findFirst().orElseThrow();
    assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("Draft");
    assertThat(row.getText()).contains("partner_created");
  }

  @Test
  void run_once_opens_a_run_panel_whose_steps_are_green() {
    open("workflows/" + DemoWorkflows.QBR);
    assertThat(driver.findElement(By.id("graph")).findElements(By.cssSelector("g.node"))).hasSize(2);
    driver.findElement(By.id("run-once")).click();
    wait.until(ExpectedConditions.urlContains("/partnerflow/runs/"));
    wait.until(d -> d.findElement(By.cssSelector("#run-status .badge")).getText().equals("Succeeded"));
    List<WebElement> steps = driver.findElements(By.cssSelector("#steps li.step"));
    assertThat(steps).hasSize(1);
    assertThat(steps.get(0).getAttribute("class")).contains("step-succeeded");
    assertThat(steps.get(0).findElement(By.cssSelector(".dot")).getCssValue("background-color"))
        .isEqualTo("rgba(22, 163, 74, 1)");
    steps.get(0).findElement(By.tagName("summary")).click();
    assertThat(steps.get(0).findElement(By.cssSelector("pre.output")).getText()).contains("Quarterly business review");
  }

  @Test
  void a_waiting_run_shows_done_steps_green_and_the_rest_grey_live() {
    open("workflows/" + DemoWorkflows.WELCOME);
    driver.findElement(By.cssSelector("#runs tr.run-row a")).click();
    // the live script redraws the steps on every event: read them inside waits that ignore a redraw mid-read
    wait.until(d -> d.findElements(By.cssSelector("#steps li.step-succeeded")).size() == 2);
    wait.until(d -> "true".equals(d.findElement(By.id("run-panel")).getAttribute("data-live")));
    wait.until(d -> d.findElement(By.cssSelector("#steps li[data-node='follow_up']")).getAttribute("class")
        .contains("step-waiting"));
    wait.until(d -> d.findElement(By.id("live")).getText().equals("Live"));
  }

  @Test
  void a_run_in_flight_updates_live_when_its_delay_ends_without_a_reload(TestInfo info) throws IOException {
    open("workflows/" + DemoWorkflows.WELCOME);
    driver.findElement(By.cssSelector("#runs tr.run-row a")).click();
    // the live script redraws the steps on every event: find them afresh, and ignore a redraw mid-read
    WebDriverWait live = new WebDriverWait(driver, Duration.ofSeconds(15));
    live.ignoring(StaleElementReferenceException.class);
    live.until(d -> d.findElements(By.cssSelector("#steps li.step-succeeded")).size() == 2);
    live.until(d -> d.findElement(By.cssSelector("#steps li[data-node='follow_up']")).getAttribute("class")
        .contains("step-waiting"));
    live.until(d -> d.findElement(By.id("live")).getText().equals("Live"));
    // a marker on this page's window: a reload or navigation would lose it
    driver.executeScript("window.partnerflowNoReload = 'same page';");
    live.until(d -> d.findElement(By.cssSelector("#run-status .badge")).getText().equals("Waiting"));
    screenshot(info, "waiting");

    engineClock.advance(Duration.ofDays(7).plusMinutes(1)); // the engine's poller wakes the delay and finishes it

    live.until(d -> d.findElement(By.cssSelector("#steps li[data-node='follow_up']")).getAttribute("class")
        .contains("step-succeeded"));
    live.until(d -> d.findElement(By.id("live")).getText().equals("Finished"));
    assertThat(driver.executeScript("return window.partnerflowNoReload;")).isEqualTo("same page");
    assertThat(driver.findElement(By.cssSelector("#run-status .badge")).getText()).isEqualTo("Succeeded");
    assertThat(driver.findElements(By.cssSelector("#steps li.step-succeeded"))).hasSize(4);
    assertThat(driver.findElement(By.cssSelector("#steps li[data-node='follow_up'] .dot"))
        .getCssValue("background-color")).isEqualTo("rgba(22, 163, 74, 1)");
    assertThat(driver.findElement(By.id("run-panel")).getAttribute("data-live")).isEqualTo("false");
    assertThat(driver.findElement(By.id("run-finished")).getText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
  }

  @Test
  void delete_asks_for_confirmation_cancel_keeps_it_and_confirm_removes_it_and_cancels_its_waiting_runs(
      TestInfo info) throws IOException {
    String waiting = server.demo().acmeRuns.stream()
        .filter(id -> server.demo().engine().trace(DemoData.ACME, id).run().workflowId().equals(DemoWorkflows.WELCOME))
        .findFirst().orElseThrow();
    assertThat(server.demo().engine().trace(DemoData.ACME, waiting).run().status())
        .isEqualTo(dev.partnerflow.core.run.RunStatus.WAITING);
    row(DemoWorkflows.WELCOME).findElement(By.cssSelector("details.menu summary")).click();
    row(DemoWorkflows.WELCOME).findElement(By.cssSelector("a.delete-link")).click();
    WebElement confirm = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-delete")));
    assertThat(confirm.findElement(By.tagName("h1")).getText()).isEqualTo("Delete “Welcome new partners”?");
    assertThat(confirm.getText()).contains("runs still waiting are cancelled");
    confirm.findElement(By.linkText("Cancel")).click();
    wait.until(d -> d.findElement(By.id("workflow-name")).getText().equals("Welcome new partners"));

    open("workflows/" + DemoWorkflows.WELCOME + "/delete");
    screenshot(info, "confirm");
    driver.findElement(By.id("confirm-delete-button")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("workflows")));
    assertThat(driver.getCurrentUrl()).endsWith("/partnerflow/");
    assertThat(rowNames()).hasSize(6).doesNotContain("Welcome new partners");
    assertThat(server.demo().engine().trace(DemoData.ACME, waiting).run().status())
        .isEqualTo(dev.partnerflow.core.run.RunStatus.CANCELLED);
    open("workflows/" + DemoWorkflows.WELCOME);
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("404 Not found");
    open("");
  }

  @Test
  void rename_from_the_row_menu_and_from_the_detail_page_and_a_blank_name_is_refused() {
    row(DemoWorkflows.QBR).findElement(By.cssSelector("details.menu summary")).click();
    WebElement name = row(DemoWorkflows.QBR).findElement(By.cssSelector(".rename-form input[name='name']"));
    name.clear();
    name.sendKeys("QBR invite <v2>");
    row(DemoWorkflows.QBR).findElement(By.cssSelector(".rename-form button")).click();
    wait.until(d -> d.findElement(By.id("workflow-name")).getText().equals("QBR invite <v2>"));
    assertThat(driver.findElement(By.id("version")).getText()).isEqualTo("2");

    WebElement again = driver.findElement(By.cssSelector(".toolbar .rename-form input[name='name']"));
    again.clear();
    again.sendKeys("   ");
    driver.findElement(By.cssSelector(".toolbar .rename-form button")).click();
    wait.until(d -> d.findElement(By.tagName("h1")).getText().equals("400 Bad request"));
    assertThat(server.demo().engine().workflows().get(DemoData.ACME, DemoWorkflows.QBR).name())
        .isEqualTo("QBR invite <v2>");

    open("");
    assertThat(row(DemoWorkflows.QBR).findElement(By.cssSelector("a.name")).getText()).isEqualTo("QBR invite <v2>");
    assertThat(rowNames()).doesNotContain("Quarterly review invite");
  }

  @Test
  void paging_through_more_than_a_page_keeps_the_search() {
    var catalog = server.demo().engine().workflows();
    for (int i = 1; i <= 25; i++) {
      catalog.create(DemoData.ACME, dev.partnerflow.core.model.Workflow.builder(DemoData.ACME,
          String.format("Bulk nurture %02d", i)).id("bulk-" + i).createdBy("maria").trigger("manual").build());
    }
    open("");
    assertThat(rowNames()).hasSize(20);
    assertThat(driver.findElement(By.id("pager")).getText()).contains("Page 1 of 2 · 32 workflows")
        .doesNotContain("Previous");
    driver.findElement(By.linkText("Next →")).click();
    wait.until(ExpectedConditions.urlContains("page=2"));
    assertThat(rowNames()).hasSize(12);
    assertThat(driver.findElement(By.id("pager")).getText()).contains("Page 2 of 2").doesNotContain("Next");

    driver.findElement(By.id("search")).sendKeys("bulk");
    driver.findElement(By.id("apply-filters")).click();
    wait.until(d -> d.findElement(By.id("pager")).getText().contains("25 workflows"));
    assertThat(rowNames()).hasSize(20).allMatch(n -> n.startsWith("Bulk nurture"));
    driver.findElement(By.linkText("Next →")).click();
    wait.until(ExpectedConditions.urlContains("page=2"));
    assertThat(driver.getCurrentUrl()).contains("q=bulk");
    assertThat(rowNames()).hasSize(5).allMatch(n -> n.startsWith("Bulk nurture"));
    assertThat(driver.findElement(By.id("search")).getAttribute("value")).isEqualTo("bulk");
    driver.findElement(By.linkText("← Previous")).click();
    wait.until(ExpectedConditions.urlContains("page=1"));
    assertThat(rowNames()).hasSize(20);
  }

  @Test
  void a_failing_step_is_red_and_shows_its_error_on_click() {
    open("workflows/" + DemoWorkflows.BOUNCE);
    driver.findElement(By.cssSelector("#runs tr.run-row a")).click();
    WebElement step = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#steps li.step-failed")));
    assertThat(step.findElement(By.cssSelector(".dot")).getCssValue("background-color"))
        .isEqualTo("rgba(220, 38, 38, 1)");
    assertThat(step.findElement(By.cssSelector(".step-error")).isDisplayed()).isFalse();
    step.findElement(By.tagName("summary")).click();
    WebElement error = wait.until(ExpectedConditions.visibilityOf(step.findElement(By.cssSelector(".step-error"))));
    assertThat(error.getText()).contains("550 5.1.1 mailbox unavailable");
    assertThat(step.findElement(By.cssSelector("pre.input")).getText()).contains("ops@bounce.example");
  }

  @Test
  void hostile_names_and_outputs_render_as_text() {
    assertThat(row(DemoWorkflows.XSS).findElement(By.cssSelector("a.name")).getText())
        .isEqualTo(DemoWorkflows.XSS_NAME);
    assertThat(driver.findElements(By.cssSelector("#workflows img"))).isEmpty();
    open("workflows/" + DemoWorkflows.XSS);
    assertThat(driver.findElement(By.id("workflow-name")).getText()).isEqualTo(DemoWorkflows.XSS_NAME);
    driver.findElement(By.cssSelector("#runs tr.run-row a")).click();
    WebElement step = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#steps li.step")));
    assertThat(step.findElement(By.cssSelector(".step-name")).getText()).isEqualTo("<b>bold?</b>");
    step.findElement(By.tagName("summary")).click();
    assertThat(step.findElement(By.cssSelector("pre.output")).getText()).contains(DemoWorkflows.XSS_TEXT);
    assertThat(driver.findElements(By.cssSelector("main script, main b, main img"))).isEmpty();
    boolean alert;
    try {
      driver.switchTo().alert();
      alert = true;
    } catch (NoAlertPresentException e) {
      alert = false;
    }
    assertThat(alert).as("an alert() ran").isFalse();
  }

  @Test
  void another_organizations_run_is_not_found() {
    String globexRun = server.demo().globexRuns.get(0);
    open("runs/" + globexRun);
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("404 Not found");
    assertThat(driver.getPageSource()).doesNotContain("Globex onboarding");
    open("workflows/" + DemoWorkflows.GLOBEX_ONBOARDING);
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("404 Not found");
  }
}
