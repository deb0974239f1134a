/**
 * The menu, grouped by what the person does there (学习 / 培训 / 评阅 / 管理). Which items a
 * person sees is decided on the server from the permission table (app/.server/workspace/nav.ts);
 * this file only says where each item leads and under which heading it sits.
 */
export const NAV_GROUPS = [
  {
    key: "study",
    items: [
      { id: "courses", to: "/courses" },
      { id: "quizzes", to: "/quizzes" },
      { id: "exercises", to: "/exercises" },
    ],
  },
  {
    key: "training",
    items: [
      { id: "events", to: "/events" },
      { id: "exams", to: "/exams" },
      { id: "training", to: "/training" },
      { id: "consultations", to: "/consultations" },
      { id: "me", to: "/me" },
    ],
  },
  {
    key: "review",
    items: [
      { id: "grading", to: "/grading" },
      { id: "verify", to: "/training/verify" },
      { id: "rubrics", to: "/rubrics" },
      { id: "reviewTasks", to: "/reviews/assigned" },
      { id: "roundScoring", to: "/rounds/score" },
    ],
  },
  {
    key: "evaluation",
    items: [
      { id: "myApplications", to: "/applications" },
      { id: "rounds", to: "/rounds" },
      { id: "rooms", to: "/rooms/manage" },
    ],
  },
  {
    key: "manage",
    items: [
      { id: "compliance", to: "/compliance" },
      { id: "roster", to: "/roster" },
      { id: "cases", to: "/cases" },
      { id: "caseStats", to: "/cases/stats" },
      { id: "reviews", to: "/reviews" },
      { id: "levels", to: "/levels/scheme" },
      { id: "experts", to: "/experts/admin" },
      { id: "assignments", to: "/courses/assignments" },
      { id: "policy", to: "/compliance/policy" },
      { id: "users", to: "/admin/users" },
      { id: "audit", to: "/admin/audit" },
    ],
  },
] as const;

export type NavItemId = (typeof NAV_GROUPS)[number]["items"][number]["id"];

/** The message key of a menu item: nav.<id>, or where a feature keeps its own (rooms.nav). */
const LABELS: Partial<Record<NavItemId, string>> = { rooms: "rooms.nav" };
export const navLabel = (id: NavItemId) => LABELS[id] ?? `nav.${id}`;
export type NavGroup = { key: string; items: { id: NavItemId; to: string }[] };

/** The groups with only the allowed items, empty groups dropped. */
export const visibleGroups = (allowed: Partial<Record<NavItemId, boolean>>): NavGroup[] =>
  NAV_GROUPS.map((g) => ({ key: g.key, items: g.items.filter((i) => allowed[i.id]).map((i) => ({ id: i.id, to: i.to })) })).filter(
    (g) => g.items.length > 0,
  );
