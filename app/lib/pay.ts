import { z } from "zod";
import { message } from "./messages";
import { msg, optionalText } from "./validation";

/**
 * Allowance bands (薪酬考核): what a province pays a mediator per month at each level, as a range in
 * yuan with a note ("另按案件难易以案定补"). Shown beside the level; the portal runs no payroll.
 */
export type PayBand = { level: string; from: number | null; to: number | null; note: string | null };
export type PayTable = { bands: PayBand[]; note: string | null };

const yuan = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.coerce
    .number({ invalid_type_error: msg("number") })
    .int(msg("number"))
    .min(0, message("validation.min", { min: 0 }))
    .max(100_000, message("validation.max", { max: 100_000 }))
    .optional(),
);

export const payTableSchema = z.object({
  bands: z
    .array(
      z
        .object({ level: z.string().trim().min(1).max(16), from: yuan, to: yuan, note: optionalText(60) })
        .refine((b) => b.from === undefined || b.to === undefined || b.from <= b.to, { path: ["to"], message: "pay.error.order" }),
    )
    .max(20),
  note: optionalText(300),
});
export type PayTableInput = z.infer<typeof payTableSchema>;

/** The band for a level, or null when the table says nothing about it. */
export function bandOf(table: PayTable | null, level: string | null): PayBand | null {
  if (!table || !level) return null;
  const band = table.bands.find((b) => b.level === level);
  return band && (band.from !== null || band.to !== null || band.note) ? band : null;
}
