import { z } from "zod";
import { DISPUTE_CATEGORIES } from "./categories";
import { isoDate, msg, oneOf, requiredText } from "./validation";
import { todayInChina } from "./dates";
import { message } from "./messages";

/**
 * The case register's vocabulary (调解案件台账), shared by the entry form, the Excel import and
 * the pages. Labels live in the locale files under `caseFile.*`.
 */
export const CASE_SOURCES = ["application", "proactive", "assigned", "entrusted", "referred", "other"] as const; // 当事人申请 / 主动调解 / 委派 / 委托 / 移交 / 其他
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CASE_OUTCOMES = ["success", "failure", "terminated"] as const; // 调解成功 / 调解不成功 / 终止调解
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
export const AGREEMENT_FORMS = ["written", "oral"] as const; // 书面 / 口头
export type AgreementForm = (typeof AGREEMENT_FORMS)[number];
export const CONFIRMATIONS = ["none", "applied", "confirmed", "refused"] as const; // 未申请 / 已申请 / 已确认 / 不予确认
export type Confirmation = (typeof CONFIRMATIONS)[number];
export const PERFORMANCE = ["yes", "partly", "no"] as const; // 已履行 / 部分履行 / 未履行
export type Performance = (typeof PERFORMANCE)[number];

export const MAX_ASSISTANTS = 5;
export const SUMMARY_MAX = 300;

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), oneOf(values).optional());

const day = isoDate();

/**
 * One register entry, as the form and each import row give it. The cross-field rules are the
 * register's own: an agreement form (and so a judicial confirmation or performance) only for a
 * successful mediation; only a written agreement can be judicially confirmed; closed on or after
 * received, and neither in the future.
 */
export const caseFileSchema = z
  .object({
    fileNo: requiredText(40),
    orgUnitId: z.number({ required_error: msg("required"), invalid_type_error: msg("choice") }).int(),
    primaryMediatorId: z.number({ required_error: msg("required"), invalid_type_error: msg("choice") }).int(),
    assistantIds: z
      .array(z.number().int())
      .max(MAX_ASSISTANTS, message("validation.tooMany", { max: MAX_ASSISTANTS }))
      .default([]),
    category: oneOf(DISPUTE_CATEGORIES),
    source: oneOf(CASE_SOURCES),
    receivedOn: day,
    closedOn: day,
    outcome: oneOf(CASE_OUTCOMES),
    agreementForm: optionalChoice(AGREEMENT_FORMS),
    confirmation: z.preprocess((v) => (v === "" || v == null ? "none" : v), oneOf(CONFIRMATIONS)),
    followUp: z.boolean().default(false),
    performed: optionalChoice(PERFORMANCE),
    parties: z
      .number({ required_error: msg("required"), invalid_type_error: msg("number") })
      .int(msg("number"))
      .min(2, msg("parties"))
      .max(999, msg("parties")),
    amount: z
      .number({ invalid_type_error: msg("number") })
      .min(0, msg("amount"))
      .max(9_999_999_999, msg("amount"))
      .optional(),
    summary: requiredText(SUMMARY_MAX),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, key: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message: msg(key) });
    const today = todayInChina();
    if (v.receivedOn > today) issue("receivedOn", "dateFuture");
    if (v.closedOn > today) issue("closedOn", "dateFuture");
    else if (v.closedOn < v.receivedOn) issue("closedOn", "closedBeforeReceived");
    if (v.outcome === "success") {
      if (!v.agreementForm) issue("agreementForm", "agreementFormRequired");
      else if (v.agreementForm === "oral" && v.confirmation !== "none") issue("confirmation", "oralNotConfirmable");
    } else {
      if (v.agreementForm) issue("agreementForm", "onlyForSuccess");
      if (v.confirmation !== "none") issue("confirmation", "onlyForSuccess");
      if (v.performed) issue("performed", "onlyForSuccess");
    }
    if (v.assistantIds.includes(v.primaryMediatorId)) issue("assistantIds", "assistantIsPrimary");
    if (new Set(v.assistantIds).size !== v.assistantIds.length) issue("assistantIds", "assistantTwice");
  });
export type CaseFileInput = z.infer<typeof caseFileSchema>;

/** A correction after entry says why (it is audited). */
export const caseCorrectionSchema = z.object({ reason: requiredText(200) });

export const caseFilterSchema = z.object({
  org: z.coerce.number().int().positive().optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  q: z.string().trim().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type CaseFilter = z.infer<typeof caseFilterSchema>;

/**
 * The derived figures of a mediator's or a node's year (from the rollups). Counting rule: a file
 * counts once, for its primary mediator (主办调解员), as most bureaus count it; assisting counts
 * separately. A file voided as 与台账不符 by the case-file review counts nowhere until corrected.
 * The year is the year the file was closed (结案).
 */
export type CaseCounts = { handled: number; successful: number; oral: number; confirmed: number; followedUp: number; assisted: number };
export type CaseFigures = CaseCounts & {
  /** successful / handled, in %. */
  successRate: number | null;
  /** oral agreements / successful (agreements reached), in %. */
  oralShare: number | null;
  /** follow-up visits / successful, in %. */
  followUpRate: number | null;
};

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : null);
export const emptyCounts = (): CaseCounts => ({ handled: 0, successful: 0, oral: 0, confirmed: 0, followedUp: 0, assisted: 0 });
export function caseFigures(c: CaseCounts): CaseFigures {
  return {
    ...c,
    successRate: pct(c.successful, c.handled),
    oralShare: pct(c.oral, c.successful),
    followUpRate: pct(c.followedUp, c.successful),
  };
}
export function addCounts(a: CaseCounts, b: CaseCounts): CaseCounts {
  return {
    handled: a.handled + b.handled,
    successful: a.successful + b.successful,
    oral: a.oral + b.oral,
    confirmed: a.confirmed + b.confirmed,
    followedUp: a.followedUp + b.followedUp,
    assisted: a.assisted + b.assisted,
  };
}
