import { eventIcs } from "~/.server/events/ics";

describe("event .ics", () => {
  const ics = eventIcs(
    {
      id: 7,
      title: "调解实训演练：邻里纠纷模拟调解，第二期; 报名从速",
      place: "青山县司法局三楼会议室",
      description: "第一行\n第二行，带逗号",
      startsAt: new Date("2026-12-05T01:00:00Z"),
      endsAt: new Date("2026-12-05T04:30:00Z"),
    },
    "academy.example",
    new Date("2026-11-23T00:00:00Z"),
  );

  it("carries UTC times, a stable UID and escaped text", () => {
    expect(ics).toContain("DTSTART:20261205T010000Z\r\n");
    expect(ics).toContain("DTEND:20261205T043000Z\r\n");
    expect(ics).toContain("UID:training-event-7@academy.example\r\n");
    expect(ics.replace(/\r\n /g, "")).toContain("SUMMARY:调解实训演练：邻里纠纷模拟调解，第二期\\; 报名从速");
    expect(ics.replace(/\r\n /g, "")).toContain("DESCRIPTION:第一行\\n第二行，带逗号");
  });

  it("folds lines at 75 octets without splitting a character", () => {
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });

  it("escapes a bare CR like any line break, so no line of the file can be ended or forged from inside a text", () => {
    const forged = eventIcs(
      {
        id: 8,
        title: "讲座\rDTSTART:19700101T000000Z",
        place: "会议室\r\nEND:VEVENT",
        description: "甲\r乙\n丙",
        startsAt: new Date(0),
        endsAt: new Date(3600_000),
      },
      "academy.example",
      new Date(0),
    );
    const lines = forged.split("\r\n");
    expect(forged.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(lines.filter((l) => l.startsWith("DTSTART:"))).toEqual(["DTSTART:19700101T000000Z"]);
    expect(lines.filter((l) => l === "END:VEVENT")).toHaveLength(1);
    expect(forged.replace(/\r\n /g, "")).toContain("SUMMARY:讲座\\nDTSTART:19700101T000000Z");
    expect(forged.replace(/\r\n /g, "")).toContain("DESCRIPTION:甲\\n乙\\n丙");
  });
});
