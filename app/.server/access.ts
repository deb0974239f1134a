import type { Role } from "~/lib/roles";
import { scopeFromPath, type OrgScope } from "./org";

/**
 * The one permission table: every action the app knows, who may do it and over what.
 *
 * A rule is a list of clauses; the action is allowed when any clause holds:
 * - `role(roles, "org")`: the user holds one of the roles on a node whose subtree contains the
 *   target's org path (a grant covers its node's whole subtree and nothing else);
 * - `role(roles, "upward")`: as "org", and also records on an ancestor of one of those nodes (a
 *   library shared downward, such as rubrics);
 * - `role(roles, "anywhere")`: holding one of the roles anywhere is enough;
 * - `named(roles)`: the user is named on the record (an event's trainers, a log's supervisor) and
 *   holds one of the roles somewhere;
 * - `own`: the record belongs to the user;
 * - `audience`: the user belongs to the record's audience (its loader decides, since it knows how);
 * - `signedIn`: any account.
 *
 * Sysadmin counts as a bureau admin over its node: it is in ADMIN, not a special case elsewhere.
 * Later issues add their actions here and nothing else.
 */
type Clause =
  | { by: "role"; roles: readonly Role[]; over: "org" | "upward" | "anywhere" }
  | { by: "named"; roles: readonly Role[] }
  | { by: "own" }
  | { by: "audience" }
  | { by: "signedIn" };
type Rule = readonly Clause[];

const ADMIN: readonly Role[] = ["bureau_admin", "sysadmin"];
const STAFF: readonly Role[] = ["trainer", "bureau_admin", "sysadmin"];
const TRAINER: readonly Role[] = ["trainer"];

const role = (roles: readonly Role[], over: "org" | "upward" | "anywhere" = "org"): Clause => ({ by: "role", roles, over });
const named = (roles: readonly Role[]): Clause => ({ by: "named", roles });
const own: Clause = { by: "own" };
const audience: Clause = { by: "audience" };

const signedIn: Rule = [{ by: "signedIn" }];
const admins: Rule = [role(ADMIN)];
const staff: Rule = [role(STAFF)];

export const ACCESS = {
  // Own account, record, training year and messages
  "account:self": signedIn,
  // Accounts, roster, audit: bureau admins over their subtree
  "account:manage": admins,
  "account:grant-sysadmin": [role(["sysadmin"])],
  "audit:read": admins,
  "roster:read": admins,
  "roster:write": admins,
  // Courses and quizzes
  "course:study": signedIn,
  "course:assign": admins,
  "quiz:take": signedIn,
  "attempt:open": [own],
  "quiz-report:read": staff,
  "answer:grade": staff,
  // Training events
  "event:read": [role(STAFF), audience],
  "event:create": staff,
  "event:run": [role(STAFF), named(TRAINER)],
  "event:report": admins,
  // Practical-training logs
  "log:write": signedIn,
  "log:read": [own, named(TRAINER), role(ADMIN)],
  "log:verify": [named(TRAINER), role(ADMIN)],
  // Exercises, rubrics, grading
  "exercise:read": [role(STAFF), audience],
  "exercise:set": staff,
  "exercise:grade": staff,
  // A submission's files: its author, and staff over the mediator once it is no longer a draft (its loader says so)
  "submission:read": [own, role(STAFF)],
  "rubric:read": [role(STAFF, "upward")],
  "rubric:write": staff,
  // Training compliance
  "compliance:read": admins,
  "compliance:policy": admins,
  "compliance:remind": admins,
  // Case register (调解案件台账): entered and imported by the admins of a committee, township or
  // bureau (a bureau_admin grant on that node), over their subtree; its figures likewise.
  "case:read": admins,
  "case:write": admins,
  "case:import": admins,
  "case-stats:read": admins,
  // Case-file quality review (卷宗评查): bureau admins open, follow, report and close reviews over
  // their subtree; the reviewer named on a sampled file scores it (a reviewer account, or a trainer:
  // bureau staff and lawyers often cross-review files); the admins over the file's committee (its
  // committee, township or bureau) upload the scan and correct what comes back. The scans are read
  // by those admins and by the reviewers named on the file.
  "review:manage": admins,
  "review:score": [named(["reviewer", "trainer"])],
  "review:upload": admins,
  "case-scan:read": [role(ADMIN), named(["reviewer", "trainer"])],
  // Grade evaluation (等级评定): a province's level scheme is read by the admins of any node in it
  // (upward: the scheme sits at the province) and set by admins over the province only (sysadmin,
  // province admins); a mediator's criteria check and sanctions list by admins over the mediator.
  "levels:read": [role(ADMIN, "upward")],
  "levels:configure": admins,
  "criteria:read": admins,
  "sanction:write": admins,
  // Grade certificates (等级证书): the holder reads and downloads their own; bureau admins over the
  // holder's committee read them; the issuing node's admins (and those above) issue and revoke.
  // The public verify page (/verify/<code>) asks nothing: it shows only the masked view.
  "certificate:read": [own, role(ADMIN)],
  "certificate:issue": admins,
  "certificate:revoke": admins,
  // Grade evaluation rounds (评定批次): bureau admins open and run rounds over their subtree (panel,
  // decisions, objections, finalising, reports); a mediator applies for themself, the admins over
  // the committee nominate and review (the committee's pre-review and the 司法所's first review:
  // which review a grant may make follows its node's kind, app/.server/rounds); the panel members
  // named on a round read it and score its applications.
  "round:manage": admins,
  "round:read": [role(ADMIN), named(["reviewer", "trainer"])],
  "application:write": [own, role(ADMIN)],
  "application:read": [own, role(ADMIN), named(["reviewer", "trainer"])],
  "application:review": admins,
  "application:score": [named(["reviewer", "trainer"])],
  "application:decide": admins,
  // Exams a bureau schedules (考试安排): bureau admins and trainers set, change and follow the
  // exams of nodes in their subtree; mediators in an exam's audience take it through quiz:take.
  "exam:manage": staff,
  // The expert pool (调解专家库): the admins of a pool's node and above add, invite, vet, publish
  // (公示), list and remove its experts and see the consultation list (not its contents). A mediator
  // asks a listed expert of a pool above their committee (the domain checks the pool); a thread is
  // read and answered by its asker (own) and by the expert's account (audience: the loader knows
  // the expert's user) — no one else reads its description or messages.
  "expert:manage": admins,
  "consultation:ask": [role(["mediator"], "anywhere")],
  "consultation:read": [own, audience],
  "consultation:oversee": admins,
  // Mediation rooms (品牌调解室): a mediator applies for their own room, the admins over a committee
  // for a team room; the applicant and the admins over the room follow it. Which review move a
  // grant may make follows its node (the committee or its 司法所 consents; the county bureau or
  // above names, rates, suspends and withdraws: app/.server/rooms/moves.ts). The public directory
  // and room pages ask nothing.
  "room:apply": [own, role(ADMIN)],
  "room:read": [own, role(ADMIN)],
  "room:review": admins,
  "room:manage": admins,
} satisfies Record<string, Rule>;

