import { Op, type Transaction } from "sequelize";
import { LevelScheme, Mediator, MediatorSanction, OrgUnit, User } from "../../app/.server/db/models";
import { setLevel } from "../../app/.server/levels/history";
import { GUANGDONG_SCHEME } from "../../app/lib/levels";
import { createRandom } from "./names";

/**
 * Grade levels of the demo province: 江源省 uses Guangdong's rule as its scheme; the results of an
 * earlier round (2023) stand as level history — a small pyramid, mostly 四级, a few 三级 — and one
 * mediator has a disciplinary record. demo_mediator holds no level yet (未定级), so they can apply
 * for 四级, whose computed criteria their register meets. Inside the seed's transaction.
 */
export async function seedDemoLevels(transaction: Transaction, thisYear: number) {
  const province = await OrgUnit.findOne({ where: { parentId: null, kind: "province" }, attributes: ["id"], transaction });
  if (!province) return;
  await LevelScheme.create({ orgUnitId: province.id, scheme: GUANGDONG_SCHEME, updatedBy: null }, { transaction });
  const demoUser = await User.findOne({ where: { username: "demo_mediator" }, attributes: ["id"], transaction });
  const people = await Mediator.findAll({
    where: {
      status: "active",
      appointedOn: { [Op.lte]: `${thisYear - 5}-12-31` },
      ...(demoUser ? { userId: { [Op.or]: [{ [Op.ne]: demoUser.id }, { [Op.is]: null }] } } : {}),
    },
    attributes: ["id"],
    order: [["id", "ASC"]],
    transaction,
  });
  const random = createRandom(21_2026);
  const from = `${thisYear - 3}-12-20`;
  for (const p of people) {
    const r = random.next();
    const level = r < 0.05 ? "level3" : r < 0.45 ? "level4" : null;
    if (level) await setLevel(null, p.id, { level, from, source: "import", note: `${thisYear - 3}年度等级评定结果` }, transaction);
  }
  const sanctioned = people.find((_, i) => i === 7);
  if (sanctioned) {
    await MediatorSanction.create(
      {
        mediatorId: sanctioned.id,
        on: `${thisYear - 1}-09-12`,
        reason: "调解邻里纠纷时收受一方当事人所送礼品，违反人民调解员工作纪律，予以通报批评。",
        documentNo: `青司通〔${thisYear - 1}〕17号`,
        note: null,
        createdBy: null,
      },
      { transaction },
    );
  }
}
