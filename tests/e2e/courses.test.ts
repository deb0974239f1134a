import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, openPage, screenshot } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("reading a course on a phone", () => {
  it("demo_mediator enrols, reads a lesson at 375 px, marks it read and the progress bar moves", async () => {
    const { page, context, problems } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await page.goto(`${baseUrl()}/login?redirectTo=${encodeURIComponent("/courses/traffic")}`);
    await page.fill("input[name=username]", "demo_mediator");
    await page.fill("input[name=password]", "mediate-2026");
    await Promise.all([
      page.waitForURL(`${baseUrl()}/courses/traffic`, { waitUntil: "commit" }),
      page.click('button[type=submit]:has-text("登录")'),
    ]);
    await page.click('button:has-text("报名学习")');
    await page.waitForURL(/\/courses\/traffic\/[a-z-]+$/, { waitUntil: "commit" });
    await page.getByRole("heading", { name: "法律依据" }).first().waitFor();

    const progress = page.locator("progress");
    expect(await progress.getAttribute("value")).toBe("0");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // The cited article's real text is on the page, not just its number.
    expect(await page.locator("figure blockquote").first().textContent()).toMatch(/^第[一二三四五六七八九十百千零]+条/);
    await screenshot(page, "lesson-375-zh-CN");

    await page.click('button:has-text("标记为已读")');
    await page.getByText("已记录为已读。").waitFor();
    expect(await progress.getAttribute("value")).toBe("1");
    await page.goto(`${baseUrl()}/courses`);
    expect(await page.locator('li:has(a[href="/courses/traffic"]) progress').getAttribute("value")).toBe("1");
    expect(problems).toEqual([]);
    await context.close();
  });
});
