import type { Upload } from "../uploads";
import { filesFrom } from "./uploads";

/** The files of an application form, per evidence criterion (inputs named files_c<index>). */
export async function applicationFiles(form: FormData): Promise<{ byCriterion: Record<number, Upload[]>; all: Upload[] }> {
  const byCriterion: Record<number, Upload[]> = {};
  const fields = new Set([...form.keys()].filter((k) => /^files_c\d{1,2}$/.test(k)));
  for (const field of fields) {
    const files = await filesFrom(form, field);
    if (files.length) byCriterion[Number(field.slice(7))] = files;
  }
  return { byCriterion, all: Object.values(byCriterion).flat() };
}

/** A positive whole number from a query parameter, or undefined. */
export function idParam(url: URL, name: string): number | undefined {
  const n = Number(url.searchParams.get(name));
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
