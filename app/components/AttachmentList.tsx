import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "./form";

/**
 * The files stored with a record, each a download link; while the record is its author's draft,
 * each has a 删除 button (a small form of its own: POST intent=remove-file, works without JavaScript).
 * It sits outside the record's own form, whose file input only adds files. Images show as thumbnails
 * (from the same download route, which an <img> shows inline) that link to the full file.
 */
export function AttachmentList({
  files,
  href,
  removable,
  errors,
}: {
  files: { id: number; name: string; size?: number; mime?: string }[];
  href: (id: number) => string;
  removable: boolean;
  errors?: string[];
}) {
  const { t } = useTranslation();
  if (!files.length && !errors?.length) return null;
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold">{t("attachment.stored")}</h3>
      <ul className="space-y-1 text-sm">
        {files.map((f) => (
          <li key={f.id} className="flex flex-wrap items-center gap-2">
            {f.mime?.startsWith("image/") ? (
              <a href={href(f.id)} className="block">
                <img src={href(f.id)} alt={f.name} loading="lazy" className="h-28 w-28 rounded object-cover ring-1 ring-stone-200" />
              </a>
            ) : null}
            <a href={href(f.id)} className="text-brand-700 underline">
              {f.name}
            </a>
            {f.size !== undefined ? <span className="text-xs text-stone-500">{Math.ceil(f.size / 1024)} KB</span> : null}
            {removable ? (
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="remove-file" />
                <input type="hidden" name="attachmentId" value={f.id} />
                <button
                  type="submit"
                  aria-label={t("attachment.removeLabel", { name: f.name })}
                  className="min-h-9 rounded-md px-3 text-seal-600 ring-1 ring-seal-600"
                >
                  {t("attachment.remove")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorList errors={errors} />
    </div>
  );
}
