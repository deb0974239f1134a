import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

/** The statutes we cite, by the short name content uses: their file in ../shared/law and full title. */
export const LAW_FILES: Record<string, { file: string; title: string }> = {
  人民调解法: { file: "renmin-tiaojie-fa.md", title: "中华人民共和国人民调解法" },
  民法典: { file: "minfadian.md", title: "中华人民共和国民法典" },
  民事诉讼法: { file: "minshi-susong-fa.md", title: "中华人民共和国民事诉讼法" },
  民诉法解释: { file: "minshi-susong-fa-jieshi-2022.md", title: "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释" },
  司法确认程序规定: { file: "sifa-queren-chengxu-guiding-2011.md", title: "最高人民法院关于人民调解协议司法确认程序的若干规定" },
  特邀调解规定: { file: "teyao-tiaojie-guiding-2016.md", title: "最高人民法院关于人民法院特邀调解的规定" },
  劳动争议调解仲裁法: { file: "laodong-zhengyi-tiaojie-zhongcai-fa.md", title: "中华人民共和国劳动争议调解仲裁法" },
  劳动合同法: { file: "laodong-hetong-fa.md", title: "中华人民共和国劳动合同法" },
  劳动争议解释一: { file: "laodong-zhengyi-jieshi-yi-2020.md", title: "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）" },
  工伤保险条例: { file: "gongshang-baoxian-tiaoli.md", title: "工伤保险条例" },
  道路交通安全法: { file: "daolu-jiaotong-anquan-fa.md", title: "中华人民共和国道路交通安全法" },
  道路交通事故赔偿解释: { file: "daolu-jiaotong-shigu-peichang-jieshi-2020.md", title: "最高人民法院关于审理道路交通事故损害赔偿案件适用法律若干问题的解释" },
  人身损害赔偿解释: { file: "renshen-sunhai-peichang-jieshi-2022.md", title: "最高人民法院关于审理人身损害赔偿案件适用法律若干问题的解释" },
  医疗纠纷预防和处理条例: { file: "yiliao-jiufen-tiaoli.md", title: "医疗纠纷预防和处理条例" },
  婚姻家庭编解释一: { file: "hunyin-jiating-bian-jieshi-yi-2020.md", title: "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）" },
  婚姻家庭编解释二: { file: "hunyin-jiating-bian-jieshi-er-2025.md", title: "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（二）" },
  彩礼规定: { file: "caili-jiufen-guiding-2024.md", title: "最高人民法院关于审理涉彩礼纠纷案件适用法律若干问题的规定" },
  继承编解释一: { file: "jicheng-bian-jieshi-yi-2020.md", title: "最高人民法院关于适用《中华人民共和国民法典》继承编的解释（一）" },
  民间借贷规定: { file: "minjian-jiedai-guiding-2020.md", title: "最高人民法院关于审理民间借贷案件适用法律若干问题的规定" },
  反家庭暴力法: { file: "fan-jiating-baoli-fa.md", title: "中华人民共和国反家庭暴力法" },
  农村土地承包法: { file: "nongcun-tudi-chengbao-fa.md", title: "中华人民共和国农村土地承包法" },
  农村土地承包经营纠纷调解仲裁法: { file: "nongcun-tudi-chengbao-jingying-jiufen-tiaojie-zhongcai-fa.md", title: "中华人民共和国农村土地承包经营纠纷调解仲裁法" },
  土地管理法: { file: "tudi-guanli-fa.md", title: "中华人民共和国土地管理法" },
  森林法: { file: "senlin-fa.md", title: "中华人民共和国森林法" },
  消费者权益保护法: { file: "xiaofeizhe-quanyi-baohu-fa.md", title: "中华人民共和国消费者权益保护法" },
  环境保护法: { file: "huanjing-baohu-fa.md", title: "中华人民共和国环境保护法" },
  治安管理处罚法: { file: "zhian-guanli-chufa-fa-2012.md", title: "中华人民共和国治安管理处罚法（2012年修正）" },
  刑事诉讼法: { file: "xingshi-susong-fa.md", title: "中华人民共和国刑事诉讼法" },
  物业管理条例: { file: "wuye-guanli-tiaoli.md", title: "物业管理条例" },
  信访工作条例: { file: "xinfang-gongzuo-tiaoli.md", title: "信访工作条例" },
  人民调解委员会组织条例: { file: "renmin-tiaojie-weiyuanhui-zuzhi-tiaoli-1989.md", title: "人民调解委员会组织条例" },
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

/**
 * The one punctuation normalisation between a statute's source text and what a lesson shows:
 * full-width digits → ASCII; ASCII `: ; , ( )` → `：；，（）` (the source copies some articles with
 * ASCII punctuation). Words are never touched, so a changed word still differs.
 */
export function displayText(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/:/g, "：")
    .replace(/;/g, "；")
    .replace(/,(?!\d)/g, "，")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）");
}

/** Article number → its paragraphs joined with "\n", from the verbatim blocks of one statute file. */
export function articlesOf(file: string): Map<string, string> {
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

/** Every article content/ cites: law → article number → the first file citing it. */
export function collectCitations(contentDir: string): Map<string, Map<string, string>> {
  const cited = new Map<string, Map<string, string>>();
  const add = (law: string, article: string | number, where: string) => {
    if (!cited.has(law)) cited.set(law, new Map());
    const articles = cited.get(law)!;
    if (!articles.has(String(article))) articles.set(String(article), where);
  };
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of walk(contentDir)) {
    const rel = path.relative(contentDir, file);
    if (file.endsWith(".mdx")) {
      const text = fs.readFileSync(file, "utf8");
      for (const tag of text.matchAll(/<LawRef\b[^>]*>/g)) {
        const law = /law="([^"]+)"/.exec(tag[0])?.[1];
        const article = /article="(\d+)"/.exec(tag[0])?.[1];
        if (law && article) add(law, article, rel);
      }
    } else if (file.endsWith(".yaml") && rel.startsWith("questions")) {
      const items = (YAML.parse(fs.readFileSync(file, "utf8")) ?? []) as { law?: { law: string; article: number }[] }[];
      for (const q of items) for (const ref of q.law ?? []) add(ref.law, ref.article, rel);
    }
  }
  return cited;
}
