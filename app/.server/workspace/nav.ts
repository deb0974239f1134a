import type { NavItemId } from "~/lib/nav";
import { can, mayTry, type Principal } from "../access";

/**
 * Which menu items a person may open, from the permission table. Pages about one's own training
 * (测验考试, 我的培训, 我的档案) need a roster entry as well: an admin or trainer without one has
 * nothing there. Pages open to an audience (events, exercises) are shown to staff by role and to
 * anyone on the roster, who is in some audience.
 */
export function navFor(user: Principal, hasRoster: boolean): Record<NavItemId, boolean> {
  return {
    courses: can(user, "course:study"),
    quizzes: (can(user, "quiz:take") && hasRoster) || can(user, "quiz-report:read"),
    exercises: can(user, "exercise:read") || (hasRoster && mayTry(user, "exercise:read")),
    events: can(user, "event:read") || (hasRoster && mayTry(user, "event:read")),
    training: can(user, "log:write") && hasRoster,
    me: can(user, "account:self") && hasRoster,
    grading: can(user, "exercise:grade"),
    // A trainer verifies the logs that name them: allowed to try, the queue narrows to theirs.
    verify: mayTry(user, "log:verify"),
    rubrics: can(user, "rubric:read"),
    compliance: can(user, "compliance:read"),
    roster: can(user, "roster:read"),
    cases: can(user, "case:read"),
    caseStats: can(user, "case-stats:read"),
    reviews: can(user, "review:manage"),
    levels: can(user, "levels:read"),
    // A reviewer scores the files assigned to them: allowed to try, the list narrows to theirs.
    reviewTasks: mayTry(user, "review:score"),
    assignments: can(user, "course:assign"),
    policy: can(user, "compliance:policy"),
    users: can(user, "account:manage"),
    audit: can(user, "audit:read"),
  };
}
