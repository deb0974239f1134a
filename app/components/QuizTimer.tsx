import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Time left, counted against the server's clock (the page carries the server's "now"). At zero it
 * submits the attempt; if the browser never does, the server closes the attempt by itself.
 */
export function QuizTimer({ deadlineAt, serverNow, formId }: { deadlineAt: string; serverNow: string; formId: string }) {
  const { t } = useTranslation();
  const deadline = new Date(deadlineAt).getTime();
  const [left, setLeft] = useState(() => deadline - new Date(serverNow).getTime());
  useEffect(() => {
    const skew = new Date(serverNow).getTime() - Date.now();
    let submitted = false;
    const tick = () => {
      const ms = deadline - (Date.now() + skew);
      setLeft(ms);
      if (ms <= 0 && !submitted) {
        submitted = true;
        const form = document.getElementById(formId) as HTMLFormElement | null;
        const button = form?.querySelector<HTMLButtonElement>('button[value="submit"]');
        if (form && button) {
          // Time is up: no "questions unanswered, submit anyway?" step.
          const confirm = document.createElement("input");
          confirm.type = "hidden";
          confirm.name = "confirm";
          confirm.value = "1";
          form.append(confirm);
          form.requestSubmit(button);
        }
      }
    };
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [deadline, serverNow, formId]);
  const s = Math.max(0, Math.floor(left / 1000));
  const text = `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  return (
    <p className={`font-mono text-lg ${s < 60 ? "text-seal-600" : "text-brand-800"}`} role="timer" aria-label={t("quiz.timeLeft")}>
      {t("quiz.timeLeft")} {text}
    </p>
  );
}
