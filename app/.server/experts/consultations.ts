import { Op } from "sequelize";
import type { ConsultationInput, ReplyInput } from "~/lib/experts";
import { todayInChina } from "~/lib/dates";
import { audit } from "../audit";
import { now } from "../clock";
import { inTransaction } from "../db/connection";
import { CaseFile, Consultation, ConsultationMessage, Expert, ExpertPool, Mediator, OrgUnit, User } from "../db/models";
import { notify } from "../notifications";
import { orgPathInScopes, pathIds, type OrgScope } from "../org";
import type { CurrentUser } from "../auth/users";
import { rosterEntryOfAccount } from "../roster/account-entry";

/**
 * Consultations (专家咨询): a mediator asks a listed expert of a pool above their committee about a
 * dispute; the thread goes open (待答复) → answered (已答复) → closed (已结束), a follow-up reopens
 * it. Read and written by its asker and by the expert's account only; the bureau admins over the
 * pool see the list of threads (subject, who, status, dates) but never the description or the
 * messages — a dispute's details stay between the mediator and the expert (人民调解法 保密).
 * Every write is audited and tells the other side (notifications).
 */

/** The committee paths a user asks from: their mediator grants. */
const mediatorPaths = (user: CurrentUser) => user.grants.filter((g) => g.role === "mediator").map((g) => g.orgPath);

/** Every ancestor path of a path, itself included: "/1/4/17/" → "/1/", "/1/4/", "/1/4/17/". */
const ancestorPaths = (path: string) => pathIds(path).map((_, i, ids) => `/${ids.slice(0, i + 1).join("/")}/`);

/** The pools open to a user: those at a node above one of their committees. */
export async function poolsOpenTo(user: CurrentUser) {
  const paths = [...new Set(mediatorPaths(user).flatMap(ancestorPaths))];
  if (paths.length === 0) return [];
  return ExpertPool.findAll({ where: { orgPath: paths }, order: [["orgPath", "ASC"]] });
}

/** The listed experts a user may ask (pools above their committees, term running, not unavailable). */
export async function expertsOpenTo(user: CurrentUser) {
  const pools = await poolsOpenTo(user);
  if (pools.length === 0) return [];
  const experts = await Expert.findAll({
    where: {
      poolId: pools.map((p) => p.id),
      state: "listed",
      termUntil: { [Op.gte]: todayInChina(now()) },
      availability: { [Op.ne]: "unavailable" },
    },
    attributes: ["id", "name", "field", "title", "organisation", "poolId", "availability"],
    order: [
      ["poolId", "ASC"],
      ["field", "ASC"],
      ["id", "ASC"],
    ],
  });
  const name = new Map(pools.map((p) => [p.id, p.name]));
  return experts.map((e) => ({
    id: e.id,
    name: e.name,
    field: e.field,
    title: e.title,
    organisation: e.organisation,
    pool: name.get(e.poolId) ?? "",
    availability: e.availability,
  }));
}

/** The user's own case files (as primary mediator), the latest 50, to link to a question. */
export async function ownCaseFiles(userId: number) {
  const mediator = await rosterEntryOfAccount(userId);
  if (!mediator) return [];
  const files = await CaseFile.findAll({
    where: { primaryMediatorId: mediator.id, voided: false },
    attributes: ["id", "fileNo", "category", "receivedOn"],
    order: [
      ["receivedOn", "DESC"],
      ["id", "DESC"],
    ],
    limit: 50,
  });
  return files.map((f) => ({ id: f.id, fileNo: f.fileNo, category: f.category }));
}

export type AskError = "expert" | "notListed" | "outsidePool" | "unavailable" | "caseFile";

