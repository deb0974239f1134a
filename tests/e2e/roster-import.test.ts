import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { buildTemplate } from "~/.server/roster/template";
import { baseUrl, launchBrowser, openPage, screenshot, signIn } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const PEOPLE = [
  ["欧阳晓峰", "男", 1981, "13605550101", "", "大专", "石桥村人民调解委员会", "兼职", "2024-03-01", "邻里、婚姻家庭", "否"],
  ["慕容秋菊", "女", 1975, "13605550102", "", "高中", "石桥村人民调解委员会", "兼职", "2023-07-15", "房屋宅基地", "否"],
  ["司马振华", "男", 1969, "13605550103", "", "本科", "青山县医疗纠纷人民调解委员会", "专职", "2022-11-20", "医疗、损害赔偿", "是"],
];

/** The real template, filled in the way a clerk would, saved to a temp file. */
async function filledTemplate(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildTemplate()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((s) => s.name !== "填写说明")!;
  PEOPLE.forEach((person, i) => {
    sheet.getRow(i + 2).values = person;
  });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "academy-import-")), "花名册.xlsx");
  await workbook.xlsx.writeFile(file);
  return file;
}

describe("roster import in the browser", () => {
  it("a county admin imports the template with 3 rows and sees them in the roster", async () => {
    const { page, context, problems } = await openPage(browser, { viewport: { width: 375, height: 812 } });
    await signIn(page, "demo_county", "/roster/import");
    await page.setInputFiles("input[type=file]", await filledTemplate());
    await page.click('button[type=submit]:has-text("检查并导入")');
    await page.getByText("导入成功,共新增 3 名调解员。".replace(",", "，")).waitFor();
    await screenshot(page, "roster-import-375");

    await page.goto(`${baseUrl()}/roster?q=${encodeURIComponent("慕容")}`);
    await page
      .getByRole("link", { name: /慕容秋菊/ })
      .first()
      .waitFor();
    await page.goto(`${baseUrl()}/roster?employment=full_time&q=${encodeURIComponent("司马")}`);
    await expect(page.getByRole("link", { name: /司马振华/ }).count()).resolves.toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("a second upload of the same file is refused row by row, and nothing more is written", async () => {
    const { page, context } = await openPage(browser);
    await signIn(page, "demo_county", "/roster/import");
    await page.setInputFiles("input[type=file]", await filledTemplate());
    await page.click('button[type=submit]:has-text("检查并导入")');
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("没有导入任何数据");
    expect(await page.locator("[role=alert] tbody tr").count()).toBe(3);
    await context.close();
  });
});
