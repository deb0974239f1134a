import fs from "node:fs";
import path from "node:path";
import zh from "~/locales/zh-CN/common.json";
import en from "~/locales/en/common.json";
import { recentYears } from "~/lib/dates";

/**
 * Chinese UI text uses Chinese punctuation: an ASCII , : ; ( or ) next to a Chinese character
 * (or Chinese punctuation) is a slip — "PDF(jpg、png、pdf),每个" should read "PDF（jpg、png、pdf），每个".
 * A deliberate exception goes in ALLOWED with its key.
 */
const ALLOWED: Record<string, string> = {};

const CJK = "[\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef\\u2018-\\u201d\\u2026\\u00b7]";
const SLIP = new RegExp(`${CJK}\\s*[,:;()]|[,:;()]\\s*${CJK}`);

function strings(value: unknown, path: string[] = []): [string, string][] {
  if (typeof value === "string") return [[path.join("."), value]];
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

describe("zh-CN wording", () => {
  it("has no ASCII , : ; ( ) beside Chinese text", () => {
    const slips = strings(zh).filter(([key, text]) => SLIP.test(text) && ALLOWED[key] !== text);
    expect(slips).toEqual([]);
  });

  it("pages put no ASCII colon after a translated label (用户名: demo_mediator): they use form.colon", () => {
    const root = path.resolve(__dirname, "../../app");
    const files = ["routes", "components"].flatMap((dir) =>
      fs
        .readdirSync(path.join(root, dir))
        .filter((f) => f.endsWith(".tsx"))
        .map((f) => path.join(root, dir, f)),
    );
    const slips = files.flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => [`${path.basename(file)}:${i + 1}`, line] as const)
        .filter(([, line]) => /\{t\([^{}]*\)\}:(?:\s|\{|<|$)/.test(line)),
    );
    expect(slips).toEqual([]);
    expect(zh.form.colon).toBe("：");
  });

  it("the check catches the slips it is meant to", () => {
    for (const text of ["照片或 PDF(jpg、png、pdf),每个不超过 10 MB,最多 5 个", "用户名: demo_mediator", "（见附件;另附）", "调委会(村)"])
      expect(SLIP.test(text)).toBe(true);
    for (const text of ["14:05", "Excel 文件（.xlsx），请", "已答 {{answered}} / {{total}}", "PDF, JPG or PNG"])
      expect(SLIP.test(text)).toBe(false);
  });

  it("says Markdown nowhere, and calls exercises 实训作业 only", () => {
    const all = strings(zh);
    expect(all.filter(([, text]) => /Markdown/i.test(text))).toEqual([]);
    expect(all.filter(([, text]) => text.includes("实训练习"))).toEqual([]);
    expect(zh.grading.emptySubmissions).not.toContain("答案");
  });

  it("English counts agree with their number", async () => {
    const i18next = (await import("i18next")).createInstance();
    await i18next.init({ lng: "en", resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
    expect(i18next.t("exercise.meta", { hours: 2, pass: 60, count: 1 })).toContain("1 resubmission");
    expect(i18next.t("exercise.meta", { hours: 2, pass: 60, count: 1 })).not.toContain("resubmissions");
    expect(i18next.t("exercise.meta", { hours: 2, pass: 60, count: 2 })).toContain("2 resubmissions");
    expect(i18next.t("training.verifiedCount", { count: 1 })).toBe("1 log verified.");
    expect(i18next.t("compliance.list.count", { count: 1 })).toBe("1 mediator");
  });

  it("a year selector never offers next year", () => {
    expect(recentYears(6, new Date("2026-12-31T17:00:00Z"))).toEqual([2027, 2026, 2025, 2024, 2023, 2022]);
    expect(recentYears(3, new Date("2026-06-01T00:00:00Z"))).toEqual([2026, 2025, 2024]);
  });
});
