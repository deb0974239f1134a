import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous / next links that keep the current filters in the query string. */
export function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  if (pageCount <= 1) return null;
  const to = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  const cls = "flex min-h-11 items-center rounded-md bg-white px-4 ring-1 ring-stone-300 hover:bg-stone-50";
  return (
    <nav aria-label={t("pagination.label")} className="flex items-center justify-between gap-2 text-sm">
      {page > 1 ? (
        <Link to={to(page - 1)} className={cls}>
          {t("pagination.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-stone-600">{t("pagination.status", { page, pageCount })}</span>
      {page < pageCount ? (
        <Link to={to(page + 1)} className={cls}>
          {t("pagination.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
