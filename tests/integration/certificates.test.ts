import { inTransaction } from "~/.server/db/connection";
import { AuditEvent, Certificate, Mediator, OrgUnit, User } from "~/.server/db/models";
import { createOrgUnit, getOrgScope } from "~/.server/org";
import {
  CertificateError,
  certificateView,
  issueCertificate,
  markDowngraded,
  revokeCertificate,
  type Actor,
  type IssueInput,
} from "~/.server/certificates/certificates";
import { randomCode } from "~/.server/certificates/code";
import { recordFailedLookup } from "~/.server/certificates/lookup-limit";
import { certificatePdf } from "~/.server/certificates/pdf";
import { localeCookie } from "~/.server/i18n";
import { formatCode, verifyPath } from "~/lib/certificate";
import { todayInChina, addDays } from "~/lib/dates";
import { loader as verifyLoader } from "~/routes/verify.$code";
import { loader as verifyFormLoader } from "~/routes/verify._index";
import { getSequelize } from "~/.server/db/connection";
import { QueryTypes } from "sequelize";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { pdfText } from "../support/pdf-text";

let db: TestDatabase;
let county: Actor;
let otherCounty: Actor;
const u = {} as Record<"city" | "county" | "other" | "town" | "committee" | "otherCommittee", OrgUnit>;
const m = {} as Record<"zhang" | "li" | "ouyang" | "zhao" | "far", Mediator>;
const today = todayInChina();

beforeAll(async () => {
  db = await createMigratedDatabase();
  await inTransaction(async (t) => {
    u.city = await createOrgUnit({ parentId: null, kind: "city", name: "云溪市" }, t);
    u.county = await createOrgUnit({ parentId: u.city.id, kind: "county", name: "青山县司法局" }, t);
    u.other = await createOrgUnit({ parentId: u.city.id, kind: "county", name: "临河区司法局" }, t);
    u.town = await createOrgUnit({ parentId: u.county.id, kind: "township", name: "城关镇" }, t);
    u.committee = await createOrgUnit(
      { parentId: u.town.id, kind: "committee", committeeKind: "village_resident", name: "东门社区人民调解委员会" },
      t,
    );
    u.otherCommittee = await createOrgUnit(
      { parentId: u.other.id, kind: "committee", committeeKind: "village_resident", name: "望江社区人民调解委员会" },
      t,
    );
    const person = (orgUnitId: number, name: string) =>
      Mediator.create(
        { orgUnitId, name, gender: "male", birthYear: 1970, employment: "part_time", appointedOn: "2015-03-01", phone: "13900001111" },
        { transaction: t },
      );
    m.zhang = await person(u.committee.id, "张振胜");
    m.li = await person(u.committee.id, "李明");
    m.ouyang = await person(u.committee.id, "欧阳振华");
    m.zhao = await person(u.committee.id, "赵德林");
    m.far = await person(u.otherCommittee.id, "钱学文");
  });
  const user = await User.create({
    username: "county_admin",
    displayName: "青山县司法局 陈某",
    passwordHash: "x",
    passwordChangedAt: null,
  });
  county = { id: user.id, scopes: [(await getOrgScope(u.county.id))!], ip: "test" };
  otherCounty = { id: user.id, scopes: [(await getOrgScope(u.other.id))!], ip: "test" };
});
afterAll(() => db.drop());

const input = (over: Partial<IssueInput> = {}): IssueInput => ({
  mediatorId: m.zhang.id,
  level: "level4",
  levelName: "四级调解员",
  issuerOrgUnitId: u.county.id,
  issuedOn: addDays(today, -30),
  validUntil: addDays(today, 700),
  ...over,
});

let address = 0;
/** The verify page as a phone gets it, from its own address unless one is given. */
async function page(code: string, options: { ip?: string; lng?: string } = {}) {
  const headers = new Headers({ "x-academy-client-ip": options.ip ?? `10.0.0.${++address}` });
  if (options.lng) headers.set("Cookie", await localeCookie.serialize(options.lng));
  const request = new Request(`http://localhost/verify/${encodeURIComponent(code)}`, { headers });
  const response = (await verifyLoader({ request, params: { code }, context: {} })) as Response;
  return { status: response.status, html: await response.text(), type: response.headers.get("Content-Type") };
}

describe("issuing a certificate", () => {
  it("records the holder, level and issuer as printed, with a unique code, audited", async () => {
    const c = await issueCertificate(county, input());
    expect(c).toMatchObject({ holderName: "张振胜", levelName: "四级调解员", issuerName: "青山县司法局", status: "valid", roundId: null });
    expect(c.code).toHaveLength(12);
    const logged = await AuditEvent.findOne({ where: { action: "certificate.issue", targetId: String(c.id) } });
    expect(logged?.actorUserId).toBe(county.id);
  });

  it("refuses an issuer that is not above the mediator, or outside the actor's scope, or bad dates, and writes nothing", async () => {
    const before = await Certificate.count();
    await expect(issueCertificate(county, input({ issuerOrgUnitId: u.other.id }))).rejects.toMatchObject({ code: "issuer" });
    await expect(issueCertificate(county, input({ issuerOrgUnitId: u.committee.id }))).rejects.toMatchObject({ code: "issuer" });
    await expect(issueCertificate(otherCounty, input())).rejects.toMatchObject({ code: "scope" });
    await expect(issueCertificate(county, input({ validUntil: addDays(today, -40) }))).rejects.toBeInstanceOf(CertificateError);
    await expect(issueCertificate(county, input({ mediatorId: 99_999_999 }))).rejects.toMatchObject({ code: "mediator" });
    expect(await Certificate.count()).toBe(before);
  });
});

