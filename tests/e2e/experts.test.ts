import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, openPage, screenshot, settled, signIn } from "./support/browser";

/**
 * The expert pool in the browser: demo_mediator asks demo_expert (林文远) a question, demo_expert
 * answers it on a 375 px phone, and the public /experts page on a phone lists 林文远 without any
 * contact data.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

async function submit(page: Page, button: string, url?: RegExp) {
  try {
    await Promise.all([page.waitForURL(url ?? /.*/, { waitUntil: "commit", timeout: 15_000 }), page.click(button)]);
    await settled(page);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${page.url()}\n${await page.locator("main").innerText()}`);
  }
}

describe("the expert pool", () => {
  it("demo_mediator asks demo_expert, who answers on a phone; /experts shows the expert without contact data", async () => {
    const subject = `土地承包经营权互换纠纷E2E${Date.now() % 100_000}`;
    const mediator = await openPage(browser, PHONE);
    await signIn(mediator.page, "demo_mediator", "/consultations/new");
    await settled(mediator.page);
    const lin = await mediator.page.locator('select[name=expertId] option:has-text("林文远")').getAttribute("value");
    await mediator.page.selectOption("select[name=expertId]", lin!);
    await mediator.page.fill("input[name=subject]", subject);
    await mediator.page.fill("textarea[name=description]", "两户村民口头约定互换承包地，一方反悔要求换回。请问口头互换的效力如何认定？");
    await submit(mediator.page, 'button[type=submit]:has-text("发送")', /\/consultations\/\d+$/);
    const threadUrl = mediator.page.url();
    await mediator.page.locator("main").getByText("待答复").first().waitFor();

    const expert = await openPage(browser, PHONE);
    await signIn(expert.page, "demo_expert", "/consultations");
    await settled(expert.page);
    await expert.page.click(`a:has-text("${subject}")`);
    await expert.page.waitForURL(threadUrl);
    await expert.page.fill(
      "textarea[name=body]",
      "互换应当向发包方备案；仅口头约定且已实际耕种多年的，可结合履行情况认定，建议先核实备案和实际耕种情况。",
    );
    await submit(expert.page, 'button[type=submit]:has-text("发送答复")', /\/consultations\/\d+$/);
    await expert.page.locator("main").getByText("已答复").first().waitFor();
    expect(await expert.page.inputValue("textarea[name=body]")).toBe("");
    expect(await expert.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(expert.page, "expert-answer-375");

    await mediator.page.reload();
    await mediator.page.locator("main").getByText("已答复").first().waitFor();

    const visitor = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true });
    await visitor.page.goto(`${baseUrl()}/experts`);
    const text = await visitor.page.locator("main").innerText();
    expect(text).toContain("林文远");
    expect(text).toContain("云溪和衡律师事务所");
    const html = await visitor.page.content();
    expect(html).not.toMatch(/139\d{8}/);
    expect(html).not.toContain("demo_expert");
    expect(await visitor.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(visitor.page, "experts-public-375");
  });
});
