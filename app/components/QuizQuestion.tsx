import type { SubmissionResult } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ShownItem } from "~/lib/quiz-view";
import { inputClass, useErrorText } from "./form";

const LETTERS = "ABCDEFGH";

/**
 * One question of an attempt. Inside the attempt's form it posts with the whole page (no
 * JavaScript); with JavaScript every change is also saved at once through its own fetcher.
 */
export function QuizQuestion({ item, index }: { item: ShownItem; index: number }) {
  const { t } = useTranslation();
  // The action answers { saved } or a refusal { result } (app/.server/web/reply.ts).
  const fetcher = useFetcher<{ saved?: number[]; result?: SubmissionResult<string[]> }>({ key: `answer-${item.position}` });
  const errorText = useErrorText();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const name = `q${item.position}`;

  function save(fieldset: HTMLFieldSetElement, delay: number) {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const data = new FormData();
      data.set("intent", "answer");
      data.set("autosave", "1");
      data.set("present", String(item.position));
      for (const el of Array.from(fieldset.elements)) {
        const input = el as HTMLInputElement | HTMLTextAreaElement;
        if (input.name !== name) continue;
        if (input instanceof HTMLInputElement && (input.type === "radio" || input.type === "checkbox") && !input.checked) continue;
        data.append(name, input.value);
      }
      // A newer save of this question aborts one still in flight; that rejection is expected.
      Promise.resolve(fetcher.submit(data, { method: "post" })).catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) throw error;
      });
    }, delay);
  }

  const status =
    fetcher.state !== "idle"
      ? t("quiz.saving")
      : fetcher.data?.result?.error?.[""]?.length
        ? errorText(fetcher.data.result.error[""][0])
        : fetcher.data?.saved
          ? t("quiz.saved")
          : "";
  const choices =
    item.type === "true_false"
      ? [
          { token: "true", text: t("quiz.true") },
          { token: "false", text: t("quiz.false") },
        ]
      : item.options;
  return (
    <fieldset
      className="rounded-lg bg-white p-4 ring-1 ring-stone-200"
      onChange={(e) => save(e.currentTarget, item.type === "short" ? 800 : 0)}
    >
      <legend className="sr-only">{t("quiz.questionNumber", { number: index + 1 })}</legend>
      <p className="text-xs font-medium text-stone-500">
        {t("quiz.questionNumber", { number: index + 1 })} · {t(`quiz.type.${item.type}`)}
      </p>
      <p className="mt-1 whitespace-pre-line text-base text-stone-900">{item.stem}</p>
      {item.type === "short" ? (
        <textarea
          name={name}
          rows={8}
          maxLength={5000}
          defaultValue={item.answer[0] ?? ""}
          aria-label={t("quiz.yourAnswer")}
          className={`${inputClass} mt-3`}
        />
      ) : (
        <div className="mt-3 space-y-2">
          {choices.map((o, i) => (
            <label
              key={o.token}
              className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-stone-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input
                type={item.type === "multiple" ? "checkbox" : "radio"}
                name={name}
                value={o.token}
                defaultChecked={item.answer.includes(o.token)}
                className="mt-1 size-4 shrink-0"
              />
              <span>
                {item.type === "true_false" ? "" : `${LETTERS[i]}. `}
                {o.text}
              </span>
            </label>
          ))}
        </div>
      )}
      <p className="mt-2 min-h-5 text-xs text-stone-500" aria-live="polite">
        {status}
      </p>
    </fieldset>
  );
}
