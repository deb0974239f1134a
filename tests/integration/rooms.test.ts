import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { QueryTypes } from "sequelize";
import sharp from "sharp";
import { getSequelize, inTransaction } from "~/.server/db/connection";
import { Attachment, AuditEvent, MediationRoom, Mediator, MediatorLevel, OrgUnit, RoomRating, User } from "~/.server/db/models";
import { createOrgUnit, getOrgScope } from "~/.server/org";
import { processImage } from "~/.server/rooms/images";
import { moveRoom, type RoomMover } from "~/.server/rooms/moves";
import { savePolicy } from "~/.server/rooms/policy";
import { directory, publicRoom } from "~/.server/rooms/public";
import { proposeRating, rateRoom } from "~/.server/rooms/ratings";
import { saveRoom, type Applicant } from "~/.server/rooms/rooms";
import { readUpload } from "~/.server/uploads";
import { todayInChina } from "~/lib/dates";
import { DEFAULT_ROOM_POLICY, type RoomInput } from "~/lib/rooms";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { jpegWithExif, pixelBombPng, pngLogo } from "../support/images";

/**
 * Rooms end to end in the domain: eligibility read from the register's rollups and the level
 * history, the naming workflow (one state machine, who may make each move), names unique per
 * county, images checked and re-encoded, the yearly rating inside its window, suspension and
 * withdrawal, and what the public directory and profile show.
 */
let db: TestDatabase;
const u = {} as Record<"province" | "city" | "county" | "other" | "town" | "committee" | "otherCommittee", OrgUnit>;
const m = {} as Record<"zhang" | "li" | "novice" | "far", Mediator>;
let mediatorUser: User;
let noviceUser: User;
let applicant: Applicant;
let committeeAdmin: RoomMover;
let bureau: RoomMover;
let otherBureau: RoomMover;
let photo: Uint8Array;
let logo: Uint8Array;
const thisYear = Number(todayInChina().slice(0, 4));

const grant = (userId: number, unit: OrgUnit, role: "bureau_admin" | "sysadmin" = "bureau_admin") => ({
  id: userId,
  grants: [{ role, orgUnitId: unit.id, orgPath: unit.path }],
});

const input = (over: Partial<RoomInput> = {}): RoomInput => ({
  name: "张振胜调解室",
  kind: "personal",
  committeeId: u.committee.id,
  mediatorIds: [m.zhang.id],
  specialties: ["neighbourhood", "marriage_family"],
  address: "青山县城关镇东门社区文化路12号",
  hours: "周一至周五 8:30—17:30",
  phone: "0596-6123456",
  story: "张振胜在社区调解一线工作十余年，擅长邻里和婚姻家庭纠纷。",
  motto: "以和为贵，以理服人",
  intent: "save",
  ...over,
});

async function caseYears(mediatorId: number, rows: [number, number, number, number][]) {
  for (const [year, handled, successful, followedUp] of rows) {
    await getSequelize().query(
      "INSERT INTO mediator_case_years (mediator_id, year, handled, successful, oral, confirmed, followed_up, assisted) VALUES (?, ?, ?, ?, 0, 0, ?, 0)",
      { replacements: [mediatorId, year, handled, successful, followedUp], type: QueryTypes.INSERT },
    );
  }
}

