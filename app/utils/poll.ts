import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/**
 * With JavaScript, asks the loader again every `ms` while the page is visible (and `active`); a
 * page without JavaScript refreshes itself with a <meta http-equiv="refresh"> in <noscript>.
 */
export function usePoll(ms: number, active = true) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && state === "idle") revalidate();
    }, ms);
    return () => clearInterval(timer);
  }, [ms, active, revalidate, state]);
}
