/**
 * Intent Studio in a real headless Chromium: the page shows every feature with its state,
 * failing assertions with expected and actual, updates itself when the intent file or the
 * program changes, runs tests from its button and the keyboard, fits a narrow window, and
 * Ctrl-C stops Studio and the app. NTNT_STUDIO_SCREENSHOT=FILE also saves a screenshot.
 */

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { project } from "../support/ntnt-app";
import { listening, openStudioPage, type RunningStudio } from "../support/studio";

const PROGRAM = `import { html } from "std/http/server"

fn home(req) { return html("<h1>Welcome to Notes</h1>") }
fn about(req) { return html("<p>About us</p>") }

get("/", home)
get("/about", about)
listen(8080)
`;

const INTENT = `# Notes

## Glossary
| Term | Means |
|------|-------|
| a user visits {path} | GET {path} |
| they see {text} | body contains {text} |
| page loads | status 200 |

Feature: Home Page
  id: feature.home
  description: "The welcome page"

  Scenario: Visitor sees welcome
    When a user visits /
    → page loads
    → they see "Welcome"

Feature: About Page
  id: feature.about

  Scenario: About names the team
    When a user visits /about
    → page loads
    → they see "Our team"

Feature: Roadmap
  id: feature.roadmap

  Scenario: Someday
    When the moon is full
    → page loads

  Scenario: Vague promise
    When a user visits /
    → everything feels delightful
`;

let dir: string;
let studio: RunningStudio;
let browser: Browser;
let page: Page;