beforeAll(async () => {
  db = await createMigratedDatabase();
  process.env.UPLOAD_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "academy-rooms-"));
  await inTransaction(async (t) => {
    u.province = await createOrgUnit({ parentId: null, kind: "province", name: "江源省" }, t);
    u.city = await createOrgUnit({ parentId: u.province.id, kind: "city", name: "云溪市" }, t);
    u.county = await createOrgUnit({ parentId: u.city.id, kind: "county", name: "青山县" }, t);
    u.other = await createOrgUnit({ parentId: u.city.id, kind: "county", name: "临河区" }, t);
    u.town = await createOrgUnit({ parentId: u.county.id, kind: "township", name: "城关镇" }, t);
    u.committee = await createOrgUnit(
      { parentId: u.town.id, kind: "committee", committeeKind: "village_resident", name: "东门社区人民调解委员会" },
      t,
    );
    u.otherCommittee = await createOrgUnit(
      { parentId: u.other.id, kind: "committee", committeeKind: "industry", name: "临河区医疗纠纷人民调解委员会" },
      t,
    );
  });
  const person = (name: string, appointedOn: string, orgUnitId = u.committee.id, userId: number | null = null) =>
    Mediator.create({
      orgUnitId,
      name,
      gender: "male",
      birthYear: 1970,
      employment: "full_time",
      appointedOn,
      phone: "13900001111",
      userId,
    });
  mediatorUser = await User.create({ username: "zhang", displayName: "张振胜", passwordHash: "x", passwordChangedAt: null });
  noviceUser = await User.create({ username: "novice", displayName: "王新", passwordHash: "x", passwordChangedAt: null });
  m.zhang = await person("张振胜", "2012-05-01", u.committee.id, mediatorUser.id);
  m.li = await person("李秀英", "2016-05-01");
  m.novice = await person("王新", `${thisYear - 2}-01-01`, u.committee.id, noviceUser.id);
  m.far = await person("赵远", "2010-01-01", u.otherCommittee.id);
  // 张振胜: 30, 28, 26 files, ≥ 92 % successful, and 三级 held now.
  await caseYears(m.zhang.id, [
    [thisYear - 3, 30, 28, 20],
    [thisYear - 2, 28, 27, 20],
    [thisYear - 1, 26, 25, 20],
  ]);
  await caseYears(m.novice.id, [[thisYear - 1, 10, 7, 2]]);
  await MediatorLevel.create({
    mediatorId: m.zhang.id,
    level: "level3",
    from: "2023-01-01",
    until: null,
    source: "round",
    createdBy: null,
  });
  const admin = await User.create({ username: "admins", displayName: "管理员", passwordHash: "x", passwordChangedAt: null });
  applicant = { id: mediatorUser.id, grants: [], scopes: [] };
  committeeAdmin = grant(admin.id, u.town);
  bureau = grant(admin.id, u.county);
  otherBureau = grant(admin.id, u.other);
  photo = await jpegWithExif();
  logo = await pngLogo();
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(process.env.UPLOAD_DIR!, { recursive: true, force: true });
});

describe("eligibility", () => {
  it("submitting without meeting the rules writes nothing and says which rules are unmet", async () => {
    const before = await MediationRoom.count();
    const result = await saveRoom(
      { id: noviceUser.id, grants: [], scopes: [] },
      null,
      input({ name: "王新调解室", mediatorIds: [m.novice.id], intent: "submit" }),
      {
        photo: { name: "p.jpg", bytes: photo },
        logo: { name: "l.png", bytes: logo },
      },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.form).toEqual(["rooms.error.notEligible"]);
    const rules = Object.fromEntries(result.eligibility![0].rules.map((r) => [r.key, r.met]));
    expect(rules).toEqual({ years: false, disputes: false, success: false, level: false });
    expect(await MediationRoom.count()).toBe(before);
    expect(await Attachment.count({ where: { ownerKind: "room" } })).toBe(0);
  });

  it("a node's own rules apply to its subtree", async () => {
    await savePolicy({ id: bureau.id }, u.county.id, {
      ...DEFAULT_ROOM_POLICY,
      minYears: 1,
      minDisputesPerYear: 3,
      minSuccessRate: 60,
      minLevel: "",
      target: 10,
    });
    const result = await saveRoom(
      { id: noviceUser.id, grants: [], scopes: [] },
      null,
      input({ name: "王新调解室", mediatorIds: [m.novice.id], intent: "submit" }),
      {
        photo: { name: "p.jpg", bytes: photo },
        logo: { name: "l.png", bytes: logo },
      },
    );
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.room.status).toBe("submitted");
      await moveRoom(bureau, result.room.id, "reject", { statusReason: "测试后驳回" });
    }
    await savePolicy({ id: bureau.id }, u.county.id, { ...DEFAULT_ROOM_POLICY, minLevel: "level3", target: 10 });
  });

  it("a mediator applies only for their own room on their own committee", async () => {
    const other = await saveRoom(applicant, null, input({ mediatorIds: [m.li.id, m.zhang.id] }));
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.errors.mediatorIds).toEqual(["rooms.error.ownFirst"]);
    const outside = await saveRoom(applicant, null, input({ committeeId: u.otherCommittee.id, mediatorIds: [m.zhang.id] }));
    expect(outside.ok).toBe(false);
    if (!outside.ok) expect(outside.errors.committeeId).toEqual(["rooms.error.committee"]);
  });
});

