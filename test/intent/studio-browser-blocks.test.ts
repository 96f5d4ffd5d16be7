/** Intent Studio in headless Chromium: skipped scenarios, legacy `test:` blocks and components on the page. */

import { afterAll, beforeAll, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { project } from "../support/ntnt-app";
import { openStudioPage, type RunningStudio } from "../support/studio";

const PROGRAM = `import { html } from "std/http/server"
fn home(req) { return html("<h1>Welcome</h1>") }
get("/", home)
listen(8080)
`;

const INTENT = `## Glossary
| Term | Means |
|------|-------|
| a user visits {path} | GET {path} |
| they see {text} | body contains {text} |

Feature: Members
  id: feature.members
  Scenario: Members area
    Given they see "Members only"
    When a user visits /
    → they see "Welcome"

Feature: Legacy
  id: feature.legacy
  test:
    - request: GET /
      assert:
        - status: 200
        - body contains "Goodbye"

Component: Welcome Banner
  id: component.welcome_banner
  Inherent Behavior:
    → body contains "Welcome"
  Scenario: Banner shows
    When a user visits /
    → they see "Welcome"
`;

let dir: string;
let studio: RunningStudio;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = project({ "server.tnt": PROGRAM, "server.intent": INTENT });
  ({ studio, browser, page } = await openStudioPage(dir, "server.intent"));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await studio?.interrupt();
  rmSync(dir, { recursive: true, force: true });
});

test("a scenario whose Given does not hold is shown as skipped, and the Skipped filter finds it", async () => {
  const scenario = page.locator("[data-feature-id='feature.members'] .scenario");
  expect(await scenario.getAttribute("data-status")).toBe("skip");
  expect(await scenario.locator(".badge").textContent()).toContain("Skip");
  expect(await scenario.textContent()).toContain('precondition: body contains "Members only"');
  expect(await page.locator("#skip-count").textContent()).toBe("1");
  await page.locator(".filter-chip[data-filter='skip']").click();
  expect(await page.locator("[data-feature-id='feature.members']").isVisible()).toBe(true);
  expect(await page.locator("[data-feature-id='feature.legacy']").isVisible()).toBe(false);
  await page.locator(".filter-chip[data-filter='all']").click();
}, 30_000);

test("a legacy test: block shows its request and its failing assertion's expected and actual", async () => {
  const feature = page.locator("[data-feature-id='feature.legacy']");
  expect(await feature.getAttribute("data-status")).toBe("fail");
  expect(await feature.locator(".scenario-name").textContent()).toBe("test: GET /");
  const failed = feature.locator(".assertion.fail");
  expect(await failed.textContent()).toContain('body contains "Goodbye"');
  expect(await failed.locator(".diff .expected").textContent()).toContain("Goodbye");
}, 30_000);

test("components are listed with their scenarios", async () => {
  const component = page.locator("[data-component-id='component.welcome_banner']");
  expect(await component.getAttribute("data-status")).toBe("pass");
  expect(await component.locator(".feature-name").textContent()).toBe("Component: Welcome Banner");
  expect(await component.locator(".scenario").getAttribute("data-status")).toBe("pass");
}, 30_000);
