import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, openPage, screenshot, settled, signIn } from "./support/browser";

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

  it("a lesson's text comes once in the document, survives hydration, and comes with the data on a client navigation", async () => {
    const { page, context, problems } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await signIn(page, "demo_mediator", "/courses/traffic/liability-and-principles");
    const response = await page.goto(`${baseUrl()}/courses/traffic/liability-and-principles`);
    const raw = (await response!.text()).replace(/\\/g, "");
    await settled(page);
    const text = page.locator("#lesson-text");
    const quoted = (await text.locator("figure blockquote").first().textContent())!.slice(0, 12);
    expect(quoted).toMatch(/^第[一二三四五六七八九十百千零]+条/);
    // Once: in the page, not again in the hydration data.
    expect(raw.split(quoted).length - 1).toBe(1);
    expect(await text.innerHTML()).toContain("<blockquote");

    // A client-side navigation (no document load) gets the next lesson's text with its data.
    const before = await page.evaluate(() => performance.getEntriesByType("navigation").length);
    await page.getByRole("navigation", { name: "上一课和下一课" }).getByRole("link").last().click();
    await page.waitForURL(/\/courses\/traffic\/(?!liability-and-principles)[a-z-]+$/);
    await page.locator("#lesson-text h2").first().waitFor();
    expect((await text.innerText()).length).toBeGreaterThan(200);
    expect(await page.evaluate(() => performance.getEntriesByType("navigation").length)).toBe(before);
    // And back: the first lesson's text again, from the data this time.
    await page.goBack();
    await page.waitForURL(/liability-and-principles$/);
    await text.locator("figure blockquote", { hasText: quoted }).first().waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