describe("images", () => {
  it("re-encodes into the stored sizes and strips metadata", async () => {
    const result = await processImage("photo", photo);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.variants.map((v) => v.name)).toEqual(["photo-320.jpg", "photo-640.jpg", "photo-1280.jpg"]);
    for (const v of result.variants) {
      const meta = await sharp(v.bytes).metadata();
      expect(meta.format).toBe("jpeg");
      expect(meta.exif).toBeUndefined();
      expect(Buffer.from(v.bytes).includes("TestCam")).toBe(false);
    }
    expect((await sharp(result.variants[1].bytes).metadata()).width).toBe(640);
  });

  it("refuses what is not an image, whatever its name", async () => {
    expect(await processImage("photo", new TextEncoder().encode("<html>not a photo</html>"))).toEqual({ ok: false, error: "notImage" });
    expect(await processImage("photo", new TextEncoder().encode("%PDF-1.4 a pdf named photo.jpg"))).toEqual({
      ok: false,
      error: "notImage",
    });
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><script>alert(1)</script></svg>',
    );
    expect(await processImage("photo", svg)).toEqual({ ok: false, error: "notImage" });
    const cut = photo.slice(0, Math.floor(photo.length / 3));
    expect((await processImage("photo", cut)).ok).toBe(false);
  });

  it("refuses a pixel bomb from its header, quickly", async () => {
    const bomb = pixelBombPng();
    expect(bomb.byteLength).toBeLessThan(100_000);
    const started = Date.now();
    expect(await processImage("photo", bomb)).toEqual({ ok: false, error: "pixels" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("refuses an image too small for a photo", async () => {
    expect(await processImage("photo", await pngLogo(100))).toEqual({ ok: false, error: "small" });
  });

  it("a bad image on the form writes nothing", async () => {
    const before = await MediationRoom.count();
    const result = await saveRoom(applicant, null, input({ name: "坏图片调解室" }), { photo: { name: "p.jpg", bytes: pixelBombPng() } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.photo).toEqual(["rooms.error.image.pixels"]);
    expect(await MediationRoom.count()).toBe(before);
  });
});

describe("the naming workflow", () => {
  let roomId: number;

  it("a draft, submitted with both images, consented by the committee, named by the county", async () => {
    const draft = await saveRoom(applicant, null, input(), { photo: { name: "门头.jpg", bytes: photo } });
    expect(draft.ok).toBe(true);
    if (!draft.ok) return;
    roomId = draft.room.id;
    expect(draft.room.status).toBe("draft");
    const noLogo = await saveRoom(applicant, roomId, input({ intent: "submit" }));
    expect(noLogo.ok).toBe(false);
    if (!noLogo.ok) expect(noLogo.errors.logo).toEqual(["rooms.error.image.required"]);
    const submitted = await saveRoom(applicant, roomId, input({ intent: "submit" }), { logo: { name: "logo.png", bytes: logo } });
    expect(submitted.ok).toBe(true);
    if (!submitted.ok) return;
    expect(submitted.room.status).toBe("submitted");
    expect(submitted.room.eligibility![0].eligible).toBe(true);
    expect(Object.keys(submitted.room.images!).sort()).toEqual([
      "logo-128.png",
      "logo-256.png",
      "photo-1280.jpg",
      "photo-320.jpg",
      "photo-640.jpg",
    ]);
    const stored = await Attachment.findByPk(submitted.room.images!["photo-640.jpg"]);
    expect(readUpload(stored!.storedName)!.includes("TestCam")).toBe(false);
    // No longer editable once submitted.
    const edit = await saveRoom(applicant, roomId, input({ motto: "改" }));
    expect(edit.ok).toBe(false);
  });

  it("no step can be skipped, and each is made by whom it names", async () => {
    expect(await moveRoom(bureau, roomId, "name", { namedOn: "2026-06-01", docNo: "青司〔2026〕12号", plaque: "张振胜调解室" })).toEqual({
      ok: false,
      error: "status",
    });
    expect(await moveRoom(applicant, roomId, "consent")).toEqual({ ok: false, error: "notAllowed" });
    expect(await moveRoom(otherBureau, roomId, "consent")).toEqual({ ok: false, error: "notAllowed" });
    expect((await moveRoom(committeeAdmin, roomId, "consent")).ok).toBe(true);
    // The township's admin is not the county bureau.
    expect(await moveRoom(committeeAdmin, roomId, "name", {})).toEqual({ ok: false, error: "notAllowed" });
    expect((await moveRoom(bureau, roomId, "bureauReturn", { statusReason: "请补充调解室照片说明" })).ok).toBe(true);
    expect((await MediationRoom.findByPk(roomId))!.status).toBe("returned");
    expect((await saveRoom(applicant, roomId, input({ intent: "submit" }))).ok).toBe(true);
    expect((await moveRoom(committeeAdmin, roomId, "consent")).ok).toBe(true);
    const named = await moveRoom(bureau, roomId, "name", { namedOn: "2026-06-01", docNo: "青司〔2026〕12号", plaque: "张振胜调解室" });
    expect(named.ok).toBe(true);
    const room = (await MediationRoom.findByPk(roomId))!;
    expect(room.status).toBe("named");
    expect(room.namedOn).toBe("2026-06-01");
    const actions = (
      await AuditEvent.findAll({ where: { targetType: "mediation_room", targetId: String(roomId) }, order: [["id", "ASC"]] })
    ).map((a) => a.action);
    expect(actions).toEqual([
      "room.create",
      "room.save",
      "room.submit",
      "room.consent",
      "room.bureauReturn",
      "room.save",
      "room.submit",
      "room.consent",
      "room.name",
    ]);
  });

  it("a name is held once per county; another county may use it", async () => {
    const twin = await saveRoom(
      { id: bureau.id, grants: bureau.grants, scopes: [(await getOrgScope(u.county.id))!] },
      null,
      input({ name: "张振胜 调解室", kind: "featured", mediatorIds: [m.li.id] }),
    );
    expect(twin.ok).toBe(false);
    if (!twin.ok) expect(twin.errors.name).toEqual(["rooms.error.duplicateName"]);
    const elsewhere = await saveRoom(
      { id: bureau.id, grants: otherBureau.grants, scopes: [(await getOrgScope(u.other.id))!] },
      null,
      input({ committeeId: u.otherCommittee.id, kind: "brand", mediatorIds: [m.far.id] }),
    );
    expect(elsewhere.ok).toBe(true);
  });

  it("rates inside the window only; a changed star count needs a reason", async () => {
    const room = (await MediationRoom.findByPk(roomId))!;
    const sheet = await proposeRating(room, thisYear - 1);
    expect(sheet.evidence).toMatchObject({
      mediators: 1,
      handled: 26,
      successful: 25,
      followedUp: 20,
      fileReviewMean: null,
      levelRanks: [2],
      levelCount: 4,
    });
    // cases 26/30 of 20 = 17.33; success 96.2 % → 16.15; follow-up 80 % of 15 = 12; levels 三级 of four = 7.5; trainings 0; review: no data → over 80.
    expect(sheet.score).toBeCloseTo(((17.33 + 16.15 + 12 + 7.5 + 0) / 80) * 100, 0);
    expect(await rateRoom(bureau, roomId, { year: thisYear - 1, stars: 3 }, `${thisYear}-06-01`)).toEqual({ ok: false, error: "window" });
    expect(await rateRoom(bureau, roomId, { year: thisYear - 2, stars: 3 }, `${thisYear}-01-15`)).toEqual({ ok: false, error: "year" });
    expect(await rateRoom(committeeAdmin, roomId, { year: thisYear - 1, stars: 3 }, `${thisYear}-01-15`)).toEqual({
      ok: false,
      error: "notAllowed",
    });
    const other = sheet.stars === 5 ? 4 : sheet.stars + 1;
    expect(await rateRoom(bureau, roomId, { year: thisYear - 1, stars: other }, `${thisYear}-01-15`)).toEqual({
      ok: false,
      error: "reason",
    });
    const confirmed = await rateRoom(bureau, roomId, { year: thisYear - 1, stars: sheet.stars }, `${thisYear}-01-15`);
    expect(confirmed.ok).toBe(true);
    const changed = await rateRoom(bureau, roomId, { year: thisYear - 1, stars: other, reason: "群众满意度测评优秀" }, `${thisYear}-03-31`);
    expect(changed.ok).toBe(true);
    expect(await RoomRating.count({ where: { roomId } })).toBe(1);
    expect((await MediationRoom.findByPk(roomId))!.stars).toBe(other);
  });

  it("public: the directory lists it with filters; the profile carries no private data", async () => {
    expect((await directory({})).cards.map((c) => c.name)).toContain("张振胜调解室");
    expect((await directory({ specialty: "neighbourhood" })).total).toBe(1);
    expect((await directory({ specialty: "medical" })).total).toBe(0);
    expect((await directory({ kind: "brand" })).total).toBe(0);
    expect((await directory({ region: u.county.id })).total).toBe(1);
    expect((await directory({ region: u.other.id })).total).toBe(0);
    expect((await directory({ q: "振胜" })).total).toBe(1);
    expect((await directory({ q: "100%_" })).total).toBe(0);
    const room = (await MediationRoom.findByPk(roomId))!;
    const view = (await publicRoom(room.slug))!;
    expect(view.mediators).toEqual([{ name: "张振胜", level: "三级人民调解员", verifyCode: null }]);
    expect(JSON.stringify(view)).not.toContain("13900001111");
    expect(view.figures.find((f) => f.year === thisYear - 1)).toEqual({ year: thisYear - 1, handled: 26, successRate: 96.2 });
    expect(await publicRoom("nosuchroom")).toBeNull();
  });

  it("suspension and withdrawal (摘牌) need reasons; a withdrawn room's page says so", async () => {
    expect((await moveRoom(bureau, roomId, "suspend", { statusReason: "调解员长期外出" })).ok).toBe(true);
    expect((await directory({})).cards.map((c) => c.name)).not.toContain("张振胜调解室");
    expect((await moveRoom(bureau, roomId, "reinstate")).ok).toBe(true);
    expect((await moveRoom(bureau, roomId, "withdraw", { statusReason: "年度考核不合格" })).ok).toBe(true);
    const room = (await MediationRoom.findByPk(roomId))!;
    const view = (await publicRoom(room.slug))!;
    expect(view.status).toBe("withdrawn");
    expect(view.statusOn).toBe(todayInChina());
    expect(await moveRoom(bureau, roomId, "reinstate")).toEqual({ ok: false, error: "status" });
    // The name is free again.
    const again = await saveRoom(applicant, null, input({ name: "张振胜调解室" }));
    expect(again.ok).toBe(true);
  });
});
