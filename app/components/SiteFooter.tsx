import { useTranslation } from "react-i18next";

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="border-t border-stone-200 bg-white print:hidden">
      <div className="mx-auto max-w-5xl space-y-1 px-4 py-6 text-sm text-stone-600">
        <p>{t("footer.about")}</p>
        <p>{t("footer.law")}</p>
      </div>
    </footer>
  );
}
