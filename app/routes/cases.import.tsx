import {
  MaxPartSizeExceededError,
  data,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { importCases, keepAnnotatedCopy, type ImportError } from "~/.server/cases/import";
import { MAX_IMPORT_BYTES } from "~/.server/excel/workbook";
import { SubmitButton } from "~/components/form";
import { ImportErrorReport } from "~/components/ImportErrorReport";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("caseFile.importTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "case:import");
  return null;
}

type Result = { created: number; errors: ImportError[]; copy: string | null };
const fail = (errors: ImportError[], status = 400, copy: string | null = null) => data<Result>({ created: 0, errors, copy }, { status });

/** Admins of a committee, township or bureau: upload a register; every row is checked before anything is written. */
export async function action({ request }: ActionFunctionArgs) {
  const { actor, user } = await requireAccess(request, "case:import");
  const tooLarge: ImportError = { row: 0, column: null, message: "import.tooLarge" };
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_IMPORT_BYTES + 64 * 1024) return fail([tooLarge], 413);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return fail([tooLarge], 413);
    return fail([{ row: 0, column: null, message: "import.notXlsx" }]);
  }
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) return fail([{ row: 0, column: null, message: "import.noFile" }]);
  const buffer = Buffer.from(await file.arrayBuffer());
  const result = await importCases(actor, buffer);
  if (!result.ok) {
    // Row errors come with a copy of the sheet marking them; a file that cannot be read has none.
    const copy = result.errors.some((e) => e.row > 0) ? await keepAnnotatedCopy(user.id, buffer, result.errors) : null;
    return fail(result.errors, 400, copy);
  }
  return { created: result.created, errors: [], copy: null } satisfies Result;
}

export default function ImportCases() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = result?.errors ?? [];
  return (
    <div className="space-y-5">
      <Link to="/cases" className="text-sm text-brand-700 underline">
        {t("caseFile.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("caseFile.importTitle")}</h1>
      <ol className="list-decimal space-y-1 pl-5 text-stone-700">
        {(t("caseFile.importSteps", { returnObjects: true }) as string[]).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <a
        href="/cases/template.xlsx"
        className="inline-flex min-h-11 items-center rounded-md bg-white px-4 ring-1 ring-stone-300 hover:bg-stone-50"
      >
        {t("import.template")}
      </a>
      <Form method="post" encType="multipart/form-data" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <label className="block text-sm font-medium">
          {t("caseFile.importFile")}
          <input
            type="file"
            name="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            className="mt-2 block w-full text-sm"
          />
        </label>
        <SubmitButton pending={navigation.state !== "idle"}>
          {navigation.state !== "idle" ? t("form.submitting") : t("import.submit")}
        </SubmitButton>
      </Form>
      {result && result.created > 0 ? (
        <p role="status" className="rounded-md bg-brand-50 p-4 text-brand-800">
          {t("caseFile.importDone", { count: result.created })}{" "}
          <Link to="/cases" className="underline">
            {t("caseFile.back")}
          </Link>
        </p>
      ) : null}
      <ImportErrorReport errors={errors}>
        {result?.copy ? (
          <a
            href={`/cases/import-errors/${result.copy}`}
            download
            className="inline-flex min-h-11 items-center rounded-md bg-white px-4 text-brand-800 ring-1 ring-stone-300"
          >
            {t("caseFile.annotated")}
          </a>
        ) : null}
      </ImportErrorReport>
    </div>
  );
}
