import { useTranslation } from "react-i18next";

/**
 * Lessons read out of the course's lessons. A native <progress> element: no inline style, which
 * the Content-Security-Policy would block.
 */
export function ProgressBar({ read, total, completed }: { read: number; total: number; completed: boolean }) {
  const { t } = useTranslation();
  const bar = completed
    ? "[&::-webkit-progress-value]:bg-emerald-600 [&::-moz-progress-bar]:bg-emerald-600"
    : "[&::-webkit-progress-value]:bg-brand-600 [&::-moz-progress-bar]:bg-brand-600";
  return (
    <div className="mt-3">
      <progress
        value={read}
        max={total || 1}
        aria-label={t("courses.progressLabel")}
        className={`block h-2 w-full appearance-none overflow-hidden rounded-full bg-stone-200 [&::-webkit-progress-bar]:bg-stone-200 [&::-webkit-progress-value]:rounded-full ${bar}`}
      />
      <p className="mt-1 text-xs text-stone-600">{completed ? t("courses.completed") : t("courses.progress", { read, total })}</p>
    </div>
  );
}
