import { bandOf, type PayTable as Table, type PayTableInput, type PayBand } from "~/lib/pay";
import { audit } from "../audit";
import { inTransaction } from "../db/connection";
import { PayTable } from "../db/models";
import { pathIds } from "../org";
import { schemeOfProvince } from "./scheme";

/** A province's allowance table (薪酬考核): read, the band for a level, saved (audited). */
export async function payTableOf(provinceId: number): Promise<Table | null> {
  const row = await PayTable.findByPk(provinceId);
  return row ? { bands: row.bands, note: row.note } : null;
}

/** The band of the province a mediator's org path sits in, for a level (null: none set). */
export async function payBandAt(orgPath: string, level: string | null) {
  return bandOf(await payTableOf(pathIds(orgPath)[0]), level);
}

/** Saves a province's table: only the levels of its scheme in force, in the scheme's order; audited. */
export async function savePayTable(actor: { id: number; ip?: string | null }, provinceId: number, input: PayTableInput) {
  const { scheme } = await schemeOfProvince(provinceId);
  const keys = scheme.levels.map((l) => l.key);
  if (input.bands.some((b) => !keys.includes(b.level))) return { ok: false as const, error: "level" as const };
  const bands: PayBand[] = keys.map((level) => {
    const b = input.bands.find((x) => x.level === level);
    return { level, from: b?.from ?? null, to: b?.to ?? null, note: b?.note || null };
  });
  await inTransaction(async (transaction) => {
    const before = await PayTable.findByPk(provinceId, { transaction, lock: transaction.LOCK.UPDATE });
    await PayTable.upsert({ orgUnitId: provinceId, bands, note: input.note || null, updatedBy: actor.id }, { transaction });
    await audit(
      {
        actorUserId: actor.id,
        action: "pay_table.set",
        targetType: "org_unit",
        targetId: provinceId,
        orgUnitId: provinceId,
        before: before ? { bands: before.bands, note: before.note } : null,
        after: { bands, note: input.note || null },
        ip: actor.ip ?? null,
      },
      transaction,
    );
  });
  return { ok: true as const };
}
