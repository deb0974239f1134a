import { todayInChina } from "~/lib/dates";
import { rosterFilterSchema } from "~/lib/mediator";
import type { OrgScope } from "../org";
import { exportRoster } from "../roster/queries";
import { badRequest } from "./form";
import { notFound } from "./guards";

/** The roster filter of a list or export URL; a search over 50 characters (or with control characters) is the translated 400 page. */
export function rosterFilterFrom(request: Request) {
  const parsed = rosterFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw badRequest("query");
  return parsed.data;
}

/** The filtered roster an export URL asks for, inside the admin's subtree (404 for a foreign org filter). */
export async function rosterForExport(scopes: OrgScope[], request: Request) {
  const filter = rosterFilterFrom(request);
  const rows = await exportRoster(scopes, filter);
  if (!rows) throw notFound();
  return rows;
}

/** The export's file name, dated by the users' day (Asia/Shanghai unless APP_TIME_ZONE), not the server's UTC day. */
export const exportName = (ext: string, at = new Date()) => `人民调解员花名册_${todayInChina(at)}.${ext}`;
