import { Op } from "sequelize";
import { inTransaction } from "~/.server/db/connection";
import { Mediator, OrgUnit } from "~/.server/db/models";
import { OrgTreeError, createOrgUnit, getAncestry, getOrgScope, inScope } from "~/.server/org";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { addMediator } from "~/.server/roster/entries";

let db: TestDatabase;
/** id → parent id, to compute the expected subtrees independently of the stored paths. */
const parentOf = new Map<number, number | null>();
let city: OrgUnit;
const counties: OrgUnit[] = [];

beforeAll(async () => {
  db = await createMigratedDatabase();
  // 1 city, 12 counties, 6 townships each, 4 committees each: 1 + 12 + 72 + 288 = 373 nodes.
  await inTransaction(async (t) => {
    city = await createOrgUnit({ parentId: null, kind: "city", name: "测试市" }, t);
    parentOf.set(city.id, null);
    for (let c = 1; c <= 12; c++) {
      const county = await createOrgUnit({ parentId: city.id, kind: "county", name: `第${c}县` }, t);
      counties.push(county);
      parentOf.set(county.id, city.id);
      for (let s = 1; s <= 6; s++) {
        const township = await createOrgUnit({ parentId: county.id, kind: "township", name: `第${c}县第${s}镇` }, t);
        parentOf.set(township.id, county.id);
        for (let m = 1; m <= 4; m++) {
          const committee = await createOrgUnit(
            { parentId: township.id, kind: "committee", committeeKind: "village_resident", name: `第${c}-${s}-${m}村调委会` },
            t,
          );
          parentOf.set(committee.id, township.id);
          await addMediator(
            {
              orgUnitId: committee.id,
              name: `调解员${committee.id}`,
              gender: "female",
              birthYear: 1980,
              employment: "part_time",
              appointedOn: null,
            },
            t,
          );
        }
      }
    }
  });
});
afterAll(() => db.drop());

function expectedSubtree(rootId: number): number[] {
  const isUnder = (id: number): boolean => {
    for (let at: number | null | undefined = id; at != null; at = parentOf.get(at)) if (at === rootId) return true;
    return false;
  };
  return [...parentOf.keys()].filter(isUnder).sort((a, b) => a - b);
}

describe("the subtree scope", () => {
  it("builds a tree of a few hundred nodes", async () => {
    expect(await OrgUnit.count()).toBe(373);
  });

  it.each([0, 1, 9, 10, 11])("selects exactly the nodes under county #%i, nothing from its siblings", async (index) => {
    const county = counties[index];
    const scope = (await getOrgScope(county.id))!;
    const ids = (await OrgUnit.findAll({ where: scope.where, attributes: ["id"], order: [["id", "ASC"]] })).map((u) => u.id);
    expect(ids).toEqual(expectedSubtree(county.id));
    expect(ids).toHaveLength(1 + 6 + 24);
  });

  it("works at every level: city, township, committee", async () => {
    const township = await OrgUnit.findOne({ where: { kind: "township" }, order: [["id", "DESC"]] });
    const committee = await OrgUnit.findOne({ where: { kind: "committee" }, order: [["id", "ASC"]] });
    for (const root of [city, township!, committee!]) {
      const scope = (await getOrgScope(root.id))!;
      const ids = (await OrgUnit.findAll({ where: scope.where, attributes: ["id"], order: [["id", "ASC"]] })).map((u) => u.id);
      expect(ids).toEqual(expectedSubtree(root.id));
    }
  });

  it("scopes rows of other tables through inScope()", async () => {
    const scope = (await getOrgScope(counties[10].id))!;
    const mediators = await Mediator.findAll({ where: { orgUnitId: { [Op.in]: inScope(scope) } }, include: ["committee"] });
    expect(mediators).toHaveLength(24);
    for (const m of mediators) {
      expect(scope.contains((m.get("committee") as OrgUnit).path)).toBe(true);
    }
  });

  it("returns null for an unknown node", async () => {
    expect(await getOrgScope(999_999)).toBeNull();
  });

  it("lists ancestors root first", async () => {
    const committee = await OrgUnit.findOne({ where: { kind: "committee" }, order: [["id", "DESC"]] });
    const chain = await getAncestry(committee!);
    expect(chain.map((u) => u.kind)).toEqual(["city", "county", "township", "committee"]);
  });

  it("refuses a tree of the wrong shape", async () => {
    await expect(createOrgUnit({ parentId: city.id, kind: "township", name: "跳级镇" })).rejects.toThrow(OrgTreeError);
    await expect(createOrgUnit({ parentId: counties[0].id, kind: "committee", name: "无类型调委会" })).rejects.toThrow(OrgTreeError);
    await expect(createOrgUnit({ parentId: 999_999, kind: "county", name: "孤县" })).rejects.toThrow(OrgTreeError);
    expect(await OrgUnit.count()).toBe(373);
  });
});
