/**
 * The law table (content/law/articles.json) against the verbatim statutes in ../shared/law.
 *   npm run check:law             every article in the table must equal the statute's article
 *   npm run check:law -- --write  rebuild the table from the citations in content/ (every
 *                                 <LawRef law article /> in a lesson, every `law:` of a question)
 * Text is compared and stored after one punctuation normalisation (`displayText`): ASCII colons,
 * semicolons, commas and parentheses between Chinese characters become their full-width forms, and
 * full-width digits become ASCII. Any change of words is still a difference.
 * Point LAW_DIR at the statutes (default ../shared/law beside the checkout, as CI has it).
 */
import fs from "node:fs";
import path from "node:path";
import { LAW_FILES, articlesOf, collectCitations, displayText } from "./lib/content/statutes";

const root = path.resolve(import.meta.dirname, "..");
const lawDir = path.resolve(process.env.LAW_DIR ?? path.join(root, "../shared/law"));
const tableFile = path.join(root, "content/law/articles.json");
type Table = Record<string, { title: string; articles: Record<string, string> }>;

if (!fs.existsSync(lawDir)) {
  console.log(`Statutes not found at ${lawDir}; set LAW_DIR to check the law table.`);
  process.exit(0);
}
const sources = new Map<string, Map<string, string>>();
const source = (law: string) => {
  if (!sources.has(law)) sources.set(law, articlesOf(path.join(lawDir, LAW_FILES[law].file)));
  return sources.get(law)!;
};
const norm = (s: string) =>
  displayText(s)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n");
const problems: string[] = [];

if (process.argv.includes("--write")) {
  const cited = collectCitations(path.join(root, "content"));
  const table: Table = {};
  for (const [law, articles] of [...cited].sort(([a], [b]) => a.localeCompare(b, "zh"))) {
    if (!LAW_FILES[law]) {
      problems.push(`${law}: no statute file known for this law (cited in ${[...articles.values()][0]})`);
      continue;
    }
    const entry = (table[law] = { title: LAW_FILES[law].title, articles: {} as Record<string, string> });
    for (const [number, where] of [...articles].sort(([a], [b]) => Number(a) - Number(b))) {
      const text = source(law).get(number);
      if (text) entry.articles[number] = norm(text);
      else problems.push(`${law} 第${number}条: not in ${LAW_FILES[law].file} (cited in ${where})`);
    }
  }
  if (!problems.length) fs.writeFileSync(tableFile, `${JSON.stringify(table, null, 1)}\n`);
  for (const p of problems) console.error(`✖ ${p}`);
  const count = Object.values(table).reduce((n, t) => n + Object.keys(t.articles).length, 0);
  console.log(
    problems.length
      ? `Law table not written: ${problems.length} problems.`
      : `Law table written: ${count} articles of ${Object.keys(table).length} statutes.`,
  );
  process.exit(problems.length ? 1 : 0);
}

const table = JSON.parse(fs.readFileSync(tableFile, "utf8")) as Table;
let checked = 0;
for (const [law, { title, articles }] of Object.entries(table)) {
  const known = LAW_FILES[law];
  if (!known) {
    problems.push(`${law}: no statute file known for this law`);
    continue;
  }
  if (title !== known.title) problems.push(`${law}: title "${title}" is not "${known.title}"`);
  for (const [number, text] of Object.entries(articles)) {
    checked++;
    const expected = source(law).get(number);
    if (!expected) problems.push(`${law} 第${number}条: not in ${known.file}`);
    else if (norm(expected) !== text)
      problems.push(`${law} 第${number}条: text differs from ${known.file} (run npm run check:law -- --write)`);
  }
}
for (const p of problems) console.error(`✖ ${p}`);
console.log(`Law table: ${checked} articles checked against ${lawDir}, ${problems.length} problems.`);
process.exit(problems.length ? 1 : 0);
