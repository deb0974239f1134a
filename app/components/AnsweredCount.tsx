import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { isAnswered } from "~/lib/quiz-view";

/**
 * 已答 x / N: rendered on the server from the saved answers; with JavaScript it follows every
 * change in the attempt's form (each question's fields are named q<position>).
 */
export function AnsweredCount({ formId, positions, initial }: { formId: string; positions: number[]; initial: number }) {
  const { t } = useTranslation();
  const [answered, setAnswered] = useState(initial);
  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    if (!form) return;
    const count = () => {
      const data = new FormData(form);
      setAnswered(positions.filter((p) => isAnswered(data.getAll(`q${p}`).map(String))).length);
    };
    count();
    form.addEventListener("input", count);
    form.addEventListener("change", count);
    return () => {
      form.removeEventListener("input", count);
      form.removeEventListener("change", count);
    };
  }, [formId, positions]);
  return (
    <p className="text-sm font-medium text-stone-700" aria-live="polite">
      {t("quiz.answeredCount", { answered, total: positions.length })}
    </p>
  );
}
