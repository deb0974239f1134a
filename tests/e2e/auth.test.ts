import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, openPage, screenshot } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("signing in", () => {
  it("works without JavaScript: a wrong password gets the generic message, the right one opens 我的档案", async () => {
    const { page, context } = await openPage(browser, { javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
    await page.goto(`${baseUrl()}/me`);
    expect(page.url()).toContain("/login?redirectTo=%2Fme");
    await page.fill("input[name=username]", "demo_mediator");
    await page.fill("input[name=password]", "not-the-password");
    await page.click('button[type=submit]:has-text("登录")');
    await page.getByText("用户名或密码不正确。").waitFor();
    await screenshot(page, "login-error-375");
    await page.fill("input[name=password]", "mediate-2026");
    await page.click('button[type=submit]:has-text("登录")');
    await page.waitForURL(`${baseUrl()}/me`);
    await page.getByRole("heading", { name: "我的档案" }).waitFor();
    expect(await page.textContent("main")).toContain("东门社区人民调解委员会");
    await page.click('button:has-text("退出")');
    await page.waitForURL(`${baseUrl()}/`);
    await page.goto(`${baseUrl()}/me`);
    expect(page.url()).toContain("/login");
    await context.close();
  });

  it("a mediator who opens the roster gets the translated 403 page", async () => {
    const { page, context } = await openPage(browser);
    await page.goto(`${baseUrl()}/login?redirectTo=%2Froster`);
    await page.fill("input[name=username]", "demo_mediator");
    await page.fill("input[name=password]", "mediate-2026");
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/roster")),
      page.click('button[type=submit]:has-text("登录")'),
    ]);
    expect(response.status()).toBe(403);
    await page.getByRole("heading", { name: "没有权限" }).waitFor();
    await context.close();
  });
});