describe("the public verify page", () => {
  it("shows a valid certificate: masked name, level, issuer, dates, code — and nothing private", async () => {
    const c = await issueCertificate(county, input({ mediatorId: m.li.id }));
    const { status, html, type } = await page(formatCode(c.code));
    expect(status).toBe(200);
    expect(type).toMatch(/text\/html/);
    expect(html).toContain("有效");
    expect(html).toContain("该证书真实有效");
    expect(html).toContain("李*");
    expect(html).not.toContain("李明");
    expect(html).toContain("四级调解员");
    expect(html).toContain("青山县司法局");
    expect(html).toContain(formatCode(c.code));
    expect(html).not.toContain("东门社区");
    expect(html).not.toContain("13900001111");
    expect(html).not.toMatch(/<script/i);
  });

  it("reads a code typed in lower case without dashes", async () => {
    const c = await Certificate.findOne({ where: { mediatorId: m.li.id } });
    const { status, html } = await page(c!.code.toLowerCase());
    expect(status).toBe(200);
    expect(html).toContain("李*");
  });

  it("shows a superseded certificate with a link to the newer one, and the dated level history", async () => {
    const old = await issueCertificate(county, input({ mediatorId: m.zhao.id, issuedOn: "2022-05-10", validUntil: "2024-05-09" }));
    const newer = await issueCertificate(
      county,
      input({ mediatorId: m.zhao.id, level: "level3", levelName: "三级调解员", issuedOn: "2024-06-01", validUntil: addDays(today, 500) }),
    );
    await old.reload();
    expect(old).toMatchObject({ status: "superseded", supersededById: newer.id, statusOn: "2024-06-01" });
    const { html } = await page(old.code);
    expect(html).toContain("已被取代");
    expect(html).toContain("2024年6月1日被新证书取代");
    expect(html).toContain(`href="${verifyPath(newer.code)}"`);
    expect(html).toContain("等级记录");
    expect(html).toContain("2022年5月10日");
    expect(html).toContain("三级调解员");
    expect(html).toContain("赵*林");
    const current = await page(newer.code);
    expect(current.html).toContain("有效");
  });

  it("shows an expired certificate", async () => {
    const c = await issueCertificate(county, input({ mediatorId: m.ouyang.id, issuedOn: "2020-01-10", validUntil: "2022-01-09" }));
    const { html } = await page(c.code);
    expect(html).toContain("已过期");
    expect(html).toContain("2022年1月9日到期");
    expect(html).toContain("欧**华");
  });

  it("shows a revoked certificate with its date and reason category, never the reason text; the revocation is audited", async () => {
    const c = await Certificate.findOne({ where: { mediatorId: m.li.id, status: "valid" } });
    const refused = await revokeCertificate(otherCounty, c!.id, { category: "misconduct", reason: "x" });
    expect(refused).toEqual({ ok: false, error: "scope" });
    const result = await revokeCertificate(county, c!.id, { category: "misconduct", reason: "收受当事人礼品，经调查属实。" }, "2026-08-14");
    expect(result.ok).toBe(true);
    const again = await revokeCertificate(county, c!.id, { category: "misconduct", reason: "重复提交" });
    expect(again).toEqual({ ok: false, error: "state" });
    const { html } = await page(c!.code);
    expect(html).toContain("已撤销");
    expect(html).toContain("2026年8月14日撤销");
    expect(html).toContain("违法违纪");
    expect(html).not.toContain("收受当事人礼品");
    const logged = await AuditEvent.findOne({ where: { action: "certificate.revoke", targetId: String(c!.id) } });
    expect(logged?.reason).toBe("收受当事人礼品，经调查属实。");
    expect(logged?.actorUserId).toBe(county.id);
  });

  it("shows a downgraded certificate", async () => {
    const c = await issueCertificate(county, input({ mediatorId: m.far.id, issuerOrgUnitId: u.other.id }), null).catch(() => null);
    expect(c).toBeNull(); // 钱学文 is not under 青山县
    const own = await issueCertificate(
      otherCounty,
      input({ mediatorId: m.far.id, issuerOrgUnitId: u.other.id, level: "level3", levelName: "三级调解员" }),
    );
    const result = await markDowngraded(otherCounty, own.id, { reason: "复核未达三级标准。", on: "2026-05-20" });
    expect(result.ok).toBe(true);
    const { html } = await page(own.code);
    expect(html).toContain("已降级");
    expect(html).toContain("2026年5月20日降级");
    expect(await AuditEvent.count({ where: { action: "certificate.downgrade", targetId: String(own.id) } })).toBe(1);
  });

  it("a re-evaluation to a lower level can mark the old certificate downgraded, pointing at the new one", async () => {
    const zhang = await Certificate.findOne({ where: { mediatorId: m.zhang.id, status: "valid" } });
    const lower = await issueCertificate(county, input({ level: "level5", levelName: "五星调解员" }), null, { previous: "downgraded" });
    await zhang!.reload();
    expect(zhang).toMatchObject({ status: "downgraded", supersededById: lower.id });
    const { html } = await page(zhang!.code);
    expect(html).toContain("已降级");
    expect(html).toContain(`href="${verifyPath(lower.code)}"`);
  });

  it("an unknown code is 'not found'; a mistyped one says it is mistyped", async () => {
    const unknown = await page(randomCode());
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain("未找到该验证码对应的证书");
    const real = (await Certificate.findOne())!.code;
    const typo = real.slice(0, 3) + (real[3] === "A" ? "B" : "A") + real.slice(4);
    const mistyped = await page(typo);
    expect(mistyped.status).toBe(400);
    expect(mistyped.html).toContain("验证码有误");
    expect(mistyped.html).not.toContain("未找到");
    expect(mistyped.html).toContain(`value="${typo}"`);
    expect((await page("ABC")).html).toContain("应为12位");
    expect((await page(`O${real.slice(1)}`)).html).toContain("无效字符");
  });

  it("speaks English when the visitor chose it", async () => {
    const c = (await Certificate.findOne({ where: { mediatorId: m.ouyang.id } }))!;
    const { html } = await page(c.code, { lng: "en" });
    expect(html).toContain("Expired");
    expect(html).toContain('lang="en"');
  });

  it("the lookup form sends a typed code to its own address", async () => {
    const request = new Request("http://localhost/verify?code=abcd-efgh%20jkmn", { headers: { "x-academy-client-ip": "10.9.9.9" } });
    const thrown = await Promise.resolve(verifyFormLoader({ request, params: {}, context: {} })).catch((r: unknown) => r);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe("/verify/ABCDEFGHJKMN");
    const form = (await verifyFormLoader({ request: new Request("http://localhost/verify"), params: {}, context: {} })) as Response;
    expect(await form.text()).toContain('name="code"');
  });
});

