import { pinyin } from "pinyin-pro";

/**
 * A name's sort key: its pinyin, syllable by syllable with the tone as a digit (刘 → "liu2", 吕 →
 * "lv3", 长孙无忌 → "zhang3 sun1 wu2 ji4", a surname read as a surname: 单 → "shan4"), lower case.
 * Plain ASCII, so a byte-wise ORDER BY gives 何 (he2) < 侯 (hou2) < 刘 (liu2) < 任 (ren4) on SQLite
 * and MariaDB alike, whatever the column's collation; a shorter syllable sorts before a longer one
 * ("li3" < "lia…") because digits come before letters. Letters outside Chinese stay as they are.
 */
export function nameKey(name: string): string {
  const syllables = pinyin(name.trim(), { toneType: "num", type: "array", v: true, nonZh: "consecutive", surname: "head" });
  return syllables
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .join(" ")
    .slice(0, NAME_KEY_LENGTH);
}

/** The column's width: 50 characters of name at most 7 characters of key each, with spaces. */
export const NAME_KEY_LENGTH = 400;
