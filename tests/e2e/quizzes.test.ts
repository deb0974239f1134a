import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import type { ContentBundle } from "~/lib/course";
import { baseUrl, launchBrowser, openPage, screenshot, signIn } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The built content the server runs on: the test looks up each question's key by its stem, as a well-read mediator would know it. */
const bundle = (): ContentBundle => JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../build/content/courses.json"), "utf8"));

describe("taking a course quiz", () => {
  it("demo_mediator reads every lesson, passes the course quiz in Chromium, and the course shows complete", async () => {
    const content = bundle();
    const course = content.courses.find((c) => c.slug === "property-management")!;
    const { page, context, problems } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await page.goto(`${baseUrl()}/login?redirectTo=${encodeURIComponent(`/courses/${course.slug}`)}`);
    await page.fill("input[name=username]", "demo_mediator");
    await page.fill("input[name=password]", "mediate-2026");
    await Promise.all([
      page.waitForURL(`${baseUrl()}/courses/${course.slug}`, { waitUntil: "commit" }),
      page.click('button[type=submit]:has-text("登录")'),
    ]);
    await Promise.all([
      page.waitForURL(/\/courses\/property-management\/[a-z-]+$/, { waitUntil: "commit" }),
      page.click('button:has-text("报名学习")'),
    ]);
    for (const lesson of course.lessons) {
      await page.goto(`${baseUrl()}/courses/${course.slug}/${lesson.slug}`);
      await page.click('button:has-text("标记为已读")');
      await page.getByText("已记录为已读。").waitFor();
    }
    await page.goto(`${baseUrl()}/courses/${course.slug}`);
    expect(await page.getByText("已完成").count()).toBe(0);

    await page.click(`a[href="/quizzes/course-${course.slug}"]`);
    await Promise.all([page.waitForURL(/\/quizzes\/attempts\/\d+$/, { waitUntil: "commit" }), page.click('button:has-text("开始作答")')]);
    const fieldsets = page.locator("form#attempt-form fieldset");
    await fieldsets.first().waitFor();
    const count = await fieldsets.count();
    expect(count).toBe(10);
    for (let i = 0; i < count; i++) {
      const fieldset = fieldsets.nth(i);
      const stem = (await fieldset.locator("p.whitespace-pre-line").textContent())!.trim();
      const q = content.questions.find((x) => x.stem.trim() === stem);
      expect(q).toBeDefined();
      if (q!.type === "true_false") {
        await fieldset.locator("label", { hasText: q!.answer[0] === "true" ? "正确" : "错误" }).click();
      } else {
        for (const id of q!.answer)
          await fieldset
            .locator("label")
            .filter({ hasText: new RegExp(`^[A-H]\\. ${escape(q!.options.find((o) => o.id === id)!.text)}$`) })
            .click();
      }
      // Autosave confirms each question.
      await fieldset.getByText("已自动保存").waitFor();
    }
    await screenshot(page, "quiz-375-zh-CN");
    await Promise.all([page.waitForURL(/\/result$/, { waitUntil: "commit" }), page.click('button:has-text("交卷")')]);
    await page.getByText("100%").first().waitFor();
    expect(await page.getByText("已通过").count()).toBeGreaterThan(0);
    // The review shows the explanations once submitted, except for questions an open graded exam
    // (the annual test) can draw: those say so instead, until it closes.
    const shown = await page.getByText("解析：").count();
    const withheld = await page.getByText("考试截止前暂不公布答案和解析").count();
    expect(shown + withheld).toBe(10);
    expect(shown).toBeGreaterThan(0);

    await page.goto(`${baseUrl()}/courses/${course.slug}`);
    await page.getByText("已完成").first().waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("autosave", () => {
  it("a second choice made while the first is still saving wins, without a page error", async () => {
    const { page, context, problems } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await signIn(page, "demo_mediator", "/quizzes/practice-mixed");
    await Promise.all([page.waitForURL(/\/quizzes\/attempts\/\d+$/, { waitUntil: "commit" }), page.click('button:has-text("开始作答")')]);
    const question = page.locator("form#attempt-form fieldset:has(input[type=radio])").first();
    await question.waitFor();
    // Hold the first autosave, so the second choice is made while it is still on its way.
    let held = false;
    await page.route("**/quizzes/attempts/**", async (route) => {
      if (!held && route.request().method() === "POST" && route.request().url().includes(".data")) {
        held = true;
        await new Promise((resolve) => setTimeout(resolve, 800));
      }
      await route.continue().catch(() => undefined);
    });
    await question.locator("label").nth(0).click();
    await question.locator("label").nth(1).click();
    await question.getByText("已自动保存").waitFor();
    expect(held).toBe(true);
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await page.reload();
    await question.waitFor();
    expect(await question.locator("input").nth(1).isChecked()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
