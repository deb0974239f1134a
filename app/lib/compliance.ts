import { z } from "zod";

/** Compliance vocabulary shared by the server and the pages: list filters and sortable columns. */

export const STATE_FILTERS = ["notCompliant", "behind", "none", "compliant", "all"] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export const listQuerySchema = z.object({
  state: z.enum(STATE_FILTERS).catch("notCompliant"),
  employment: z.enum(["full_time", "part_time"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

/**
 * "Send reminders": the list's filters, sent back as hidden fields (nonsense falls back as in the
 * list), and the ticked 确认发送给 N 人 box: one click alone sends nothing, with or without JavaScript.
 */
export const reminderSchema = listQuerySchema
  .pick({ state: true, employment: true })
  .extend({ confirm: z.literal("on", { errorMap: () => ({ message: "compliance.list.confirmRequired" }) }) });

export const SORT_KEYS = ["name", "active", "coverage", "perCapita", "records", "hours", "compliantShare", "preserviceRate"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The child rows sorted by a column (nulls last either way), name as the tie-break. */
export function sortChildren<T extends { name: string } & Record<SortKey, unknown>>(rows: T[], key: SortKey, dir: "asc" | "desc") {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === "name") return sign * a.name.localeCompare(b.name, "zh-CN");
    const x = a[key] as number | null;
    const y = b[key] as number | null;
    if (x === y) return a.name.localeCompare(b.name, "zh-CN");
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y);
  });
}

/**
 * One active mediator of a subtree with the year's trainings against the rules in force (the
 * server's mediatorRows), and, for one appointed this year, the pre-service training due.
 */
export type MediatorLine = {
  id: number;
  name: string;
  employment: string;
  phone: string | null;
  userId: number | null;
  committee: string;
  records: number;
  practical: number;
  hours: number;
  minPractical: number;
  minHours: number;
  state: "none" | "compliant" | "behind";
  preService: { due: string; hours: number; required: number; state: "done" | "pending" | "overdue" } | null;
};
