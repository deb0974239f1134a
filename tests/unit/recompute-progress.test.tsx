import i18next from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { initReactI18next } from "react-i18next";
import { RecomputeProgress } from "~/components/RecomputeProgress";
import zh from "~/locales/zh-CN/common.json";

/** Issue 24: what the policy page says about a background recompute, in each state. */
beforeAll(async () => {
  await i18next
    .use(initReactI18next)
    .init({ lng: "zh-CN", resources: { "zh-CN": { translation: zh } }, interpolation: { escapeValue: false } });
});

const render = (status: string, processed = 0, finishedAt: string | null = null) =>
  renderToStaticMarkup(<RecomputeProgress status={status} total={200000} processed={processed} finishedAt={finishedAt} />);

describe("<RecomputeProgress>", () => {
  it("says a queued job waits, and refreshes the page without JavaScript", () => {
    const html = render("queued");
    expect(html).toContain("下属200000名调解员的达标情况将在后台重新计算");
    expect(html).toContain('<meta http-equiv="refresh" content="10"/>');
  });

  it("shows how far a running job got, as text and as a progress bar", () => {
    const html = render("running", 50500);
    expect(html).toContain("已完成50500名，共200000名（25%）");
    expect(html).toContain('<progress max="200000" value="50500"');
  });

  it("says when it finished, no longer refreshing; a failure asks to save again; a superseded job shows nothing", () => {
    const done = render("done", 200000, "2026-12-03T02:30:00.000Z");
    expect(done).toContain("重新计算了200000名调解员，完成于");
    expect(done).toContain("10:30");
    expect(done).not.toContain("refresh");
    expect(render("failed")).toContain("请再次保存标准");
    expect(render("superseded")).toBe("");
  });
});
