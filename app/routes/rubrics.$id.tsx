import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess, requireCan } from "~/.server/web/guards";
import type { OrgUnit } from "~/.server/db/models";
import { rubricAction } from "~/.server/web/rubric-form";
import { getRubric } from "~/.server/exercises/rubrics";
import { RubricEditor } from "~/components/RubricEditor";
import { RubricTable } from "~/components/RubricTable";
import type { EditableRubric } from "~/lib/rubric";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("rubric.library", "rubric.title");

/** A rubric of the library: editable by staff of its own node's subtree, read-only for those below. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target: found } = await requireAccess(request, "rubric:read", (_, scopes) => getRubric(scopes, Number(params.id)));
  const r = found.rubric;
  return {
    editable: found.editable,
    saved: new URL(request.url).searchParams.has("saved"),
    org: (r.get("orgUnit") as OrgUnit).name,
    rubric: { id: r.id, title: r.title, description: r.description ?? "", criteria: r.criteria, maxPoints: r.maxPoints },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor, target: found } = await requireAccess(request, "rubric:read", (_, scopes) => getRubric(scopes, Number(params.id)));
  requireCan(user, "rubric:write", found);
  return rubricAction(request, actor, { id: found.rubric.id, orgUnitId: found.rubric.orgUnitId });
}

export default function RubricPage() {
  const { t } = useTranslation();
  const { rubric, editable, saved, org } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="space-y-5">
      <Link to="/rubrics" className="text-sm text-brand-700 underline">
        {t("rubric.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{rubric.title}</h1>
      <p className="text-sm text-stone-600">{t("rubric.summary", { criteria: rubric.criteria.length, points: rubric.maxPoints, org })}</p>
      {saved ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-emerald-800">
          {t("rubric.saved")}
        </p>
      ) : null}
      <RubricTable rubric={rubric} />
      {editable ? (
        <section aria-labelledby="edit" className="space-y-3">
          <h2 id="edit" className="text-lg font-semibold">
            {t("rubric.edit")}
          </h2>
          <RubricEditor
            value={
              (data?.result.initialValue as EditableRubric | undefined) ?? {
                title: rubric.title,
                description: rubric.description,
                criteria: rubric.criteria.map((c) => ({
                  name: c.name,
                  description: c.description,
                  levels: c.levels.map((l) => ({ name: l.name, points: l.points, description: l.description })),
                })),
              }
            }
            errors={data?.result.error ?? {}}
            extra={data?.extra ?? 1}
          />
        </section>
      ) : (
        <p className="text-sm text-stone-600">{t("rubric.readOnly")}</p>
      )}
    </div>
  );
}
