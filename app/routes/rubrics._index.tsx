import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import type { OrgUnit } from "~/.server/db/models";
import { rubricLibrary } from "~/.server/exercises/rubrics";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("rubric.library");

/** Trainers and bureau admins: the rubric library of their nodes (their own, their ancestors', their subtree's). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scopes } = await requireAccess(request, "rubric:read");
  const rubrics = await rubricLibrary(scopes);
  return {
    rubrics: rubrics.map((r) => ({
      id: r.id,
      title: r.title,
      maxPoints: r.maxPoints,
      criteria: r.criteria.length,
      org: (r.get("orgUnit") as OrgUnit).name,
    })),
  };
}

export default function RubricLibrary() {
  const { t } = useTranslation();
  const { rubrics } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold text-brand-800">{t("rubric.library")}</h1>
      <p className="text-sm text-stone-600">{t("rubric.libraryIntro")}</p>
      <Link to="/rubrics/new" className="inline-block rounded-md bg-brand-700 px-5 py-3 font-medium text-white">
        {t("rubric.new")}
      </Link>
      <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
        {rubrics.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
            <Link to={`/rubrics/${r.id}`} className="font-medium text-brand-700 underline">
              {r.title}
            </Link>
            <span className="text-sm text-stone-600">{t("rubric.summary", { criteria: r.criteria, points: r.maxPoints, org: r.org })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
