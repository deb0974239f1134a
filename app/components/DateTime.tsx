import { useTranslation } from "react-i18next";

/** A moment shown in China time in the page's language, e.g. 2026年11月23日 14:05. */
export function DateTime({ value }: { value: string }) {
  const { i18n } = useTranslation();
  const text = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(
    new Date(value),
  );
  return <time dateTime={value}>{text}</time>;
}
