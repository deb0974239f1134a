import { Op } from "sequelize";
import { MediationRoom, Mediator, RoomRating, User } from "~/.server/db/models";
import { eligibilityOf } from "~/.server/rooms/eligibility";
import { policyAt } from "~/.server/rooms/policy";
import { directory } from "~/.server/rooms/public";
import { DEFAULT_ROOM_POLICY } from "~/lib/rooms";
import { todayInChina } from "~/lib/dates";
import { seedDemo } from "../../db/seeders/demo";
import * as roomDirectory from "~/routes/rooms._index";
import * as roomPublic from "~/routes/rooms.$slug._index";
import * as roomPlaque from "~/routes/rooms.$slug.plaque";
import { MediationRoomMediator } from "~/.server/db/models";
import * as roomApply from "~/routes/rooms.apply";
import { cookieFor } from "../support/personas";
import { jpegWithExif, pixelBombPng, pngLogo } from "../support/images";
import { createMigratedDatabase, type TestDatabase } from "../support/db";

/** The demo's rooms: what the README promises of them. */
let db: TestDatabase;
beforeAll(async () => {
  db = await createMigratedDatabase();
  await seedDemo();
}, 180_000);
afterAll(() => db.drop());

describe("demo rooms", () => {
  it("15 named (one since withdrawn), two pending, none of demo_mediator's", async () => {
    const rooms = await MediationRoom.findAll();
    const count = (status: string) => rooms.filter((r) => r.status === status).length;
    expect(count("named")).toBe(14);
    expect(count("withdrawn")).toBe(1);
    expect(count("submitted") + count("committee_consented")).toBe(2);
    expect(count("committee_consented")).toBe(1);
    const demo = (await User.findOne({ where: { username: "demo_mediator" } }))!;
    expect(rooms.filter((r) => r.appliedBy === demo.id)).toEqual([]);
    for (const r of rooms) expect(Object.keys(r.images ?? {})).toHaveLength(5);
    expect((await directory({})).total).toBe(14);
  });

  it("star histories over three years", async () => {
    const years = new Set((await RoomRating.findAll({ where: { stars: { [Op.gte]: 1 } } })).map((r) => r.year));
    expect(years.size).toBe(3);
  });

  it("demo_mediator meets 青山县's own rule and not the default one", async () => {
    const demo = (await User.findOne({ where: { username: "demo_mediator" } }))!;
    const mediator = (await Mediator.findOne({ where: { userId: demo.id } }))!;
    const { policy } = await policyAt(mediator.orgPath);
    const [own] = await eligibilityOf(policy, mediator.orgPath, [mediator.id], todayInChina());
    expect(own.eligible).toBe(true);
    const [quanzhou] = await eligibilityOf(DEFAULT_ROOM_POLICY, mediator.orgPath, [mediator.id], todayInChina());
    expect(Object.fromEntries(quanzhou.rules.map((r) => [r.key, r.met]))).toMatchObject({ disputes: false, level: false });
  });
});

const BASE = "http://localhost";
const page = async (url: string, slug?: string) => {
  const request = new Request(`${BASE}${url}`);
  const args = { request, params: slug ? { slug } : {}, context: {} };
  return (await (slug
    ? url.endsWith("/plaque")
      ? roomPlaque.loader(args)
      : roomPublic.loader(args)
    : roomDirectory.loader(args))) as Response;
};

