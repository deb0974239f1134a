import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/** content/law/articles.json: for each statute we cite, its full title and the cited articles' verbatim text. */
const lawTableSchema = z.record(
  z.object({
    title: z.string().min(1),
    articles: z.record(z.string().regex(/^\d+$/), z.string().min(1)),
  }),
);
export type LawTable = z.infer<typeof lawTableSchema>;

export function loadLawTable(contentDir: string): LawTable {
  const file = path.join(contentDir, "law", "articles.json");
  if (!fs.existsSync(file)) return {};
  const parsed = lawTableSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}
