import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, openPage, screenshot, signIn } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("an exercise from submission to released grade", () => {
  it("demo_mediator submits, demo_trainer grades with the rubric and releases, the mediator sees the breakdown", async () => {
    const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await signIn(phone.page, "demo_mediator", "/exercises");
    await phone.page.click('a:has-text("模拟调解：院墙界址纠纷")');
    await phone.page.getByRole("heading", { name: "模拟调解：院墙界址纠纷" }).waitFor();
    const exerciseUrl = phone.page.url();
    await phone.page.fill(
      "textarea[name=body]",
      "## 调解步骤\n1. 先把双方分开谈话，稳定情绪；\n2. 请双方带上宅基地使用证和老照片，现场指认原界址。",
    );
    await Promise.all([phone.page.waitForURL(/done=submit/, { waitUntil: "commit" }), phone.page.click('button:has-text("提交")')]);
    await phone.page.getByText("已提交，等待培训师评阅。").waitFor();

    const desk = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await signIn(desk.page, "demo_trainer", "/grading");
    await desk.page.click('a:has-text("评阅下一份作业")');
    await desk.page.getByText("调解步骤").first().waitFor();
    // Pick 良好 (8 points) on every criterion: the total follows the clicks.
    const criteria = desk.page.locator("fieldset");
    const count = await criteria.count();
    for (let i = 0; i < count; i++) await criteria.nth(i).locator("label", { hasText: "良好" }).click();
    await desk.page.getByText(`合计${8 * count} / 60分`).waitFor();
    await desk.page.fill("textarea[name=overallComment]", "步骤清楚，注意先告知权利义务。");
    await screenshot(desk.page, "grading-rubric-1280");
    await Promise.all([desk.page.waitForURL(/saved=released/, { waitUntil: "commit" }), desk.page.click('button:has-text("发布成绩")')]);

    await phone.page.goto(exerciseUrl);
    await phone.page.getByText("成绩已发布").first().waitFor();
    expect(await phone.page.getByText(`${8 * count}分`).count()).toBeGreaterThan(0);
    expect(await phone.page.getByText("良好（8分）").count()).toBe(count);
    expect(await phone.page.getByText("步骤清楚，注意先告知权利义务。").count()).toBe(1);
    await screenshot(phone.page, "exercise-result-375");
    expect(phone.problems).toEqual([]);
    expect(desk.problems).toEqual([]);
    await phone.context.close();
    await desk.context.close();
  });
});

describe("setting an exercise", () => {
  it("a second tap on 布置 while the first is still on its way sets the exercise once (no JavaScript)", async () => {
    const desk = await openPage(browser, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    await signIn(desk.page, "demo_trainer", "/exercises/new");
    const title = `模拟调解：重复提交测试${Date.now() % 100_000}`;
    await desk.page.fill("input[name=title]", title);
    await desk.page.fill("textarea[name=brief]", "## 案情\n两户村民因共用排水沟改道发生争执，请写出调解步骤。");
    await desk.page.fill("input[name=dueAt]", new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 16));
    // A slow connection: the server has set the exercise, but its answer is held back until the
    // trainer, seeing nothing happen, taps again. Without JavaScript the button cannot disable itself.
    let firstSent!: () => void;
    const first = new Promise<void>((resolve) => (firstSent = resolve));
    let secondSent!: () => void;
    const second = new Promise<void>((resolve) => (secondSent = resolve));
    let posts = 0;
    await desk.page.route("**/exercises/new", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      if (++posts > 1) {
        secondSent();
        return route.continue();
      }
      const response = await route.fetch({ maxRedirects: 0 });
      firstSent();
      await second;
      await route.fulfill({ response }).catch(() => undefined);
    });
    // Two taps on the same spot; the mouse does not wait for the first tap's (held) navigation.
    await desk.page.locator('button:has-text("布置")').scrollIntoViewIfNeeded();
    const button = (await desk.page.locator('button:has-text("布置")').boundingBox())!;
    await desk.page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
    await first;
    await desk.page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
    // The second answer is what the page shows: the exercise just set.
    await desk.page.getByRole("heading", { name: title }).waitFor();
    expect(desk.page.url()).toMatch(/\/exercises\/\d+\?created=1$/);
    expect(posts).toBe(2);
    await desk.page.goto(`${baseUrl()}/exercises`);
    expect(await desk.page.getByText(title).count()).toBe(1);
    expect(desk.problems).toEqual([]);
    await desk.context.close();
  });
});
