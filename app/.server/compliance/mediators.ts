import { QueryTypes } from "sequelize";
import { audit } from "../audit";
import { dayOf, zonedToInstant } from "~/lib/dates";
import { getSequelize, inTransaction } from "../db/connection";
import { pathRange } from "../org";
import { policyLookup } from "../training/rollup";
import type { ListQuery, MediatorLine, StateFilter } from "~/lib/compliance";
import { preServiceDue, preServiceState } from "../training/year-rules";
import type { Node } from "./dashboard";
import { notifyOnceSince } from "../notifications";

/**
 * The active mediators of a subtree with their year (from mediator_years), filtered by state and
 * employment: the committee's list on the dashboard, the behind list, its printable notice list,
 * the reminders and the report's sheet of mediators all read it.
 */

const STATE_SQL: Record<StateFilter, string> = {
  notCompliant: " AND (y.compliant IS NULL OR y.compliant = 0)",
  behind: " AND y.records > 0 AND y.compliant = 0",
  none: " AND (y.records IS NULL OR y.records = 0)",
  compliant: " AND y.compliant = 1",
  all: "",
};

/** FROM … WHERE of the list; `join` adds tables (their conditions go in ON, not in the WHERE). */
function whereOf(node: Node, year: number, query: Pick<ListQuery, "state" | "employment">, join = "") {
  const sql = `FROM mediators m LEFT JOIN mediator_years y ON y.mediator_id = m.id AND y.year = ?${join}
    WHERE m.org_path >= ? AND m.org_path < ? AND m.status = 'active' AND (m.appointed_on IS NULL OR m.appointed_on <= ?)${
      STATE_SQL[query.state]
    }${query.employment ? " AND m.employment = ?" : ""}`;
  const { from, to } = pathRange(node.path);
  const replacements = [year, from, to, `${year}-12-31`, ...(query.employment ? [query.employment] : [])];
  return { sql, replacements };
}

type Row = Record<string, string | number | null>;

/** One page (or, with `limit` and `offset`, any slice) of the list, with targets and state per mediator. */
export async function mediatorRows(
  node: Node,
  year: number,
  query: Pick<ListQuery, "state" | "employment">,
  limit: number,
  offset: number,
  today: string,
): Promise<MediatorLine[]> {
  const { sql, replacements } = whereOf(node, year, query, " JOIN org_units o ON o.id = m.org_unit_id");
  const rows = (await getSequelize().query(
    `SELECT m.id, m.name, m.employment, m.phone, m.user_id, m.org_path, m.appointed_on, o.name AS committee,
            y.records, y.practical, y.hours, y.compliant, y.preservice_hours, y.preservice_done
       ${sql} ORDER BY m.org_path, m.id LIMIT ? OFFSET ?`,
    { replacements: [...replacements, limit, offset], type: QueryTypes.SELECT },
  )) as Row[];
  const policyOf = await policyLookup([year]);
  return rows.map((r) => {
    const policy = policyOf(String(r.org_path), year);
    const records = Number(r.records ?? 0);
    const appointedOn = dayOf(r.appointed_on);
    const newcomer = Boolean(appointedOn && appointedOn.startsWith(String(year)));
    const due = newcomer ? preServiceDue(policy, appointedOn!) : null;
    const preDone = Boolean(Number(r.preservice_done ?? 0));
    return {
      id: Number(r.id),
      name: String(r.name),
      employment: String(r.employment),
      phone: r.phone ? String(r.phone) : null,
      userId: r.user_id ? Number(r.user_id) : null,
      committee: String(r.committee),
      records,
      practical: Number(r.practical ?? 0),
      hours: Number(r.hours ?? 0),
      minPractical: policy.minPractical,
      minHours: policy.minHours,
      state: records === 0 ? ("none" as const) : Number(r.compliant) ? ("compliant" as const) : ("behind" as const),
      preService: newcomer
        ? {
            due: due!,
            hours: Number(r.preservice_hours ?? 0),
            required: policy.preserviceHours,
            state: preServiceState(preDone, due!, today),
          }
        : null,
    };
  });
}

export async function countMediators(node: Node, year: number, query: Pick<ListQuery, "state" | "employment">) {
  const { sql, replacements } = whereOf(node, year, query);
  const [row] = (await getSequelize().query(`SELECT COUNT(*) AS n ${sql}`, { replacements, type: QueryTypes.SELECT })) as {
    n: number | string;
  }[];
  return Number(row.n);
}

export const REMINDER_LIMIT = 20_000;

/**
 * "Send reminders": one in-app message to each listed mediator who has an account and was not
 * already reminded today, in one transaction with an audit row; refused above REMINDER_LIMIT.
 */
export async function sendReminders(
  actor: { id: number; ip?: string },
  node: Node,
  year: number,
  query: Pick<ListQuery, "state" | "employment">,
  today: string,
) {
  const total = await countMediators(node, year, query);
  if (total > REMINDER_LIMIT) return { ok: false as const, error: "tooMany" as const, total };
  const rows = await mediatorRows(node, year, query, REMINDER_LIMIT, 0, today);
  const reachable = rows.filter((r) => r.userId && r.state !== "compliant");
  return inTransaction(async (transaction) => {
    const sent = await notifyOnceSince(
      reachable.map((r) => ({
        userId: r.userId!,
        params: { year, practical: r.practical, minPractical: r.minPractical, hours: r.hours, minHours: r.minHours },
      })),
      "trainingReminder",
      { type: "training_year", id: year },
      zonedToInstant(today),
      transaction,
    );
    await audit(
      {
        actorUserId: actor.id,
        action: "compliance.reminded",
        targetType: "org_unit",
        targetId: node.id,
        orgUnitId: node.id,
        before: null,
        after: { year, state: query.state, employment: query.employment ?? null, sent },
        ip: actor.ip ?? null,
      },
      transaction,
    );
    return { ok: true as const, sent, skipped: rows.length - sent };
  });
}
