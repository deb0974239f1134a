import { checkCode, maskName, statusOn, type VerifyOutcome } from "~/lib/certificate";
import { dayOf, todayInChina } from "~/lib/dates";
import { Op } from "sequelize";
import { getSequelize } from "../db/connection";
import { Certificate } from "../db/models";
import { lookupsBlocked, recordFailedLookup } from "./lookup-limit";

const PUBLIC_ATTRIBUTES = [
  "id",
  "code",
  "mediatorId",
  "holderName",
  "levelName",
  "issuerName",
  "issuedOn",
  "validUntil",
  "status",
  "statusOn",
  "revocationCategory",
  "supersededById",
] as const;

/**
 * The public lookup behind /verify/<code>: the masked holder, the level, who issued it, its dates
 * and status, and the dated history of that mediator's levels, nothing else (no committee, no
 * reason text, no contact). A code that cannot exist is "mistyped"; a well-formed code that no
 * certificate has is "not found". Both count against the address (./lookup-limit.ts). Two indexed
 * reads: the address's failure count, then the holder's certificates found through the code.
 */
export async function verifyCertificate(input: string, ip: string, now = new Date()): Promise<VerifyOutcome> {
  if (await lookupsBlocked(ip, now)) return { kind: "limited" };
  const checked = checkCode(input);
  if (!checked.ok) {
    await recordFailedLookup(ip, now);
    return { kind: "mistyped", problem: checked.problem };
  }
  // The holder's certificates, found through the code in one statement; the one asked for is among them.
  const sequelize = getSequelize();
  const all = await Certificate.findAll({
    where: {
      mediatorId: { [Op.eq]: sequelize.literal(`(SELECT mediator_id FROM certificates WHERE code = ${sequelize.escape(checked.code)})`) },
    },
    attributes: [...PUBLIC_ATTRIBUTES],
    order: [
      ["issuedOn", "DESC"],
      ["id", "DESC"],
    ],
  });
  const certificate = all.find((c) => c.code === checked.code);
  if (!certificate) {
    await recordFailedLookup(ip, now);
    return { kind: "notFound" };
  }
  const today = todayInChina(now);
  const codeOf = new Map(all.map((c) => [c.id, c.code]));
  const status = (c: Certificate) => statusOn(c.status, dayOf(c.validUntil)!, today);
  return {
    kind: "found",
    view: {
      code: certificate.code,
      maskedName: maskName(certificate.holderName),
      levelName: certificate.levelName,
      issuerName: certificate.issuerName,
      issuedOn: dayOf(certificate.issuedOn)!,
      validUntil: dayOf(certificate.validUntil)!,
      status: status(certificate),
      statusOn: dayOf(certificate.statusOn),
      revocationCategory: certificate.status === "revoked" ? certificate.revocationCategory : null,
      newerCode: certificate.supersededById ? (codeOf.get(certificate.supersededById) ?? null) : null,
      history: all.map((c) => ({
        levelName: c.levelName,
        issuerName: c.issuerName,
        issuedOn: dayOf(c.issuedOn)!,
        validUntil: dayOf(c.validUntil)!,
        status: status(c),
        statusOn: dayOf(c.statusOn),
      })),
    },
  };
}