describe("lookups are rate-limited per address", () => {
  const limit = process.env.VERIFY_FAILURES_PER_WINDOW;
  beforeAll(() => {
    process.env.VERIFY_FAILURES_PER_WINDOW = "5";
  });
  afterAll(() => {
    if (limit === undefined) delete process.env.VERIFY_FAILURES_PER_WINDOW;
    else process.env.VERIFY_FAILURES_PER_WINDOW = limit;
  });

  it("after too many failed lookups an address gets no answer, not even for a real code; other addresses still do", async () => {
    const real = (await Certificate.findOne())!.code;
    for (let i = 0; i < 3; i++) expect((await page(real, { ip: "203.0.113.7" })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await page(randomCode(), { ip: "203.0.113.7" })).status).toBe(404);
    const blocked = await page(real, { ip: "203.0.113.7" });
    expect(blocked.status).toBe(429);
    expect(blocked.html).toContain("请10分钟后再试");
    expect(blocked.html).not.toContain("四级调解员");
    expect((await page(real, { ip: "203.0.113.8" })).status).toBe(200);
  });

  it("counts concurrent failures exactly (one atomic upsert each)", async () => {
    const now = new Date();
    await Promise.all(Array.from({ length: 20 }, () => recordFailedLookup("198.51.100.1", now)));
    const rows = (await getSequelize().query("SELECT hits FROM verify_lookups WHERE bucket = 'verify:198.51.100.1'", {
      type: QueryTypes.SELECT,
    })) as { hits: number }[];
    expect(rows.map((r) => Number(r.hits))).toEqual([20]);
  });
});

describe("the certificate PDF", () => {
  it("opens and holds the holder's name, the level, the issuer and the code as text (embedded Chinese font)", async () => {
    const c = (await Certificate.findOne({ where: { mediatorId: m.zhao.id, status: "valid" } }))!;
    const pdf = await certificatePdf(await certificateView(c), `https://academy.example${verifyPath(c.code)}`);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    const { text, pages } = await pdfText(pdf);
    expect(text).toContain("赵德林");
    expect(text).toContain("三级调解员");
    expect(text).toContain("青山县司法局");
    expect(text).toContain(formatCode(c.code));
    expect(text).toContain("人民调解员等级证书");
    expect(pages).toBe(1);
    // The fonts are embedded subsets: a few dozen kilobytes, not the whole font.
    expect(pdf.length).toBeLessThan(400_000);
  });

  it("a certificate that is no longer valid says so across the page", async () => {
    const c = (await Certificate.findOne({ where: { status: "revoked" } }))!;
    const pdf = await certificatePdf(await certificateView(c), "https://academy.example/verify/x");
    const { text } = await pdfText(pdf);
    expect(text.replace(/\s/g, "")).toContain("已撤销");
  });
});