export type Action = keyof typeof ACCESS;

/** What the access check needs to know about a record; a loader fills in what applies. */
export type Target = {
  /** Where the record sits in the org tree ("/1/4/17/"). */
  orgPath?: string | null;
  /** A record that sits at several nodes (an account with grants in several places): inside when any is. */
  orgPaths?: readonly string[];
  /** The user the record belongs to. */
  ownerId?: number | null;
  /** Users named on the record (an event's trainers, a log's supervisor). */
  namedIds?: readonly number[];
  /** Whether the user belongs to the record's audience. */
  audience?: boolean;
};

/** The parts of a signed-in user the table reads. */
export type Principal = { id: number; grants: readonly { role: Role; orgUnitId: number; orgPath: string }[] };

const rule = (action: Action): Rule => ACCESS[action];
const holds = (user: Principal, roles: readonly Role[]) => user.grants.some((g) => roles.includes(g.role));

/** The subtrees over which the user may do this action by role (empty: none). */
export function scopesFor(user: Principal, action: Action): OrgScope[] {
  const roles = new Set(rule(action).flatMap((c) => (c.by === "role" ? c.roles : [])));
  return user.grants.filter((g) => roles.has(g.role)).map((g) => scopeFromPath(g.orgUnitId, g.orgPath));
}

/** True when one of the scopes covers the node with this path. */
export const withinScopes = (scopes: readonly OrgScope[], path: string) => scopes.some((s) => s.contains(path));

/** True when one of the scopes covers the node, or the node lies above one of them (a library shared downward). */
export const withinOrAboveScopes = (scopes: readonly OrgScope[], path: string) =>
  scopes.some((s) => s.contains(path) || s.path.startsWith(path));

/**
 * Whether the user may try this action at all: holds a role of one of its clauses, or the action
 * is open to a record's owner or audience. Who may not try gets 403; who may, but whose target
 * does not qualify (or does not exist), gets 404.
 */
export function mayTry(user: Principal, action: Action): boolean {
  return rule(action).some((c) => (c.by === "role" || c.by === "named" ? holds(user, c.roles) : true));
}

function clauseHolds(user: Principal, clause: Clause, target: Target): boolean {
  switch (clause.by) {
    case "signedIn":
      return true;
    case "own":
      return target.ownerId != null && target.ownerId === user.id;
    case "audience":
      return target.audience === true;
    case "named":
      return Boolean(target.namedIds?.includes(user.id)) && holds(user, clause.roles);
    case "role": {
      if (clause.over === "anywhere") return holds(user, clause.roles);
      const paths = [target.orgPath, ...(target.orgPaths ?? [])].filter((p): p is string => Boolean(p));
      const grants = user.grants.filter((g) => clause.roles.includes(g.role));
      return paths.some((path) =>
        grants.some((g) => path.startsWith(g.orgPath) || (clause.over === "upward" && g.orgPath.startsWith(path))),
      );
    }
  }
}

/**
 * May the user do the action on this target? Without a target: may they do it by role somewhere
 * (for a list page, a link, a button).
 */
export function can(user: Principal, action: Action, target?: Target): boolean {
  if (!target) return rule(action).some((c) => c.by === "signedIn" || (c.by === "role" && holds(user, c.roles)));
  return rule(action).some((c) => clauseHolds(user, c, target));
}
