import { Op, type Transaction } from "sequelize";
import { bureauName, statusOn, type CertificateView, type RevocationCategory, type RevocationInput } from "~/lib/certificate";
import { dayOf, todayInChina } from "~/lib/dates";
import { isIsoDate } from "~/lib/validation";
import { withinScopes } from "../access";
import { audit } from "../audit";
import { inTransaction } from "../db/connection";
import { Certificate, Mediator, OrgUnit } from "../db/models";
import { notify } from "../notifications";
import type { OrgScope } from "../org";
import { newCode } from "./code";
import { publicPagesChangeOnCommit } from "../public-pages";

/**
 * Grade certificates (等级证书): issue (superseding the holder's previous valid one), revoke and
 * mark downgraded, each in one transaction with its audit rows. The evaluation rounds call
 * issueCertificate inside their own transaction; plain values in, results or a typed error out.
 */

export type Actor = { id: number; scopes: OrgScope[]; ip?: string | null };

export type IssueInput = {
  mediatorId: number;
  /** The level's code in its scheme ("level4", "star3"…) and its display name as printed ("四级调解员"). */
  level: string;
  levelName: string;
  /** The node that awards the level (a county or city bureau). */
  issuerOrgUnitId: number;
  issuedOn: string;
  validUntil: string;
  roundId?: number | null;
};

export type IssueOptions = {
  /** What happens to the holder's previous valid certificate: superseded (default) or downgraded (a lower level replaces it). */
  previous?: "superseded" | "downgraded";
};

export type CertificateErrorCode = "mediator" | "issuer" | "scope" | "level" | "dates";

/** A certificate that cannot be issued as asked: the caller's input is wrong, nothing was written. */
export class CertificateError extends Error {
  constructor(readonly code: CertificateErrorCode) {
    super(`certificate not issued: ${code}`);
    this.name = "CertificateError";
  }
}

export type ChangeResult = { ok: true; certificate: Certificate } | { ok: false; error: "notFound" | "scope" | "state" };

const snapshot = (c: Certificate) => ({
  code: c.code,
  mediatorId: c.mediatorId,
  level: c.level,
  levelName: c.levelName,
  issuerOrgUnitId: c.issuerOrgUnitId,
  issuedOn: dayOf(c.issuedOn),
  validUntil: dayOf(c.validUntil),
  roundId: c.roundId,
  status: c.status,
  supersededById: c.supersededById,
});

/**
 * Issues a certificate for an awarded level. The issuer must be a bureau node (not a committee)
 * above the mediator's committee and inside the actor's scopes. The holder's previous valid
 * certificates are marked superseded (or downgraded) and point at the new one. The mediator's row
 * is locked first, so two awards for one mediator are serialised.
 */
