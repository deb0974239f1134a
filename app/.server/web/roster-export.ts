import { rosterFilterSchema } from "~/lib/mediator";
import type { OrgScope } from "../org";
import { exportRoster } from "../roster/queries";
import { notFound } from "./guards";

/** The filtered roster an export URL asks for, inside the admin's subtree (404 for a foreign org filter). */
export async function rosterForExport(scopes: OrgScope[], request: Request) {
  const filter = rosterFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = await exportRoster(scopes, filter);
  if (!rows) throw notFound();
  return rows;
}

export const exportName = (ext: string) => `人民调解员花名册_${new Date().toISOString().slice(0, 10)}.${ext}`;
