import fs from "node:fs";
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { launchBrowser, openPage, screenshot, signIn } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("the compliance dashboard", () => {
  it("demo_county opens the dashboard on a phone, drills down to a township and a committee, and downloads the report", async () => {
    const { page, context, problems } = await openPage(browser, {
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      acceptDownloads: true,
    });
    await signIn(page, "demo_county", "/compliance");
    await page.getByRole("heading", { name: "青山县 · 培训达标统计" }).waitFor();
    await page.getByText("培训覆盖率").first().waitFor();
    // The demo's training history gives every county figures to show.
    expect(await page.locator("dd").first().innerText()).toMatch(/^\d+人$/);
    // The charts are drawn once the page has hydrated, in boxes the server sent at their size; the
    // page stays within the phone's width (the charts scroll inside their own boxes).
    await page.locator("[data-chart=drawn] svg").first().waitFor();
    expect(await page.locator("[data-chart=placeholder]").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, "compliance-county-375");

    await Promise.all([page.waitForURL(/org=\d+/, { waitUntil: "commit" }), page.getByRole("link", { name: "查看城关镇" }).click()]);
    await page.getByRole("heading", { name: "城关镇 · 培训达标统计" }).waitFor();
    const committees = page.getByRole("table", { name: "下级单位培训情况，可按列排序" }).getByRole("row");
    expect(await committees.count()).toBeGreaterThan(2);
    // Sort by coverage (a plain link: works without JavaScript) and open the first committee's mediators.
    await Promise.all([
      page.waitForURL(/sort=coverage/, { waitUntil: "commit" }),
      page.getByRole("link", { name: "按培训覆盖率排序" }).click(),
    ]);
    await page.getByRole("link", { name: "查看东门社区人民调解委员会" }).click();
    await page.getByRole("table", { name: "本调委会调解员的年度培训情况" }).waitFor();
    await screenshot(page, "compliance-committee-375");

    await page.getByRole("link", { name: "城关镇" }).click();
    await page.getByRole("heading", { name: "城关镇 · 培训达标统计" }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "下载年度统计表（Excel）" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^城关镇\d{4}年度调解员培训统计表\.xlsx$/);
    const file = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(file!) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(["汇总", "下级单位", "调解员"]);
    expect(book.getWorksheet("调解员")!.rowCount).toBeGreaterThan(10);

    await page.getByRole("link", { name: "未达标名单" }).click();
    await page.getByRole("heading", { name: /调解员培训情况名单/ }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
