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
import { MAX_IMPORT_BYTES, importRoster, keepAnnotatedRoster, type ImportError } from "~/.server/roster/import";
import { ErrorList, SubmitButton } from "~/components/form";
import { refusal, type Refusal } from "~/.server/web/reply";
import { pageTitle } from "~/lib/meta";
import { ImportErrorReport } from "~/components/ImportErrorReport";

export const meta = pageTitle("import.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "roster:write");
  return null;
}

/**
 * The reply: what is wrong with the file as a whole sits on the file field of `result`; the rows'
 * and columns' errors are a report, listed in a table.
 */
type Reply = { result: Refusal["result"] | null; report: ImportError[]; created: number; copy: string | null };
const fail = (errors: ImportError[], status = 400, copy: string | null = null) => {
  const file = errors.filter((e) => e.row === 0).map((e) => e.message);
  return data<Reply>(
    { result: refusal({ fieldErrors: file.length ? { file } : {} }), report: errors.filter((e) => e.row > 0), created: 0, copy },
    { status },
  );
};

/** Bureau admins: upload a filled template; every row is checked before anything is written. */
export async function action({ request }: ActionFunctionArgs) {
  const { actor, user } = await requireAccess(request, "roster:write");
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
  const result = await importRoster(actor, buffer);
  if (!result.ok) {
    // Row errors come with a copy of the sheet marking them; a file that cannot be read has none.
    const copy = result.errors.some((e) => e.row > 0) ? await keepAnnotatedRoster(user.id, buffer, result.errors) : null;
    return fail(result.errors, 400, copy);
  }
  return { result: null, report: [], created: result.created, copy: null } satisfies Reply;
}

export default function ImportRoster() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = result?.report ?? [];
  const fileErrors = result?.result?.error?.file ?? undefined;
  return (
    <div className="space-y-5">
      <Link to="/roster" className="text-sm text-brand-700 underline">
        {t("roster.back")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">{t("import.title")}</h1>
      <ol className="list-decimal space-y-1 pl-5 text-stone-700">
        {(t("import.steps", { returnObjects: true }) as string[]).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <a href="/roster/template.xlsx" className="inline-block rounded-md bg-white px-4 py-2 ring-1 ring-stone-300 hover:bg-stone-50">
        {t("import.template")}
      </a>
      <Form method="post" encType="multipart/form-data" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-stone-200">
        <label className="block text-sm font-medium">
          {t("import.file")}
          <input
            type="file"
            id="import-file"
            name="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-invalid={fileErrors ? true : undefined}
            aria-describedby={fileErrors ? "import-file-error" : undefined}
            className="mt-2 block w-full text-sm"
          />
        </label>
        <ErrorList id="import-file-error" errors={fileErrors} />
        <SubmitButton pending={navigation.state !== "idle"}>
          {navigation.state !== "idle" ? t("form.submitting") : t("import.submit")}
        </SubmitButton>
      </Form>
      {result && result.created > 0 ? (
        <p role="status" className="rounded-md bg-brand-50 p-4 text-brand-800">
          {t("import.done", { count: result.created })}{" "}
          <Link to="/roster?sort=name" className="underline">
            {t("roster.back")}
          </Link>
        </p>
      ) : null}
      <ImportErrorReport errors={errors}>
        {result?.copy ? (
          <a
            href={`/roster/import-errors/${result.copy}`}
            download
            className="inline-flex min-h-11 items-center rounded-md bg-white px-4 text-brand-800 ring-1 ring-stone-300"
          >
            {t("import.annotated")}
          </a>
        ) : null}
      </ImportErrorReport>
    </div>
  );
}
