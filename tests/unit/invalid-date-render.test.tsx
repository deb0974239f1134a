import i18next from "i18next";
import { renderToString } from "react-dom/server";
import { initReactI18next } from "react-i18next";
import { DateTime } from "~/components/DateTime";
import zh from "~/locales/zh-CN/common.json";
import { TimeZoneContext } from "~/utils/time-zone";

/** Issue 23, finding 3: a stored moment that is no date renders as 日期无效, never a RangeError for the whole page. */
beforeAll(async () => {
  await i18next
    .use(initReactI18next)
    .init({ lng: "zh-CN", resources: { "zh-CN": { translation: zh } }, interpolation: { escapeValue: false } });
});

describe("<DateTime>", () => {
  it("shows a real moment in China time", () => {
    const html = renderToString(<DateTime value="2026-12-05T01:00:00.000Z" />);
    expect(html).toContain('dateTime="2026-12-05T01:00:00.000Z"');
    expect(html).toContain("09:00");
  });

  it("shows it in the zone the root route provides (APP_TIME_ZONE on the server)", () => {
    const html = renderToString(
      <TimeZoneContext.Provider value="Asia/Urumqi">
        <DateTime value="2026-12-05T01:00:00.000Z" />
      </TimeZoneContext.Provider>,
    );
    expect(html).toContain("07:00");
  });

  it.each([null, "Invalid date", "2026-13-45T99:99"])("shows 日期无效 for %j", (value) => {
    expect(renderToString(<DateTime value={value} />)).toBe("<span>日期无效</span>");
  });
});
