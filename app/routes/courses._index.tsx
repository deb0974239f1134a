import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getCurrentUser } from "~/.server/web/session";
import { assignmentsForUser } from "~/.server/courses/assignments";
import { listCourses } from "~/.server/courses/catalog";
import { progressByCourse } from "~/.server/courses/progress";
import { inputClass } from "~/components/form";
import { ProgressBar } from "~/components/ProgressBar";
import { DISPUTE_CATEGORIES } from "~/lib/categories";
import { COURSE_KINDS } from "~/lib/course";
import { currentYearInChina } from "~/lib/dates";
import type { loader as rootLoader } from "~/root";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("courses.title");

const filterSchema = z.object({
  q: z.string().trim().max(50).optional().catch(undefined),
  category: z.enum(DISPUTE_CATEGORIES).optional().catch(undefined),
  kind: z.enum(COURSE_KINDS).optional().catch(undefined),
});

/** Public: the course catalog. Signed-in users also see their progress and what is assigned to them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request);
  const filter = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const q = filter.q?.toLowerCase();
  const all = listCourses();
  const courses = all.filter(
    (c) =>
      (!filter.category || c.category === filter.category) &&
      (!filter.kind || c.kind === filter.kind) &&
      (!q || [c.title, c.summary, ...c.lessons.map((l) => l.title)].some((text) => text.toLowerCase().includes(q))),
  );
  const assigned = user ? await assignmentsForUser(user.id, currentYearInChina()) : [];
  return {
    filter,
    signedIn: Boolean(user),
    progress: user ? await progressByCourse(user.id, all) : {},
    assigned: assigned.map((a) => ({ ...a, title: all.find((c) => c.slug === a.courseSlug)?.title ?? a.courseSlug })),
    courses: courses.map((c) => ({
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      category: c.category,
      kind: c.kind,
      hours: c.hours,
      lessons: c.lessons.length,
    })),
  };
}

export default function Catalog() {
  const { t } = useTranslation();
  const { filter, courses, progress, assigned } = useLoaderData<typeof loader>();
  // The menu's decision from the permission table (course:assign), passed by the root loader.
  const mayAssign = useRouteLoaderData<typeof rootLoader>("root")?.user?.nav?.assignments ?? false;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-brand-800">{t("courses.title")}</h1>
        {mayAssign ? (
          <Link to="/courses/assignments" className="rounded-md bg-white px-3 py-2 text-sm ring-1 ring-stone-300">
            {t("courses.manageAssignments")}
          </Link>
        ) : null}
      </div>
      {assigned.length > 0 ? (
        <section aria-labelledby="assigned" className="rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200">
          <h2 id="assigned" className="font-semibold text-amber-950">
            {t("courses.assignedToMe")}
          </h2>
          <ul className="mt-2 space-y-1">
            {assigned.map((a) => (
              <li key={a.courseSlug} className="flex flex-wrap justify-between gap-2">
                <Link to={`/courses/${a.courseSlug}`} className="text-brand-700 underline">
                  {a.title}
                </Link>
                <span className="text-sm text-amber-900">
                  {progress[a.courseSlug]?.completed ? t("courses.completed") : t("courses.dueOn", { date: a.dueOn })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="get" className="grid gap-2 rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-4">
        <label className="text-sm sm:col-span-2">
          <span className="mb-1 block font-medium">{t("courses.search")}</span>
          <input type="search" name="q" defaultValue={filter.q ?? ""} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("courses.category")}</span>
          <select name="category" defaultValue={filter.category ?? ""} className={inputClass}>
            <option value="">{t("roster.filter.all")}</option>
            {DISPUTE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t("courses.kind")}</span>
          <select name="kind" defaultValue={filter.kind ?? ""} className={inputClass}>
            <option value="">{t("roster.filter.all")}</option>
            {COURSE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`courseKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="flex gap-2 sm:col-span-4">
          <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 font-medium text-white">
            {t("roster.filter.apply")}
          </button>
          <Link to="/courses" className="flex min-h-11 items-center px-3 text-sm underline">
            {t("roster.filter.reset")}
          </Link>
        </div>
      </Form>
      {courses.length === 0 ? <p className="text-stone-600">{t("courses.none")}</p> : null}
      <ul className="grid gap-4 md:grid-cols-2">
        {courses.map((c) => {
          const p = progress[c.slug];
          return (
            <li key={c.slug} className="flex flex-col rounded-lg bg-white p-5 shadow-sm ring-1 ring-stone-200">
              <div className="flex flex-wrap gap-2 text-xs">
                <span className="rounded bg-brand-50 px-2 py-0.5 text-brand-800">{t(`courseKind.${c.kind}`)}</span>
                <span className="rounded bg-stone-100 px-2 py-0.5 text-stone-700">{t(`category.${c.category}`)}</span>
              </div>
              <h2 className="mt-2 text-lg font-semibold">
                <Link to={`/courses/${c.slug}`} className="text-brand-800 underline-offset-2 hover:underline">
                  {c.title}
                </Link>
              </h2>
              <p className="mt-1 flex-1 text-sm text-stone-700">{c.summary}</p>
              <p className="mt-3 text-sm text-stone-600">{t("courses.meta", { hours: c.hours, lessons: c.lessons })}</p>
              {p ? <ProgressBar read={p.read} total={p.total} completed={p.completed} /> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