export async function askExpert(
  user: CurrentUser,
  input: ConsultationInput,
): Promise<{ ok: true; consultation: Consultation } | { ok: false; error: AskError }> {
  const day = todayInChina(now());
  return inTransaction(async (transaction) => {
    const expert = await Expert.findByPk(input.expertId, { transaction });
    if (!expert) return { ok: false as const, error: "expert" as const };
    if (expert.state !== "listed" || expert.termUntil < day) return { ok: false as const, error: "notListed" as const };
    const pool = (await ExpertPool.findByPk(expert.poolId, { transaction }))!;
    const from = mediatorPaths(user).find((p) => p.startsWith(pool.orgPath));
    if (!from) return { ok: false as const, error: "outsidePool" as const };
    if (expert.availability === "unavailable") return { ok: false as const, error: "unavailable" as const };
    if (expert.userId === user.id) return { ok: false as const, error: "expert" as const };
    if (input.caseFileId) {
      const mediator = await Mediator.findOne({ where: { userId: user.id }, attributes: ["id"], transaction });
      const file = mediator ? await CaseFile.findByPk(input.caseFileId, { attributes: ["id", "primaryMediatorId"], transaction }) : null;
      if (!file || file.primaryMediatorId !== mediator!.id) return { ok: false as const, error: "caseFile" as const };
    }
    const at = now();
    const consultation = await Consultation.create(
      {
        expertId: expert.id,
        poolId: pool.id,
        orgPath: pool.orgPath,
        askerUserId: user.id,
        askerOrgPath: from,
        caseFileId: input.caseFileId ?? null,
        subject: input.subject,
        description: input.description,
        lastMessageAt: at,
      },
      { transaction },
    );
    await audit(
      {
        actorUserId: user.id,
        action: "consultation.ask",
        targetType: "consultation",
        targetId: consultation.id,
        orgUnitId: pool.orgUnitId,
        after: { expertId: expert.id, subject: consultation.subject, caseFileId: consultation.caseFileId },
      },
      transaction,
    );
    if (expert.userId) {
      await notify(
        expert.userId,
        "expertQuestion",
        { subject: consultation.subject },
        { type: "consultation", id: consultation.id },
        transaction,
      );
    }
    return { ok: true as const, consultation };
  });
}

/** A thread with the facts the access table needs: the asker owns it, the expert's account is its audience. */
export async function consultationFor(user: CurrentUser, id: number) {
  const consultation = id > 0 ? await Consultation.findByPk(id, { include: ["expert"] }) : null;
  if (!consultation) return null;
  const expert = consultation.get("expert") as Expert;
  return { consultation, expert, ownerId: consultation.askerUserId, audience: expert.userId !== null && expert.userId === user.id };
}

/** What the thread page shows its two sides. */
export async function threadView(consultation: Consultation, expert: Expert) {
  const [messages, asker, pool, file] = await Promise.all([
    ConsultationMessage.findAll({ where: { consultationId: consultation.id }, order: [["id", "ASC"]] }),
    User.findByPk(consultation.askerUserId, { attributes: ["displayName"] }),
    ExpertPool.findByPk(consultation.poolId, { attributes: ["name"] }),
    consultation.caseFileId ? CaseFile.findByPk(consultation.caseFileId, { attributes: ["fileNo", "category"] }) : null,
  ]);
  const committee = await OrgUnit.findByPk(pathIds(consultation.askerOrgPath).at(-1) ?? 0, { attributes: ["name"] });
  return {
    id: consultation.id,
    subject: consultation.subject,
    description: consultation.description,
    status: consultation.status,
    createdAt: consultation.createdAt.toISOString(),
    asker: asker?.displayName ?? "",
    committee: committee?.name ?? "",
    expert: { name: expert.name, field: expert.field, title: expert.title, organisation: expert.organisation, pool: pool?.name ?? "" },
    caseFile: file ? { fileNo: file.fileNo, category: file.category } : null,
    messages: messages.map((m) => ({ id: m.id, fromExpert: m.fromExpert, body: m.body, at: m.createdAt.toISOString() })),
  };
}

export type ReplyError = "closed" | "notFound";

