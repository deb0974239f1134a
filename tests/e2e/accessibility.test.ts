import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, openPage, signIn } from "./support/browser";
import { menuLinks, overflow } from "./support/menu";

/**
 * Issue 23, accessibility: every page each demo persona reaches from the menu, and the public pages,
 * at a desktop's and a phone's width, checked with axe (WCAG 2 A/AA rules): no serious or critical
 * violation, no page wider than the screen, no console error. Every later page is held to it.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const PERSONAS = [
  "demo_admin",
  "demo_city",
  "demo_county",
  "demo_county2",
  "demo_township",
  "demo_trainer",
  "demo_reviewer",
  "demo_mediator",
] as const;
const WIDTHS = [1280, 375] as const;
const PUBLIC = ["/", "/login", "/verify"] as const;

/**
 * The serious and critical axe findings on the page, one line each (rule, impact, where). Colour
 * contrast — axe's slowest rule by far — is checked at the desktop width only: the colours are the
 * same stylesheet at both widths, and skipping it halves the phone pass on the 2-core machine.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]);
  if ((page.viewportSize()?.width ?? 0) < 768) builder.disableRules(["color-contrast"]);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")} — ${v.help}`);
}

/** Visits each address and collects what is wrong there, keyed by address. */
async function check(page: Page, problems: string[], hrefs: string[]) {
  const found: Record<string, string[]> = {};
  for (const href of hrefs) {
    const before = problems.length;
    const response = await page.goto(`${baseUrl()}${href}`, { waitUntil: "load" });
    // Hydrated (so a hydration error is on record) — not network-idle, which costs half a second a page.
    await page.waitForFunction(
      () => document.documentElement.dataset.hydrated === "true" || !document.querySelector("script[type=module]"),
    );
    const wrong = [...(response?.status() === 200 ? [] : [`status ${response?.status()}`]), ...(await seriousViolations(page))];
    if ((await overflow(page)) > 0) wrong.push(`wider than the screen by ${await overflow(page)} px`);
    wrong.push(...problems.slice(before).map((p) => `console: ${p}`));
    if (wrong.length) found[href] = wrong;
  }
  return found;
}

describe.each(WIDTHS)("accessibility at %i px", (width) => {
  it("the public pages", async () => {
    const { page, context, problems } = await openPage(browser, { viewport: { width, height: 800 } });
    expect(await check(page, problems, [...PUBLIC])).toEqual({});
    await context.close();
  });

  it.each(PERSONAS)(
    "%s: every page of the menu",
    async (username) => {
      const { page, context, problems } = await openPage(browser, { viewport: { width, height: 800 } });
      await signIn(page, username, "/");
      await page.waitForLoadState("networkidle");
      const hrefs = [...new Set(await menuLinks(page, width))];
      expect(hrefs.length).toBeGreaterThan(1);
      expect(await check(page, problems, hrefs)).toEqual({});
      await context.close();
    },
    240_000,
  );
});
