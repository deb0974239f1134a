import { inTransaction } from "~/.server/db/connection";
import { AuditEvent, Mediator, User, type OrgUnit } from "~/.server/db/models";
import { setLevel } from "~/.server/levels/history";
import { payBandAt, payTableOf, savePayTable } from "~/.server/levels/pay";
import { levelStanding } from "~/.server/levels/standing";
import { createOrgUnit } from "~/.server/org";
import { bandOf, payTableSchema } from "~/lib/pay";
import { createMigratedDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;
let province: OrgUnit;
let mediator: Mediator;
let actor: { id: number };

beforeAll(async () => {
  db = await createMigratedDatabase();
  await inTransaction(async (t) => {
    province = await createOrgUnit({ parentId: null, kind: "province", name: "江源省" }, t);
    const city = await createOrgUnit({ parentId: province.id, kind: "city", name: "云溪市" }, t);
    const county = await createOrgUnit({ parentId: city.id, kind: "county", name: "青山县" }, t);
    const committee = await createOrgUnit(
      { parentId: county.id, kind: "committee", committeeKind: "village_resident", name: "东门社区人民调解委员会" },
      t,
    );
    mediator = await Mediator.create(
      {
        orgUnitId: committee.id,
        name: "张振胜",
        gender: "male",
        birthYear: 1970,
        employment: "part_time",
        appointedOn: "2015-03-01",
        phone: "13900001111",
      },
      { transaction: t },
    );
  });
  actor = { id: (await User.create({ username: "province_admin", displayName: "省厅", passwordHash: "x", passwordChangedAt: null })).id };
});
afterAll(() => db.drop());

describe("the allowance table", () => {
  it("refuses a range upside down, a negative amount and a level the scheme lacks", async () => {
    const upside = payTableSchema.safeParse({ bands: [{ level: "level4", from: "500", to: "300" }] });
    expect(upside.error?.issues[0]).toMatchObject({ path: ["bands", 0, "to"], message: "pay.error.order" });
    expect(payTableSchema.safeParse({ bands: [{ level: "level4", from: "-1" }] }).success).toBe(false);
    expect(await savePayTable(actor, province.id, { bands: [{ level: "special", from: 1, to: 2 }] })).toEqual({
      ok: false,
      error: "level",
    });
    expect(await payTableOf(province.id)).toBeNull();
  });

  it("saves the bands in the scheme's order, audited, and shows a held level's band on the standing", async () => {
    const input = payTableSchema.parse({
      bands: [
        { level: "level4", from: "200", to: "300" },
        { level: "level3", from: "400", to: "", note: "另按件补贴" },
      ],
      note: "以案定补另计",
    });
    expect(await savePayTable(actor, province.id, input)).toEqual({ ok: true });
    const table = (await payTableOf(province.id))!;
    expect(table.bands.map((b) => b.level)).toEqual(["level1", "level2", "level3", "level4"]);
    expect(bandOf(table, "level1")).toBeNull();
    expect(bandOf(table, "level3")).toMatchObject({ from: 400, to: null, note: "另按件补贴" });
    expect(await AuditEvent.count({ where: { action: "pay_table.set" } })).toBe(1);

    expect((await levelStanding(mediator)).band).toBeNull();
    await setLevel(null, mediator.id, { level: "level4", from: "2025-01-10", source: "entry" });
    const standing = await levelStanding(mediator);
    expect(standing.current).toMatchObject({ level: "level4", from: "2025-01-10" });
    expect(standing.band).toMatchObject({ from: 200, to: 300 });
    expect(await payBandAt(mediator.orgPath, null)).toBeNull();
  });
});
