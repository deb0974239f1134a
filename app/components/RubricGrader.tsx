import { useState } from "react";
import { useTranslation } from "react-i18next";
import { scoreOf, type Rubric, type RubricGrade } from "~/lib/rubric";
import { inputClass } from "./form";

/**
 * The rubric as a grading form: one radio group per criterion and a comment each. The total is
 * computed as levels are picked (with JavaScript); without it, saving computes it on the server.
 */
export function RubricGrader({ rubric, grade }: { rubric: Pick<Rubric, "criteria" | "maxPoints">; grade: RubricGrade | null }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<RubricGrade>(grade ?? {});
  const total = scoreOf(rubric, picked);
  return (
    <div className="space-y-3">
      {rubric.criteria.map((c) => (
        <fieldset key={c.id} className="rounded-md border border-stone-200 p-3">
          <legend className="px-1 font-medium">{c.name}</legend>
          {c.description ? <p className="text-xs text-stone-500">{c.description}</p> : null}
          <div className="mt-2 space-y-1">
            {c.levels.map((l) => (
              <label key={l.id} className="flex min-h-11 cursor-pointer items-start gap-2 rounded p-2 has-[:checked]:bg-brand-50">
                <input
                  type="radio"
                  name={`level.${c.id}`}
                  value={l.id}
                  defaultChecked={grade?.[c.id]?.levelId === l.id}
                  onChange={() => setPicked((p) => ({ ...p, [c.id]: { levelId: l.id, comment: p[c.id]?.comment ?? "" } }))}
                  className="mt-1 size-4"
                />
                <span>
                  <span className="font-medium">{l.name}</span> · {t("rubric.pointsValue", { points: l.points })}
                  {l.description ? <span className="block text-xs text-stone-500">{l.description}</span> : null}
                </span>
              </label>
            ))}
          </div>
          <input
            name={`comment.${c.id}`}
            defaultValue={grade?.[c.id]?.comment ?? ""}
            maxLength={1000}
            placeholder={t("grading.criterionComment")}
            aria-label={t("grading.criterionComment")}
            className={`${inputClass} mt-2`}
          />
        </fieldset>
      ))}
      <p className="text-lg font-semibold" aria-live="polite">
        {t("grading.total", { score: total?.score ?? 0, max: rubric.maxPoints })}
        {total && !total.complete ? <span className="ml-2 text-sm font-normal text-stone-500">{t("grading.incompleteHint")}</span> : null}
      </p>
    </div>
  );
}
