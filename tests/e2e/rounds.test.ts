import type { Browser, Page } from "playwright-core";
import { baseUrl, launchBrowser, openPage, screenshot, settled, signIn } from "./support/browser";
import { serverSql } from "./support/server-db";

/**
 * A grade evaluation round from opening to a revoked certificate, as the people who run it:
 * demo_county opens a round for 青山县, demo_mediator applies on a phone, demo_township passes both
 * pre-reviews, demo_county closes applications and names demo_reviewer to the panel, demo_reviewer
 * scores, demo_county decides and announces; the public announcement shows the masked name; the
 * announcement period then passes (the round's dates are moved back in the server's database),
 * demo_county finalises; the verify page shows 有效, and after a revocation 已撤销.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Clicks a submit button and waits for the page it leads to; on a timeout, says what the page shows. */
async function submit(page: Page, button: string, url?: RegExp) {
  try {
    await Promise.all([page.waitForURL(url ?? /.*/, { waitUntil: "commit", timeout: 15_000 }), page.click(button)]);
    await settled(page);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${page.url()}\n${await page.locator("main").innerText()}`);
  }
}

describe("a grade evaluation round", () => {
  it("runs from application to announcement, finalising and a revoked certificate", async () => {
    const title = `青山县等级评定E2E${Date.now() % 100_000}`;
    const county = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await signIn(county.page, "demo_county", "/rounds/new");
    await settled(county.page);
    await county.page.fill("input[name=title]", title);
    await county.page.check('input[name=levels][value="level4"]');
    await county.page.fill("input[name=periodFrom]", `${new Date().getFullYear() - 2}-01-01`);
    await county.page.fill("input[name=periodTo]", `${new Date().getFullYear() - 1}-12-31`);
    await county.page.fill("input[name=applicationsFrom]", day(-1));
    await county.page.fill("input[name=applicationsUntil]", day(10));
    await county.page.fill("input[name=reviewsUntil]", day(30));
    await submit(county.page, 'button[type=submit]:has-text("开启批次")', /\/rounds\/\d+$/);
    const roundId = Number(new URL(county.page.url()).pathname.split("/")[2]);

    // demo_mediator applies on a phone: the figures are shown before applying.
    const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await signIn(phone.page, "demo_mediator", `/rounds/${roundId}/apply`);
    await settled(phone.page);
    await phone.page.getByText("四级人民调解员的评定条件").waitFor();
    await submit(phone.page, 'button[type=submit]:has-text("开始申报")', /\/applications\/\d+$/);
    await phone.page.locator('textarea[name^="evidence."]').first().waitFor();
    const applicationUrl = phone.page.url().split("?")[0];
    for (const box of await phone.page.locator('textarea[name^="evidence."]').all()) {
      await box.fill("本人遵守调解纪律，无因调解不当引发刑事案件，无徇私舞弊行为。");
    }
    await submit(phone.page, "button[name=intent][value=submit]", /submitted=1/);
    await phone.page.getByText("待调委会初审").first().waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(phone.page, "round-application-375");

    // demo_township makes the committee's pre-review (the committee has no account) and the 司法所's.
    const township = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await signIn(township.page, "demo_township", new URL(applicationUrl).pathname);
    await settled(township.page);
    await submit(township.page, "button[name=move][value=committeePass]");
    await township.page.locator("button[name=move][value=townshipPass]").waitFor();
    await submit(township.page, "button[name=move][value=townshipPass]");
    await township.page.getByText("评审中").first().waitFor();

    // demo_county closes applications and names demo_reviewer to the panel.
    await county.page.goto(`${baseUrl()}/rounds/${roundId}`);
    await settled(county.page);
    await submit(county.page, 'button[type=submit]:has-text("截止申报")');
    await county.page.goto(`${baseUrl()}/rounds/${roundId}/panel`);
    await settled(county.page);
    const member = await county.page.locator("select[name=userId] >> nth=0").locator("option", { hasText: "冯秀英" }).getAttribute("value");
    await county.page.selectOption("select[name=userId] >> nth=0", member!);
    await submit(county.page, 'button[type=submit]:has-text("增加")');
    await county.page.getByText("冯秀英").first().waitFor();

    // demo_reviewer scores every item.
    const reviewer = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await signIn(reviewer.page, "demo_reviewer", `${new URL(applicationUrl).pathname}/score`);
    await settled(reviewer.page);
    for (const input of await reviewer.page.locator('input[type=number][name^="points."]').all()) await input.fill("86");
    await submit(reviewer.page, 'button[type=submit]:has-text("提交评分")', /saved=/);
    await reviewer.page.getByText("已保存，本表总分86分。").waitFor();

    // demo_county decides (a reason is required) and announces.
    await county.page.goto(`${baseUrl()}/rounds/${roundId}/decisions`);
    await settled(county.page);
    await county.page.fill("input[name=reason]", "经评审委员会评审，符合四级人民调解员条件。");
    await submit(county.page, 'button[type=submit]:has-text("保存决定")', /saved=/);
    await county.page.getByText("已决定").first().waitFor();
    await county.page.goto(`${baseUrl()}/rounds/${roundId}`);
    await settled(county.page);
    await submit(county.page, 'button[type=submit]:has-text("开始公示")');

    // The public announcement, signed out: the name is masked.
    const visitor = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true });
    await visitor.page.goto(`${baseUrl()}/announcements/${roundId}`);
    await settled(visitor.page);
    await visitor.page.getByText(title).first().waitFor();
    const rows = await visitor.page.locator("table tbody tr").allTextContents();
    expect(rows.length).toBe(1);
    expect(rows[0]).toMatch(/\*/);
    expect(rows[0]).toContain("四级人民调解员");
    await screenshot(visitor.page, "round-announcement-375");

    // Seven days pass.
    await serverSql("UPDATE evaluation_rounds SET announced_on = ?, objections_until = ? WHERE id = ?", [day(-8), day(-2), roundId]);
    await county.page.goto(`${baseUrl()}/rounds/${roundId}/finalise`);
    await settled(county.page);
    await county.page.check("input[name=confirm]");
    await submit(county.page, 'button[type=submit]:has-text("确定结果")');
    await county.page.getByText("本批次结果已确定").waitFor();

    // demo_mediator's new certificate, checked by its public page on a phone.
    await phone.page.goto(`${baseUrl()}/me`);
    await settled(phone.page);
    await submit(phone.page, 'a[href^="/certificates/"] >> nth=0', /\/certificates\/\d+/);
    const certificateUrl = phone.page.url();
    const verifyHref = await phone.page.locator('a[href^="/verify/"]').first().getAttribute("href");
    await visitor.page.goto(`${baseUrl()}${verifyHref}`);
    await settled(visitor.page);
    await visitor.page.getByText("有效").first().waitFor();
    expect(await visitor.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(visitor.page, "round-verify-valid-375");

    // demo_county revokes it; the verify page says so.
    await county.page.goto(certificateUrl);
    await settled(county.page);
    await county.page.selectOption("select[name=category]", { index: 1 });
    await county.page.fill("textarea[name=reason]", "经核查，申报材料中的调解案件数量与卷宗不符。");
    await submit(county.page, 'button[type=submit]:has-text("撤销证书")', /revoked=1/);
    await county.page.getByText("证书已撤销。").waitFor();
    await visitor.page.reload();
    await visitor.page.getByText("已撤销").first().waitFor();
    await screenshot(visitor.page, "round-verify-revoked-375");

    for (const p of [county, phone, township, reviewer, visitor]) {
      expect(p.problems).toEqual([]);
      await p.context.close();
    }
  });
});