/** A message (the expert's answer, or the asker's follow-up), or closing the thread; tells the other side. */
export async function replyTo(user: CurrentUser, id: number, input: ReplyInput): Promise<{ ok: true } | { ok: false; error: ReplyError }> {
  return inTransaction(async (transaction) => {
    const consultation = await Consultation.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
    if (!consultation) return { ok: false as const, error: "notFound" as const };
    const expert = (await Expert.findByPk(consultation.expertId, { transaction }))!;
    const fromExpert = expert.userId === user.id;
    if (!fromExpert && consultation.askerUserId !== user.id) return { ok: false as const, error: "notFound" as const };
    if (consultation.status === "closed") return { ok: false as const, error: "closed" as const };
    const before = { status: consultation.status };
    const at = now();
    const pool = await ExpertPool.findByPk(consultation.poolId, { attributes: ["orgUnitId"], transaction });
    const subject = { type: "consultation" as const, id: consultation.id };
    if (input.intent === "reply") {
      await ConsultationMessage.create(
        { consultationId: consultation.id, authorUserId: user.id, fromExpert, body: input.body },
        { transaction },
      );
      await consultation.update({ status: fromExpert ? "answered" : "open", lastMessageAt: at }, { transaction });
      const other = fromExpert ? consultation.askerUserId : expert.userId;
      if (other) {
        await notify(other, fromExpert ? "expertAnswered" : "expertQuestion", { subject: consultation.subject }, subject, transaction);
      }
    } else {
      await consultation.update({ status: "closed", lastMessageAt: at }, { transaction });
    }
    await audit(
      {
        actorUserId: user.id,
        action: input.intent === "reply" ? (fromExpert ? "consultation.answer" : "consultation.followUp") : "consultation.close",
        targetType: "consultation",
        targetId: consultation.id,
        orgUnitId: pool?.orgUnitId ?? null,
        before,
        after: { status: consultation.status },
      },
      transaction,
    );
    return { ok: true as const };
  });
}

/** The user's threads: asked by them, or addressed to an expert linked to their account. Latest first. */
export async function myConsultations(userId: number) {
  const mine = await Expert.findAll({ where: { userId }, attributes: ["id"] });
  const threads = await Consultation.findAll({
    where: { [Op.or]: [{ askerUserId: userId }, ...(mine.length ? [{ expertId: mine.map((e) => e.id) }] : [])] },
    include: [{ association: "expert", attributes: ["id", "name", "field", "userId"] }],
    order: [
      ["lastMessageAt", "DESC"],
      ["id", "DESC"],
    ],
    limit: 200,
  });
  return threads.map((c) => {
    const expert = c.get("expert") as Expert;
    return {
      id: c.id,
      subject: c.subject,
      status: c.status,
      expert: expert.name,
      field: expert.field,
      asExpert: expert.userId === userId,
      lastMessageAt: c.lastMessageAt.toISOString(),
    };
  });
}

/** The bureau's list of threads under pools in scope: no description, no messages. */
export async function consultationsInScopes(scopes: OrgScope[]) {
  if (scopes.length === 0) return [];
  const threads = await Consultation.findAll({
    where: orgPathInScopes(scopes),
    include: [{ association: "expert", attributes: ["name", "field"] }],
    attributes: ["id", "subject", "status", "askerOrgPath", "poolId", "createdAt", "lastMessageAt"],
    order: [
      ["lastMessageAt", "DESC"],
      ["id", "DESC"],
    ],
    limit: 200,
  });
  const committeeIds = [...new Set(threads.map((t) => pathIds(t.askerOrgPath).at(-1) ?? 0))];
  const [units, pools] = await Promise.all([
    OrgUnit.findAll({ where: { id: committeeIds }, attributes: ["id", "name"] }),
    ExpertPool.findAll({ where: { id: [...new Set(threads.map((t) => t.poolId))] }, attributes: ["id", "name"] }),
  ]);
  const unit = new Map(units.map((u) => [u.id, u.name]));
  const pool = new Map(pools.map((p) => [p.id, p.name]));
  return threads.map((t) => {
    const expert = t.get("expert") as Expert;
    return {
      id: t.id,
      subject: t.subject,
      status: t.status,
      expert: expert.name,
      field: expert.field,
      pool: pool.get(t.poolId) ?? "",
      committee: unit.get(pathIds(t.askerOrgPath).at(-1) ?? 0) ?? "",
      createdAt: t.createdAt.toISOString(),
      lastMessageAt: t.lastMessageAt.toISOString(),
    };
  });
}

/** Whether this account is an expert's (it answers consultations): one indexed lookup, for the menu. */
export async function isExpertAccount(userId: number): Promise<boolean> {
  return (await Expert.findOne({ where: { userId }, attributes: ["id"], raw: true })) !== null;
}