describe("public room pages", () => {
  it("a room page: branded, shareable, and without any mediator's private data", async () => {
    const room = (await MediationRoom.findOne({ where: { status: "named", kind: "personal" }, order: [["id", "ASC"]] }))!;
    const response = await page(`/rooms/${room.slug}`, room.slug);
    expect(response.status).toBe(200);
    expect(response.headers.get("Set-Cookie")).toBeNull();
    const html = await response.text();
    expect(html).toContain(room.name);
    expect(html).toContain(`<meta property="og:title" content="${room.name}"/>`);
    expect(html).toContain('"@type":"LocalBusiness"');
    expect(html).toContain(`href="tel:${room.phone.replace(/-/g, "")}"`);
    expect(html).toContain("https://uri.amap.com/search?keyword=");
    expect(html).toContain("data:image/svg+xml;base64,");
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    const links = await MediationRoomMediator.findAll({ where: { roomId: room.id } });
    const people = await Mediator.findAll({ where: { id: links.map((l) => l.mediatorId) } });
    for (const p of people) {
      expect(html).toContain(p.name);
      if (p.phone) expect(html).not.toContain(p.phone);
      if (p.idCardLast4) expect(html).not.toContain(p.idCardLast4);
    }
    expect(html).not.toContain("demo_");
    // The same bytes for every signed-out visitor.
    expect(await (await page(`/rooms/${room.slug}`, room.slug)).text()).toBe(html);
  });

  it("a withdrawn room's page says 已摘牌 with the date; an unknown one is a 404 page", async () => {
    const room = (await MediationRoom.findOne({ where: { status: "withdrawn" } }))!;
    const response = await page(`/rooms/${room.slug}`, room.slug);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`已于 ${room.statusOn} 摘牌`);
    expect(html).not.toContain("tel:");
    const missing = await page("/rooms/zzzzzzzz", "zzzzzzzz");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("未找到调解室");
    const draft = (await MediationRoom.findOne({ where: { status: "submitted" } }))!;
    expect((await page(`/rooms/${draft.slug}`, draft.slug)).status).toBe(404);
  });

  it("the directory filters by region, specialty, kind and stars, and pages", async () => {
    const html = await (await page("/rooms")).text();
    expect(html).toContain("共 14 个调解室");
    expect(html).toContain("第 1 / 2 页");
    const traffic = await (await page("/rooms?specialty=traffic")).text();
    expect(traffic).toContain("安行交通事故调解工作室");
    expect(traffic).not.toContain("纺城劳资和谐调解室");
    const brand = await directory({ kind: "brand" });
    expect(brand.cards.every((c) => c.kind === "brand")).toBe(true);
    const five = await directory({ stars: 5 });
    expect(five.cards.every((c) => c.stars === 5)).toBe(true);
    const linhe = brand.regions.find((r) => r.name === "临河区")!;
    const inLinhe = await directory({ region: linhe.id });
    expect(inLinhe.cards.every((c) => c.region === "临河区")).toBe(true);
    expect(inLinhe.total).toBe(7);
    expect((await page("/rooms?page=abc&stars=9&kind=x")).status).toBe(200);
  });

  it("the plaque carries the QR code of the room's address", async () => {
    const room = (await MediationRoom.findOne({ where: { status: "named" } }))!;
    const html = await (await page(`/rooms/${room.slug}/plaque`, room.slug)).text();
    expect(html).toContain(`${BASE}/rooms/${room.slug}`);
    expect(html).toContain("data:image/svg+xml;base64,");
  });
});

describe("applying through the form: bad files are refused on their field, nothing written", () => {
  const apply = async (photo: Uint8Array, logo: Uint8Array, name = "东门表单测试调解室") => {
    const demo = (await User.findOne({ where: { username: "demo_mediator" } }))!;
    const mediator = (await Mediator.findOne({ where: { userId: demo.id } }))!;
    const form = new FormData();
    const fields: Record<string, string> = {
      name,
      kind: "personal",
      committeeId: String(mediator.orgUnitId),
      leadId: String(mediator.id),
      address: "青山县城关镇东门社区文化路12号",
      hours: "周一至周五 8:30—17:30",
      phone: "0999-6654321",
      story: "扎根东门社区，调解邻里纠纷。",
      intent: "submit",
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append("specialties", "neighbourhood");
    form.append("photo", new Blob([Buffer.from(photo)], { type: "image/jpeg" }), "门头.jpg");
    form.append("logo", new Blob([Buffer.from(logo)], { type: "image/png" }), "标识.png");
    const request = new Request(`${BASE}/rooms/apply`, {
      method: "POST",
      headers: { Cookie: await cookieFor("demo_mediator") },
      body: form,
    });
    try {
      const result = (await roomApply.action({ request, params: {}, context: {} })) as unknown as {
        init: { status: number };
        data: { result: { error: Record<string, string[]> } };
      };
      return { status: result.init.status, errors: result.data.result.error };
    } catch (thrown) {
      if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
      throw thrown;
    }
  };
  let logo: Uint8Array;
  let photo: Uint8Array;
  beforeAll(async () => {
    logo = await pngLogo();
    photo = await jpegWithExif();
  });

  it("a photo that is not an image, a pixel bomb, a file over 10 MB", async () => {
    const before = await MediationRoom.count();
    const text = await apply(new TextEncoder().encode("GIF89a? no, a text file named .jpg"), logo);
    expect(text).toMatchObject({ status: 400, errors: { photo: ["rooms.error.image.notImage"] } });
    const bomb = await apply(pixelBombPng(), logo);
    expect(bomb).toMatchObject({ status: 400, errors: { photo: ["rooms.error.image.pixels"] } });
    const huge = await apply(new Uint8Array(10 * 1024 * 1024 + 10), logo);
    expect(huge.status).toBe(413);
    expect(await MediationRoom.count()).toBe(before);
  });

  it("a duplicate name within the county is refused on the name", async () => {
    const taken = (await MediationRoom.findOne({ where: { status: "named", name: "桥头乡贤评理室" } }))!;
    const result = await apply(photo, logo, taken.name.replace("乡贤", "乡贤 "));
    expect(result).toMatchObject({ status: 400, errors: { name: ["rooms.error.duplicateName"] } });
  });

  it("a good application is submitted", async () => {
    const result = await apply(photo, logo);
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/rooms\/manage\/\d+\?submitted=1$/);
  });
});
