import fs from "node:fs";
import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, openPage, screenshot } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("the home page", () => {
  it("renders in Chinese by default and hydrates without console errors (CSP intact)", async () => {
    const { page, context, problems } = await openPage(browser);
    const response = await page.goto(baseUrl());
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    expect(await page.textContent("h1")).toBe("调解员学院");
    await expect(page.getByRole("heading", { name: "人民调解员" }).count()).resolves.toBe(1);
    // The demo seed is live: the overview counts real rows.
    expect(Number(await page.locator("dd").last().textContent())).toBeGreaterThan(100);
    await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext);
    await page.waitForLoadState("networkidle");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("switches to English with the language buttons, and the choice sticks", async () => {
    const { page, context, problems } = await openPage(browser);
    await page.goto(baseUrl());
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await expect(page.locator("h1").textContent()).resolves.toBe("Mediator Academy");
    await page.reload();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.textContent("h1")).toBe("Mediator Academy");
    await page.getByRole("button", { name: "中文" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("switches language without JavaScript too", async () => {
    const { page, context } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${baseUrl()}/`);
    await page.getByRole("button", { name: "English" }).click();
    // A full page load (no JavaScript): the form posts, the server redirects back in English.
    await page.waitForSelector('html[lang="en"]', { state: "attached" });
    expect(await page.textContent("h1")).toBe("Mediator Academy");
    await context.close();
  });

  it("fits a 375 px phone screen without sideways scrolling (screenshot saved)", async () => {
    const { page, context } = await openPage(browser, {
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(baseUrl());
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const file = await screenshot(page, "home-375-zh-CN");
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    await context.close();
  });

  it("shows a translated 404 page for an unknown URL, with no stack trace", async () => {
    const { page, context } = await openPage(browser);
    const response = await page.goto(`${baseUrl()}/no/such/page`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent("h1")).toBe("页面不存在");
    expect(await page.content()).not.toMatch(/at .*\(.*:\d+:\d+\)/);
    await context.close();
  });

  it("serves HTML without stray NUL bytes (React 18 streaming bug)", async () => {
    for (const url of ["/", "/no/such/page"]) {
      const body = Buffer.from(await (await fetch(`${baseUrl()}${url}`)).arrayBuffer());
      expect(body.includes(0)).toBe(false);
    }
  });
});
