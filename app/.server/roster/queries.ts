import { Op, literal, type Order, type WhereOptions } from "sequelize";
import type { RosterFilter } from "~/lib/mediator";
import { getSequelize } from "../db/connection";
import { Mediator, MediatorSpecialty, OrgUnit, User } from "../db/models";
import type { OrgScope } from "../org";
import { orgPathInScopes } from "../org";
import { narrowScopes } from "./scope";

export const PAGE_SIZE = 50;

/** LIKE wildcards have no place in names or phone numbers; dropping them keeps both dialects alike. */
const stripWildcards = (value: string) => value.replace(/[\\%_]/g, "");

function filterWhere(scopes: OrgScope[], filter: Omit<RosterFilter, "page" | "sort" | "dir">): WhereOptions {
  const sequelize = getSequelize();
  const and: WhereOptions[] = [orgPathInScopes(scopes)];
  if (filter.status) and.push({ status: filter.status });
  if (filter.employment) and.push({ employment: filter.employment });
  if (filter.specialty) {
    and.push({
      id: {
        [Op.in]: literal(`(SELECT mediator_id FROM mediator_specialties WHERE category = ${sequelize.escape(filter.specialty)})`),
      },
    });
  }
  const q = filter.q ? stripWildcards(filter.q) : "";
  if (/^\d{3,}$/.test(q)) {
    // Digits are a phone-number prefix: an index range on both databases.
    const next = (BigInt(q) + 1n).toString().padStart(q.length, "0");
    and.push({ phone: next.length > q.length ? { [Op.gte]: q } : { [Op.gte]: q, [Op.lt]: next } });
  } else if (q) {
    and.push({ name: { [Op.like]: `%${q}%` } });
  }
  return { [Op.and]: and };
}

const ORDER: Record<RosterFilter["sort"], (dir: "ASC" | "DESC") => Order> = {
  // By pinyin (何, 侯, 刘, 任 …), then by the characters for names that read alike.
  name: (dir) => [
    ["nameKey", dir],
    ["name", dir],
    ["id", dir],
  ],
  appointedOn: (dir) => [
    ["appointedOn", dir],
    ["id", dir],
  ],
  committee: (dir) => [
    ["orgUnitId", dir],
    ["nameKey", "ASC"],
    ["name", "ASC"],
    ["id", "ASC"],
  ],
};

/**
 * One page of the roster inside the admin's scopes, filtered and sorted on the server. Returns
 * null when the filter names an org node outside the scopes.
 */
export async function listRoster(scopes: OrgScope[], filter: RosterFilter, pageSize = PAGE_SIZE) {
  const narrowed = await narrowScopes(scopes, filter.org);
  if (!narrowed) return null;
  const where = filterWhere(narrowed, filter);
  const [total, rows] = await Promise.all([
    Mediator.count({ where }),
    Mediator.findAll({
      where,
      order: ORDER[filter.sort](filter.dir === "desc" ? "DESC" : "ASC"),
      limit: pageSize,
      offset: (filter.page - 1) * pageSize,
      include: [{ model: OrgUnit, as: "committee", attributes: ["id", "name"] }],
    }),
  ]);
  return {
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    rows: rows.map((m) => ({
      id: m.id,
      name: m.name,
      gender: m.gender,
      phone: m.phone,
      employment: m.employment,
      status: m.status,
      appointedOn: m.appointedOn,
      committee: (m.get("committee") as OrgUnit).name,
    })),
  };
}

/** Every mediator matching the filter (for export), in roster order, with specialties. */
/** The rows of a roster export, read in batches so a province's 200,000 never sit in memory at once. */
export type RosterSource = { count: number; batches(): AsyncGenerator<Mediator[]> };

/**
 * The filtered roster for an export, in the list's order: the matching ids first (one indexed
 * query, a few bytes each), then `batchSize` entries at a time with their committee and
 * specialties. Null when the filter names an org node outside the scopes.
 */
export async function exportRoster(scopes: OrgScope[], filter: RosterFilter, batchSize = 1000): Promise<RosterSource | null> {
  const narrowed = await narrowScopes(scopes, filter.org);
  if (!narrowed) return null;
  const ids = (
    await Mediator.findAll({
      where: filterWhere(narrowed, filter),
      order: ORDER[filter.sort](filter.dir === "desc" ? "DESC" : "ASC"),
      attributes: ["id"],
      raw: true,
    })
  ).map((r) => r.id);
  return {
    count: ids.length,
    async *batches() {
      for (let i = 0; i < ids.length; i += batchSize) {
        const chunk = ids.slice(i, i + batchSize);
        const rows = await Mediator.findAll({
          where: { id: chunk },
          include: [
            { model: OrgUnit, as: "committee", attributes: ["id", "name"] },
            { model: MediatorSpecialty, as: "specialties", attributes: ["category"] },
          ],
        });
        const byId = new Map(rows.map((r) => [r.id, r]));
        yield chunk.map((id) => byId.get(id)).filter((m): m is Mediator => m !== undefined);
      }
    },
  };
}

/** One mediator, only when inside the scopes (otherwise null, so callers answer 404). */
/** A roster entry by the id in a URL, with its committee, specialties and account; null for an unknown id. */
export async function findMediator(id: string | number | undefined) {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) return null;
  return Mediator.findByPk(n, {
    include: [
      { model: OrgUnit, as: "committee" },
      { model: MediatorSpecialty, as: "specialties", attributes: ["category"] },
      { model: User, as: "user", attributes: ["id", "username", "status"] },
    ],
  });
}

export async function getMediatorInScopes(scopes: OrgScope[], id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const mediator = await Mediator.findOne({
    where: { [Op.and]: [{ id }, orgPathInScopes(scopes)] },
    include: [
      { model: OrgUnit, as: "committee" },
      { model: MediatorSpecialty, as: "specialties", attributes: ["category"] },
      { model: User, as: "user", attributes: ["id", "username", "status"] },
    ],
  });
  return mediator;
}

/** The profile linked to a user account (我的档案). */
export async function getMediatorOfUser(userId: number) {
  return Mediator.findOne({
    where: { userId },
    include: [
      { model: OrgUnit, as: "committee" },
      { model: MediatorSpecialty, as: "specialties", attributes: ["category"] },
    ],
  });
}
