import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, openPage, screenshot, signIn } from "./support/browser";
import { menuLinks, overflow } from "./support/menu";

/**
 * The grouped menu for each persona at a phone's and a desktop's width: every item it offers opens
 * without a console error and without a page wider than the screen, and each page has its own title.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const PERSONAS = ["demo_mediator", "demo_trainer", "demo_county", "demo_admin"] as const;
const WIDTHS = [375, 1280] as const;

describe.each(WIDTHS)("the menu at %i px", (width) => {
  it.each(PERSONAS)("%s: every item opens, fits the screen and logs no error", async (username) => {
    const { page, context, problems } = await openPage(browser, { viewport: { width, height: 800 } });
    await signIn(page, username, "/");
    await page.waitForLoadState("networkidle");
    const hrefs = [...new Set(await menuLinks(page, width))];
    expect(hrefs.length).toBeGreaterThan(2);
    const titles = new Set<string>();
    for (const href of hrefs) {
      const before = problems.length;
      const response = await page.goto(`${baseUrl()}${href}`);
      expect([href, response?.status()]).toEqual([href, 200]);
      await page.waitForLoadState("networkidle");
      expect([href, (await overflow(page)) <= 0]).toEqual([href, true]);
      expect([href, problems.slice(before)]).toEqual([href, []]);
      const title = await page.title();
      expect(title).toMatch(/ · 调解员学院$/);
      titles.add(title);
    }
    expect(titles.size).toBe(hrefs.length);
    await screenshot(page, `nav-${username}-${width}`);
    expect(problems).toEqual([]);
    await context.close();
  });
});
