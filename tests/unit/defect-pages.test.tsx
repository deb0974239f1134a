import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { renderToString } from "react-dom/server";
import zh from "~/locales/zh-CN/common.json";
import { AttachmentList } from "~/components/AttachmentList";

beforeAll(async () => {
  await i18next
    .use(initReactI18next)
    .init({ lng: "zh-CN", resources: { "zh-CN": { translation: zh } }, interpolation: { escapeValue: false } });
});

describe("attachment list", () => {
  it("shows images inline as thumbnails from the download route, other files as links only", () => {
    const html = renderToString(
      <AttachmentList
        files={[
          { id: 7, name: "庭审照片.png", size: 2048, mime: "image/png" },
          { id: 8, name: "旁听证明.pdf", size: 1024, mime: "application/pdf" },
        ]}
        href={(id) => `/training/logs/3/files/${id}`}
        removable={false}
      />,
    );
    expect(html).toMatch(/<img[^>]*src="\/training\/logs\/3\/files\/7"/);
    expect(html).not.toMatch(/<img[^>]*src="\/training\/logs\/3\/files\/8"/);
    expect(html).toContain('href="/training/logs/3/files/8"');
  });
});

describe("a course's call to action", () => {
  it("says 开始学习, then 继续学习, and 已完成 · 复习 once the course is completed", async () => {
    const { studyStep } = await import("~/lib/course");
    expect(studyStep({ read: [], completedAt: null })).toBe("start");
    expect(studyStep({ read: ["one"], completedAt: null })).toBe("continue");
    expect(studyStep({ read: ["one", "two"], completedAt: "2026-11-02T08:00:00.000Z" })).toBe("review");
    expect(zh.courses.review).toBe("已完成 · 复习");
  });
});

describe("quiz progress and phone links", () => {
  it("renders 已答 x / N on the server from the saved answers", async () => {
    const { AnsweredCount } = await import("~/components/AnsweredCount");
    const { answeredCount } = await import("~/lib/quiz-view");
    const items = [{ answer: ["a"] }, { answer: [] }, { answer: ["  "] }, { answer: ["把证据理清楚"] }];
    expect(answeredCount(items)).toBe(2);
    const html = renderToString(<AnsweredCount formId="attempt-form" positions={[1, 2, 3, 4]} initial={answeredCount(items)} />);
    expect(html).toContain("已答 2 / 4");
  });

  it("makes roster phone numbers tap-to-call links", async () => {
    const { telHref } = await import("~/lib/mediator");
    expect(telHref("13912345678")).toBe("tel:13912345678");
    expect(telHref("0551-6543210")).toBe("tel:05516543210");
    const { MediatorProfile } = await import("~/components/MediatorProfile");
    const html = renderToString(
      <MediatorProfile
        profile={
          {
            gender: "female",
            birthYear: 1972,
            phone: "13912345678",
            idCard: "",
            education: null,
            orgChain: ["青山县", "东镇"],
            employment: "part_time",
            appointedOn: null,
            yearsOfService: null,
            specialties: [],
            isExpert: false,
            gradeLevel: null,
            status: "active",
            statusChangedOn: null,
            statusReason: null,
          } as never
        }
      />,
    );
    expect(html).toContain('href="tel:13912345678"');
  });
});
