/** Roles a grant can carry; each grant binds a role to one org unit (and so to its subtree). */
export const ROLES = ["mediator", "trainer", "reviewer", "bureau_admin", "sysadmin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
