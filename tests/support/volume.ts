import { CaseFile, Mediator, OrgUnit, TrainingRecord } from "~/.server/db/models";
import { createOrgUnit } from "~/.server/org";

/** A generated city of 6 counties × 3 townships × 5 committees, so that a demo county holds a county's share of the rows, not most of them. */
async function volumeCommittees() {
  const root = (await OrgUnit.findOne({ where: { parentId: null } }))!;
  const city = await createOrgUnit({ parentId: root.id, kind: "city", name: "量测市" });
  const committees: OrgUnit[] = [];
  for (let c = 1; c <= 6; c++) {
    const county = await createOrgUnit({ parentId: city.id, kind: "county", name: `量测${c}县` });
    for (let t = 1; t <= 3; t++) {
      const township = await createOrgUnit({ parentId: county.id, kind: "township", name: `量测${c}县${t}镇` });
      for (let k = 1; k <= 5; k++)
        committees.push(
          await createOrgUnit({
            parentId: township.id,
            kind: "committee",
            committeeKind: "village_resident",
            name: `量测${c}-${t}-${k}村人民调解委员会`,
          }),
        );
    }
  }
  return committees;
}

/**
 * Bulk volume on top of the demo seed, so that query plans are those of a real province: the
 * optimiser of MariaDB picks a full scan over an index on a table of thirty rows, not on one of
 * ten thousand. Rows go mostly to a generated city (a demo county then holds about a tenth of
 * the province's rows, as a real county does); hooks are off (the rollups do not
 * matter for a plan), so the figures this adds are not consistent — plans only.
 */
export async function addVolume({ mediators = 12_000, records = 36_000, caseFiles = 12_000 } = {}) {
  // Nine in ten rows in the generated city, one in ten spread over the demo's committees.
  const demo = await OrgUnit.findAll({ where: { kind: "committee" }, attributes: ["id", "path"], order: [["id", "ASC"]] });
  const generated = await volumeCommittees();
  const committeeOf = (i: number) => (i % 10 === 0 ? demo[(i / 10) % demo.length] : generated[i % generated.length]);
  const now = new Date();
  const CHUNK = 1000;
  const surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
  for (let from = 0; from < mediators; from += CHUNK) {
    await Mediator.bulkCreate(
      Array.from({ length: Math.min(CHUNK, mediators - from) }, (_, k) => {
        const i = from + k;
        const c = committeeOf(i);
        const name = `${surnames[i % surnames.length]}${"建国秀英志强桂兰海燕"[i % 10]}${"明华军平"[i % 4]}`;
        return {
          orgUnitId: c.id,
          orgPath: c.path,
          name,
          nameKey: name,
          gender: i % 2 ? "male" : "female",
          birthYear: 1960 + (i % 40),
          employment: i % 5 ? "part_time" : "full_time",
          appointedOn: `20${String(10 + (i % 15)).padStart(2, "0")}-0${1 + (i % 9)}-15`,
          status: i % 17 ? "active" : "dismissed",
          isExpert: false,
          createdAt: now,
          updatedAt: now,
        };
      }),
      { hooks: false },
    );
  }
  const ids = (await Mediator.findAll({ attributes: ["id", "orgUnitId", "orgPath"], order: [["id", "ASC"]] })).map((m) => ({
    id: m.id,
    orgUnitId: m.orgUnitId,
    orgPath: m.orgPath,
  }));
  const year = now.getUTCFullYear();
  for (let from = 0; from < records; from += CHUNK) {
    await TrainingRecord.bulkCreate(
      Array.from({ length: Math.min(CHUNK, records - from) }, (_, k) => {
        const i = from + k;
        const m = ids[i % ids.length];
        return {
          source: "log",
          sourceId: `volume-${i}`,
          userId: null,
          mediatorId: m.id,
          orgPath: m.orgPath,
          occurredOn: `${year - (i % 3)}-${String(1 + (i % 11)).padStart(2, "0")}-${String(1 + (i % 27)).padStart(2, "0")}`,
          hours: 2,
          form: "drill",
          kind: "annual",
          title: "实训演练",
          createdAt: now,
        };
      }),
      { hooks: false },
    );
  }
  for (let from = 0; from < caseFiles; from += CHUNK) {
    await CaseFile.bulkCreate(
      Array.from({ length: Math.min(CHUNK, caseFiles - from) }, (_, k) => {
        const i = from + k;
        const m = ids[i % ids.length];
        const day = `${year - (i % 3)}-${String(1 + (i % 11)).padStart(2, "0")}-${String(1 + (i % 27)).padStart(2, "0")}`;
        return {
          orgUnitId: m.orgUnitId,
          orgPath: m.orgPath,
          fileNo: `量〔${year}〕${i}号`,
          primaryMediatorId: m.id,
          category: "neighbourhood",
          source: "application",
          receivedOn: day,
          closedOn: day,
          outcome: i % 9 ? "success" : "failure",
          agreementForm: i % 9 ? (i % 4 ? "written" : "oral") : null,
          confirmation: "none",
          followUp: i % 2 === 0,
          performed: i % 9 ? "yes" : null,
          parties: 2,
          amount: null,
          summary: "张某与李某因相邻通行发生纠纷，经调解达成协议。",
          voided: false,
          voidReason: null,
          createdBy: null,
          updatedBy: null,
          createdAt: now,
          updatedAt: now,
        };
      }),
      { hooks: false },
    );
  }
}
