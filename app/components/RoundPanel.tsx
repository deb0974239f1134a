import { Link } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "./form";

/** The link back to a round's admin page, above each of the panel's admin pages. */
export function BackToRound({ roundId }: { roundId: number }) {
  const { t } = useTranslation();
  return (
    <Link to={`/rounds/${roundId}/admin`} className="text-sm text-brand-700 underline">
      {t("roundPanel.back")}
    </Link>
  );
}

/** The form errors of a reply (Conform's "" key), when it answers the form with this intent (or any, without one). */
export function ReplyErrors({ result, intent }: { result?: SubmissionResult<string[]> | null; intent?: string }) {
  const text = useErrorText();
  if (!result?.error) return null;
  if (intent && result.initialValue?.intent !== intent) return null;
  const errors = Object.values(result.error).flat().filter(Boolean) as string[];
  if (!errors.length) return null;
  return (
    <div role="alert" className="rounded-md bg-seal-50 p-3 text-sm text-seal-700">
      {errors.map((e) => (
        <p key={e}>{text(e)}</p>
      ))}
    </div>
  );
}
