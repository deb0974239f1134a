/**
 * Checks content/law/articles.json against the verbatim statutes: every cited article's text must
 * equal the statute's article, paragraph for paragraph. The statutes are not part of this
 * repository; point LAW_DIR at them (default ../shared/law beside the checkout, as CI has it).
 *   npx tsx scripts/check-law.ts
 */
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const lawDir = path.resolve(process.env.LAW_DIR ?? path.join(root, "../shared/law"));
const FILES: Record<string, string> = {
  人民调解法: "renmin-tiaojie-fa.md",
  民法典: "minfadian.md",
  民事诉讼法: "minshi-susong-fa.md",
  劳动争议调解仲裁法: "laodong-zhengyi-tiaojie-zhongcai-fa.md",
  道路交通安全法: "daolu-jiaotong-anquan-fa.md",
  医疗纠纷预防和处理条例: "yiliao-jiufen-tiaoli.md",
  司法确认程序规定: "sifa-queren-chengxu-guiding-2011.md",
  民诉法解释: "minshi-susong-fa-jieshi-2022.md",
  特邀调解规定: "teyao-tiaojie-guiding-2016.md",
};

const DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一千零七十九 → 1079 */
export function chineseNumber(text: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in DIGITS) digit = DIGITS[ch];
    else if (ch in UNITS) {
      total += (digit || 1) * UNITS[ch];
      digit = 0;
    }
  }
  return total + digit;
}

/** Article number → its paragraphs joined with "\n", from the verbatim blocks of one statute file. */
function articlesOf(file: string): Map<string, string> {
  const text = fs.readFileSync(file, "utf8");
  const verbatim = [...text.matchAll(/<!-- BEGIN VERBATIM[^>]*-->([\s\S]*?)<!-- END VERBATIM/g)].map((m) => m[1]).join("\n");
  const articles = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const raw of verbatim.split("\n")) {
    const line = raw.replace(/[\u200b\ufeff]/g, "").trim();
    const start = /^第([零一二三四五六七八九十百千]+)条(\s|$)/.exec(line);
    if (start) {
      current = [line];
      articles.set(String(chineseNumber(start[1])), current);
    } else if (/^#|^<!--/.test(line)) {
      current = null;
    } else if (line && current) {
      current.push(line);
    }
  }
  return new Map([...articles].map(([n, lines]) => [n, lines.join("\n")]));
}

if (!fs.existsSync(lawDir)) {
  console.log(`Statutes not found at ${lawDir}; set LAW_DIR to check the law table.`);
  process.exit(0);
}
const table = JSON.parse(fs.readFileSync(path.join(root, "content/law/articles.json"), "utf8")) as Record<string, { articles: Record<string, string> }>;
let checked = 0;
const problems: string[] = [];
for (const [law, { articles }] of Object.entries(table)) {
  const file = FILES[law];
  if (!file) {
    // Laws we cite by name only (their text is not kept) carry no articles to check.
    if (Object.keys(articles).length > 0) problems.push(`${law}: no statute file known for this law`);
    continue;
  }
  const source = articlesOf(path.join(lawDir, file));
  for (const [number, text] of Object.entries(articles)) {
    checked++;
    const expected = source.get(number);
    const norm = (s: string) => s.split("\n").map((l) => l.trim()).filter(Boolean).join("\n");
    if (!expected) problems.push(`${law} 第${number}条: not in ${file}`);
    else if (norm(expected) !== norm(text)) problems.push(`${law} 第${number}条: text differs from ${file}`);
  }
}
for (const p of problems) console.error(`✖ ${p}`);
console.log(`Law table: ${checked} articles checked against ${lawDir}, ${problems.length} problems.`);
process.exit(problems.length ? 1 : 0);