/** Poll `probe` until it returns true (≤ `ms`). */
async function until(probe: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await Bun.sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const featureStatus = (id: string) => page.locator(`[data-feature-id="${id}"]`).getAttribute("data-status");

beforeAll(async () => {
  dir = project({ "server.tnt": PROGRAM, "server.intent": INTENT });
  ({ studio, browser, page } = await openStudioPage(dir, "server.intent"));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await studio?.interrupt();
  rmSync(dir, { recursive: true, force: true });
});

describe("Intent Studio in Chromium", () => {
  test("every feature and scenario shows the state of the last run", async () => {
    const doc = (await (await fetch(`${studio.url}/api/results`)).json()) as {
      features: Array<{ feature_id: string; passed: boolean; scenarios?: Array<{ name: string; status: string }> }>;
    };
    expect(doc.features.map((f) => f.feature_id)).toEqual(["feature.home", "feature.about", "feature.roadmap"]);
    for (const f of doc.features) {
      expect(await featureStatus(f.feature_id)).toBe(f.passed ? "pass" : "fail");
      const shown = page.locator(`[data-feature-id="${f.feature_id}"] .scenario`);
      expect(await shown.count()).toBe(f.scenarios?.length ?? 0);
      for (const [i, s] of (f.scenarios ?? []).entries()) {
        expect(await shown.nth(i).getAttribute("data-status")).toBe(s.status);
        expect(await shown.nth(i).locator(".scenario-name").textContent()).toBe(s.name);
      }
    }
    expect(await featureStatus("feature.home")).toBe("pass");
    expect(await featureStatus("feature.about")).toBe("fail");
    const statuses = await page.locator("[data-feature-id='feature.roadmap'] .scenario").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
    expect(statuses).toEqual(["pending", "warning"]);
    expect(await page.locator("#pass-count").textContent()).toBe("1");
    expect(await page.locator("#fail-count").textContent()).toBe("1");
  }, 30_000);

  test("a failing assertion shows what was expected and what the app did", async () => {
    const failed = page.locator("[data-feature-id='feature.about'] .assertion.fail");
    expect(await failed.count()).toBe(1);
    expect(await failed.textContent()).toContain('body contains "Our team"');
    expect(await failed.locator(".diff dt").allTextContents()).toEqual(["Expected", "Actual"]);
    expect(await failed.locator(".diff .expected").textContent()).toContain("Our team");
    expect((await failed.locator(".diff .actual").textContent())?.trim().length).toBeGreaterThan(0);
  }, 30_000);

  test("the app's health is shown", async () => {
    await until(async () => (await page.locator("#app-health").getAttribute("data-state")) === "healthy", "a healthy app");
    expect(await page.locator("#app-health-text").textContent()).toContain("HTTP 200");
  }, 30_000);

  test("the Run button runs the tests again", async () => {
    const response = page.waitForResponse((r) => r.url().endsWith("/api/run-tests") && r.request().method() === "POST");
    await page.getByRole("button", { name: /Run Tests/ }).click();
    expect((await response).status()).toBe(200);
    await until(async () => (await page.locator("#run-tests-btn").isEnabled()) && (await featureStatus("feature.home")) === "pass", "the run to finish");
  }, 30_000);

  test("editing the intent file updates the page without a reload", async () => {
    await page.evaluate("window.__sameDocument = true");
    writeFileSync(join(dir, "server.intent"), INTENT.replace('they see "Our team"', 'they see "About us"'));
    await until(async () => (await featureStatus("feature.about")) === "pass", "the About feature to pass");
    expect(await page.evaluate("window.__sameDocument")).toBe(true);
  }, 30_000);

  test("editing the program re-runs the tests against the reloaded app", async () => {
    writeFileSync(join(dir, "server.tnt"), PROGRAM.replace("Welcome to Notes", "Hello from Notes"));
    await until(async () => (await featureStatus("feature.home")) === "fail", "the Home feature to fail");
    expect(await page.evaluate("window.__sameDocument")).toBe(true);
  }, 30_000);

  test("keyboard: / searches, Escape clears, r runs, filters are buttons", async () => {
    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("/");
    expect(await page.evaluate("document.activeElement.id")).toBe("search-input");
    await page.keyboard.type("about");
    expect(await page.locator("[data-feature-id='feature.home']").isVisible()).toBe(false);
    expect(await page.locator("[data-feature-id='feature.about']").isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    expect(await page.locator("[data-feature-id='feature.home']").isVisible()).toBe(true);

    await page.locator("#search-input").blur();
    const response = page.waitForResponse((r) => r.url().endsWith("/api/run-tests"));
    await page.keyboard.press("r");
    expect((await response).status()).toBe(200);

    const failing = page.locator(".filter-chip[data-filter='fail']");
    await failing.focus();
    await page.keyboard.press("Enter");
    expect(await failing.getAttribute("aria-pressed")).toBe("true");
    expect(await page.locator("[data-feature-id='feature.roadmap']").isVisible()).toBe(false);
    await page.locator(".filter-chip[data-filter='all']").click();
    expect(await page.locator("[data-feature-id='feature.roadmap']").isVisible()).toBe(true);
  }, 30_000);

  test("a narrow window stacks summary, results and glossary without horizontal scrolling", async () => {
    await page.setViewportSize({ width: 380, height: 800 });
    expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
    const top = async (selector: string) => (await page.locator(selector).boundingBox())!.y;
    expect(await top("#summary-title")).toBeLessThan(await top("#main"));
    expect(await top("#main")).toBeLessThan(await top("#glossary-title"));
    const results = await page.locator("#main").boundingBox();
    expect(results!.width).toBeLessThanOrEqual(380);
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 30_000);

  test("the IAL Explorer shows how each term and outcome resolved", async () => {
    const explorer = await browser.newPage();
    await explorer.goto(`${studio.url}/ial-explorer`);
    const terms = explorer.locator(".glossary-item");
    expect(await terms.locator(".term-name").allTextContents()).toEqual(["a user visits {path}", "they see {text}", "page loads"]);
    expect(await terms.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))).toEqual(["action", "assertions", "assertions"]);
    expect(await explorer.locator("text=GET /about").count()).toBeGreaterThan(0);
    await explorer.close();
  }, 30_000);

  test("screenshot for the README (when NTNT_STUDIO_SCREENSHOT is set)", async () => {
    const target = process.env.NTNT_STUDIO_SCREENSHOT;
    if (!target) return;
    writeFileSync(join(dir, "server.tnt"), PROGRAM);
    writeFileSync(join(dir, "server.intent"), INTENT);
    await until(async () => (await featureStatus("feature.about")) === "fail" && (await featureStatus("feature.home")) === "pass", "the original state");
    await page.evaluate("document.getElementById('toast-region').replaceChildren()");
    await page.screenshot({ path: target, fullPage: true });
    const explorer = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await explorer.goto(`${studio.url}/ial-explorer`);
    await explorer.screenshot({ path: target.replace(/\.png$/, "-explorer.png"), fullPage: true });
    await explorer.close();
  }, 30_000);

  test("Ctrl-C stops both Studio and the app", async () => {
    expect(await listening(studio.appPort)).toBe(true);
    expect(await studio.interrupt()).toBe(0);
    expect(studio.output()).toContain("Intent Studio stopped");
    expect(await listening(studio.appPort)).toBe(false);
    expect(await listening(Number(new URL(studio.url).port))).toBe(false);
  }, 30_000);
});
