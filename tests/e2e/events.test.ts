import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, openPage, screenshot, signIn } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** "YYYY-MM-DDTHH:mm" in China time, minutes from now. */
const chinaLocal = (minutes: number) => new Date(Date.now() + minutes * 60_000 + 8 * 3600_000).toISOString().slice(0, 16);

describe("checking in at a training event", () => {
  it("demo_trainer shows the code; demo_mediator checks in on a 375 px phone; the record is in 我的培训", async () => {
    const trainer = await openPage(browser);
    await signIn(trainer.page, "demo_trainer", "/events/new");
    await trainer.page.fill("input[name=title]", "调解实训演练：邻里纠纷模拟调解");
    await trainer.page.selectOption("select[name=form]", "drill");
    await trainer.page.selectOption("select[name=kind]", "annual");
    await trainer.page.fill("input[name=startsAt]", chinaLocal(-10));
    await trainer.page.fill("input[name=endsAt]", chinaLocal(110));
    await trainer.page.fill("input[name=hours]", "2");
    await trainer.page.fill("input[name=capacity]", "40");
    await trainer.page.fill("input[name=place]", "青山县司法局三楼会议室");
    await trainer.page.selectOption("select[name=audienceOrgUnitId]", { label: "青山县" });
    await trainer.page.click('button[type=submit]:has-text("发布")');
    await trainer.page.waitForURL(/\/events\/\d+$/, { waitUntil: "commit" });
    const eventPath = new URL(trainer.page.url()).pathname;
    await trainer.page.goto(`${baseUrl()}${eventPath}/checkin`);
    const code = (await trainer.page.getByTestId("checkin-code").textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    expect(await trainer.page.locator("img[alt='签到二维码']").getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    await screenshot(trainer.page, "checkin-screen");

    const mediator = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await signIn(mediator.page, "demo_mediator", eventPath);
    await mediator.page.click('button:has-text("报名参加")');
    await mediator.page.getByText("已报名").waitFor();
    await mediator.page.goto(`${baseUrl()}${eventPath}/attend`);
    await mediator.page.fill("input[name=code]", code);
    await mediator.page.click('button[type=submit]:has-text("签到")');
    await mediator.page.waitForURL(`${baseUrl()}${eventPath}`, { waitUntil: "commit" });
    await mediator.page.getByText("已签到").first().waitFor();
    await screenshot(mediator.page, "checked-in-375");
    // Opening the QR link again says so instead of asking for the code.
    await mediator.page.goto(`${baseUrl()}${eventPath}/attend`);
    await mediator.page.getByRole("status").getByText("已签到").waitFor();
    expect(await mediator.page.locator("input[name=code]").count()).toBe(0);
    // The projected screen's count follows without a reload (polled with JavaScript).
    await trainer.page.getByTestId("checkin-count").getByText("已签到 1 人").waitFor({ timeout: 20_000 });
    // On a phone the month view is a list, and nothing is wider than the screen.
    await mediator.page.goto(`${baseUrl()}/events?view=month`);
    await mediator.page.getByTestId("month-list").getByText("调解实训演练：邻里纠纷模拟调解").waitFor();
    expect(await mediator.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await mediator.page.goto(`${baseUrl()}/training`);
    await mediator.page.getByText("调解实训演练：邻里纠纷模拟调解").waitFor();
    expect(mediator.problems).toEqual([]);
    expect(trainer.problems).toEqual([]);
    await trainer.context.close();
    await mediator.context.close();
  });
});
