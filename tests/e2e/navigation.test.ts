import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, openPage, screenshot, signIn } from "./support/browser";

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

/** The menu's links as this width shows them (the phone panel or the desktop dropdowns), opened. */
async function menuLinks(page: Page, width: number): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "主导航" });
  if (width < 1024) {
    await nav.locator("details.lg\\:hidden > summary").click();
    return nav.locator("details.lg\\:hidden a").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
  }
  const groups = nav.locator("ul.lg\\:flex details");
  const hrefs: string[] = ["/"];
  for (let i = 0; i < (await groups.count()); i++) {
    await groups.nth(i).locator("summary").click();
    const links = groups.nth(i).locator("a");
    for (let j = 0; j < (await links.count()); j++) {
      await expect(links.nth(j).isVisible()).resolves.toBe(true);
      hrefs.push((await links.nth(j).getAttribute("href"))!);
    }
    await groups.nth(i).locator("summary").click();
  }
  return hrefs;
}

/**
 * Issue #22 defect 2, fixed separately: the compliance dashboard's charts differ between server and
 * client (React #418/#423/#425) and overflow a 375 px screen by a few pixels. Until that lands, its
 * errors and width are not counted here; every other page is held to both.
 */
const knownDefect2 = (href: string) => href === "/compliance" || href.startsWith("/compliance/mediators");

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

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
      if (knownDefect2(href)) {
        problems.splice(before);
      } else {
        expect([href, (await overflow(page)) <= 0]).toEqual([href, true]);
      }
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