export async function issueCertificate(
  actor: Actor,
  input: IssueInput,
  within?: Transaction | null,
  options: IssueOptions = {},
): Promise<Certificate> {
  const level = input.level.trim();
  const levelName = input.levelName.trim();
  if (!level || level.length > 16 || !levelName || levelName.length > 40) throw new CertificateError("level");
  if (!isIsoDate(input.issuedOn) || !isIsoDate(input.validUntil) || input.validUntil <= input.issuedOn) throw new CertificateError("dates");
  return inTransaction(async (transaction) => {
    await publicPagesChangeOnCommit(transaction, "/verify");
    const mediator = await Mediator.findByPk(input.mediatorId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!mediator) throw new CertificateError("mediator");
    const issuer = await OrgUnit.findByPk(input.issuerOrgUnitId, { transaction });
    if (!issuer || issuer.kind === "committee" || !mediator.orgPath.startsWith(issuer.path)) throw new CertificateError("issuer");
    if (!withinScopes(actor.scopes, issuer.path)) throw new CertificateError("scope");

    const certificate = await Certificate.create(
      {
        code: await newCode(transaction),
        mediatorId: mediator.id,
        holderName: mediator.name,
        holderOrgPath: mediator.orgPath,
        level,
        levelName,
        issuerOrgUnitId: issuer.id,
        issuerName: bureauName(issuer.kind, issuer.name),
        issuedOn: input.issuedOn,
        validUntil: input.validUntil,
        roundId: input.roundId ?? null,
        issuedBy: actor.id,
      },
      { transaction },
    );
    await audit(
      {
        actorUserId: actor.id,
        action: "certificate.issue",
        targetType: "certificate",
        targetId: certificate.id,
        orgUnitId: issuer.id,
        after: snapshot(certificate),
        ip: actor.ip ?? null,
      },
      transaction,
    );

    const previous = await Certificate.findAll({
      where: { mediatorId: mediator.id, status: "valid", id: { [Op.ne]: certificate.id } },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    const status = options.previous ?? "superseded";
    for (const old of previous) {
      const before = snapshot(old);
      await old.update({ status, statusOn: input.issuedOn, supersededById: certificate.id, statusBy: actor.id }, { transaction });
      await audit(
        {
          actorUserId: actor.id,
          action: status === "superseded" ? "certificate.supersede" : "certificate.downgrade",
          targetType: "certificate",
          targetId: old.id,
          orgUnitId: issuer.id,
          before,
          after: snapshot(old),
          reason: `${certificate.levelName}（${certificate.code}）`,
          ip: actor.ip ?? null,
        },
        transaction,
      );
    }
    if (mediator.userId) {
      await notify(
        mediator.userId,
        "certificateIssued",
        { level: levelName, issuer: certificate.issuerName },
        { type: "certificate", id: certificate.id },
        transaction,
      );
    }
    return certificate;
  }, within);
}

/** The certificate with its issuer's node, locked for a change. */
async function lockedWithIssuer(id: number, transaction: Transaction) {
  if (!Number.isSafeInteger(id)) return null;
  const certificate = await Certificate.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
  if (!certificate) return null;
  const issuer = await OrgUnit.findByPk(certificate.issuerOrgUnitId, { transaction, attributes: ["id", "path"] });
  return issuer ? { certificate, issuerPath: issuer.path } : null;
}

/**
 * Revokes a level for misconduct (or an error): by the admins of the issuing node or above, with a
 * category (shown publicly) and a reason (audited, never shown publicly). Only a certificate that
 * is still valid (or merely expired) can be revoked.
 */
export async function revokeCertificate(
  actor: Actor,
  id: number,
  reason: RevocationInput,
  on = todayInChina(),
  within?: Transaction | null,
): Promise<ChangeResult> {
  return inTransaction(async (transaction) => {
    await publicPagesChangeOnCommit(transaction, "/verify");
    const found = await lockedWithIssuer(id, transaction);
    if (!found) return { ok: false, error: "notFound" } as const;
    const { certificate, issuerPath } = found;
    if (!withinScopes(actor.scopes, issuerPath)) return { ok: false, error: "scope" } as const;
    if (certificate.status !== "valid") return { ok: false, error: "state" } as const;
    const before = snapshot(certificate);
    await certificate.update(
      {
        status: "revoked",
        statusOn: on,
        revocationCategory: reason.category as RevocationCategory,
        statusReason: reason.reason,
        statusBy: actor.id,
      },
      { transaction },
    );
    await audit(
      {
        actorUserId: actor.id,
        action: "certificate.revoke",
        targetType: "certificate",
        targetId: certificate.id,
        orgUnitId: certificate.issuerOrgUnitId,
        before,
        after: { ...snapshot(certificate), revocationCategory: reason.category },
        reason: reason.reason,
        ip: actor.ip ?? null,
      },
      transaction,
    );
    const holder = await Mediator.findByPk(certificate.mediatorId, { transaction, attributes: ["id", "userId"] });
    if (holder?.userId) {
      await notify(
        holder.userId,
        "certificateRevoked",
        { level: certificate.levelName },
        { type: "certificate", id: certificate.id },
        transaction,
      );
    }
    return { ok: true, certificate } as const;
  }, within);
}

/**
 * Marks a valid certificate downgraded (a re-evaluation found the mediator below the level, 动态管理)
 * when no new certificate replaces it, or before a lower one is issued. Audited with the reason.
 */
export async function markDowngraded(
  actor: Actor,
  id: number,
  change: { reason: string; on?: string; byCertificateId?: number | null },
  within?: Transaction | null,
): Promise<ChangeResult> {
  return inTransaction(async (transaction) => {
    await publicPagesChangeOnCommit(transaction, "/verify");
    const found = await lockedWithIssuer(id, transaction);
    if (!found) return { ok: false, error: "notFound" } as const;
    const { certificate, issuerPath } = found;
    if (!withinScopes(actor.scopes, issuerPath)) return { ok: false, error: "scope" } as const;
    if (certificate.status !== "valid") return { ok: false, error: "state" } as const;
    const before = snapshot(certificate);
    await certificate.update(
      {
        status: "downgraded",
        statusOn: change.on ?? todayInChina(),
        statusReason: change.reason,
        supersededById: change.byCertificateId ?? null,
        statusBy: actor.id,
      },
      { transaction },
    );
    await audit(
      {
        actorUserId: actor.id,
        action: "certificate.downgrade",
        targetType: "certificate",
        targetId: certificate.id,
        orgUnitId: certificate.issuerOrgUnitId,
        before,
        after: snapshot(certificate),
        reason: change.reason,
        ip: actor.ip ?? null,
      },
      transaction,
    );
    return { ok: true, certificate } as const;
  }, within);
}

/** A certificate with the facts the access check reads: the holder's committee path, the holder's account. */
export async function findCertificate(id: unknown) {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) return null;
  const certificate = await Certificate.findByPk(n, { include: [{ model: Mediator, as: "mediator", attributes: ["id", "userId"] }] });
  if (!certificate) return null;
  const issuer = await OrgUnit.findByPk(certificate.issuerOrgUnitId, { attributes: ["id", "path"] });
  const holder = certificate.get("mediator") as Mediator | null;
  return { certificate, orgPath: certificate.holderOrgPath, ownerId: holder?.userId ?? null, issuerPath: issuer?.path ?? null };
}

/** How a certificate reads on a day, with the newer certificate's code when one replaced it. */
export async function certificateView(certificate: Certificate, today = todayInChina()): Promise<CertificateView> {
  const newer = certificate.supersededById ? await Certificate.findByPk(certificate.supersededById, { attributes: ["code"] }) : null;
  return viewOf(certificate, newer?.code ?? null, today);
}

function viewOf(c: Certificate, newerCode: string | null, today: string): CertificateView {
  const validUntil = dayOf(c.validUntil)!;
  return {
    id: c.id,
    code: c.code,
    holderName: c.holderName,
    level: c.level,
    levelName: c.levelName,
    issuerName: c.issuerName,
    issuedOn: dayOf(c.issuedOn)!,
    validUntil,
    status: statusOn(c.status, validUntil, today),
    statusOn: dayOf(c.statusOn),
    revocationCategory: c.revocationCategory,
    newerCode,
  };
}

/** Every certificate of a mediator, newest first, as the holder and the bureau see them. */
export async function certificatesOf(mediatorId: number, today = todayInChina()): Promise<CertificateView[]> {
  const rows = await Certificate.findAll({
    where: { mediatorId },
    order: [
      ["issuedOn", "DESC"],
      ["id", "DESC"],
    ],
  });
  const codes = new Map(rows.map((r) => [r.id, r.code]));
  return rows.map((r) => viewOf(r, r.supersededById ? (codes.get(r.supersededById) ?? null) : null, today));
}

/** The certificate a mediator can share: their newest one that is valid today, if any. */
export async function currentCertificateOf(mediatorId: number, today = todayInChina()): Promise<CertificateView | null> {
  return (await certificatesOf(mediatorId, today)).find((c) => c.status === "valid") ?? null;
}
