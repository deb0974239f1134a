import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { onceToken } from "~/.server/web/form-once";
import { rubricAction } from "~/.server/web/rubric-form";
import { RubricEditor } from "~/components/RubricEditor";
import type { EditableRubric } from "~/lib/rubric";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("rubric.new");

/** A new rubric in the library of the trainer's (first) node. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "rubric:write");
  return { once: onceToken() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scopes } = await requireAccess(request, "rubric:write");
  return rubricAction(request, actor, { orgUnitId: scopes[0].rootId });
}

export default function NewRubric() {
  const { t } = useTranslation();
  const { once } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="space-y-5">
      <Link to="/rubrics" className="text-sm text-brand-700 underline">
        {t("rubric.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("rubric.new")}</h1>
      <RubricEditor
        value={(data?.result.initialValue as EditableRubric | undefined) ?? { title: "", description: "", criteria: [] }}
        errors={data?.result.error ?? {}}
        extra={data?.extra ?? 1}
        once={once}
      />
    </div>
  );
}
