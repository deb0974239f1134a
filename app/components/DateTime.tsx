import { useTranslation } from "react-i18next";
import { formatDate, validDate, dateFormat } from "~/lib/dates";
import { useTimeZone } from "~/utils/time-zone";

/** A moment shown in China time in the page's language, e.g. 2026年11月23日 14:05; "invalid date" for a stored value that is none. */
export function DateTime({ value }: { value: string | null }) {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const format = dateFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone });
  const text = formatDate(format, value, t("harden.invalidDate"));
  return validDate(value) ? <time dateTime={value!}>{text}</time> : <span>{text}</span>;
}
