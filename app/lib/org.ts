/** Org tree vocabulary shared by server and UI (labels live in the locale files under `org.kind.*`). */
export const ORG_KINDS = ["province", "city", "county", "township", "committee"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** 人民调解委员会 kinds: 村/居, 乡镇/街道, 企事业单位, 行业性专业性, 派驻, 信访. */
export const COMMITTEE_KINDS = ["village_resident", "township_street", "enterprise", "industry", "stationed", "petition"] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

/** Which kinds may sit directly under which. Committees hang under a township, or (industry, stationed) a county or city. */
export const ALLOWED_PARENT: Record<OrgKind, readonly (OrgKind | null)[]> = {
  province: [null],
  city: [null, "province"],
  county: [null, "city"],
  township: ["county"],
  committee: ["township", "county", "city"],
};
