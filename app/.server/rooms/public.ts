import { Op, QueryTypes, type WhereOptions } from "sequelize";
import { caseFigures, emptyCounts } from "~/lib/case-file";
import { todayInChina } from "~/lib/dates";
import { ROOMS_PER_PAGE, type DirectoryFilter } from "~/lib/rooms";
import type { PublicRoom, RoomCard, RoomDirectoryView } from "~/lib/room-views";
import { now } from "../clock";
import { getSequelize } from "../db/connection";
import { Certificate, MediationRoom, MediationRoomMediator, Mediator, MediatorLevel, OrgUnit, RoomRating } from "../db/models";
import { pathIds } from "../org";
import { levelsAt } from "./eligibility";

/**
 * What the public room pages show, and nothing else: the directory of named rooms (filtered by
 * region — a node of the org tree and its subtree —, specialty, kind, stars and a search over
 * name, motto and address; a page at a time) and a room's branded profile. Never a mediator's
 * phone, ID number or account: a room's phone is its own public contact. Read without a session.
 */
const imageUrl = (slug: string, images: Record<string, number> | null, name: string) =>
  images && images[name] ? `/rooms/${slug}/images/${name}` : null;

/** Escapes LIKE wildcards in a search term. */
const likeTerm = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function directory(filter: DirectoryFilter): Promise<RoomDirectoryView> {
  const where: WhereOptions[] = [{ status: "named" }];
  if (filter.region) {
    const region = await OrgUnit.findByPk(filter.region, { attributes: ["path"] });
    where.push({ orgPath: { [Op.startsWith]: region?.path ?? "/none/" } });
  }
  if (filter.kind) where.push({ kind: filter.kind });
  if (filter.stars) where.push({ stars: filter.stars });
  if (filter.specialty) where.push({ specialties: { [Op.like]: `%"${filter.specialty}"%` } });
  if (filter.q) {
    const term = likeTerm(filter.q);
    where.push({ [Op.or]: [{ name: { [Op.like]: term } }, { motto: { [Op.like]: term } }, { address: { [Op.like]: term } }] });
  }
  const page = filter.page ?? 1;
  const { rows, count } = await MediationRoom.findAndCountAll({
    where: { [Op.and]: where },
    order: [
      ["stars", "DESC"],
      ["namedOn", "ASC"],
      ["id", "ASC"],
    ],
    limit: ROOMS_PER_PAGE,
    offset: (page - 1) * ROOMS_PER_PAGE,
  });
  const counties = await OrgUnit.findAll({ where: { id: [...new Set(rows.map((r) => r.countyId))] }, attributes: ["id", "name"] });
  const cards: RoomCard[] = rows.map((r) => ({
    slug: r.slug,
    name: r.name,
    kind: r.kind,
    motto: r.motto,
    region: counties.find((c) => c.id === r.countyId)?.name ?? "",
    specialties: r.specialties,
    stars: r.stars,
    starsYear: r.starsYear,
    photo: imageUrl(r.slug, r.images, "photo-640.jpg"),
    logo: imageUrl(r.slug, r.images, "logo-128.png"),
  }));
  return { filter, cards, total: count, page, pages: Math.max(1, Math.ceil(count / ROOMS_PER_PAGE)), regions: await regions() };
}

/** The regions a visitor can filter by: every city, county and township above a named room, in tree order. */
async function regions() {
  const paths = (await getSequelize().query("SELECT DISTINCT org_path FROM mediation_rooms WHERE status = 'named'", {
    type: QueryTypes.SELECT,
  })) as { org_path: string }[];
  const ids = new Set(paths.flatMap((p) => pathIds(p.org_path).slice(1, -1)));
  if (ids.size === 0) return [];
  const nodes = await OrgUnit.findAll({
    where: { id: [...ids], kind: ["city", "county", "township"] },
    attributes: ["id", "name", "path", "depth"],
    order: [["path", "ASC"]],
  });
  return nodes.map((n) => ({ id: n.id, name: n.name, depth: n.depth }));
}

/** A room's public profile by slug; null for an unknown slug or a room that is not (or not yet) public. */
export async function publicRoom(slug: string): Promise<PublicRoom | null> {
  if (!/^[a-z0-9]{4,16}$/.test(slug)) return null;
  const room = await MediationRoom.findOne({ where: { slug } });
  if (!room || !["named", "suspended", "withdrawn"].includes(room.status)) return null;
  const today = todayInChina(now());
  const links = await MediationRoomMediator.findAll({ where: { roomId: room.id }, order: [["position", "ASC"]] });
  const ids = links.map((l) => l.mediatorId);
  const [people, held, certificates, orgs, ratings, levels] = await Promise.all([
    Mediator.findAll({ where: { id: ids }, attributes: ["id", "name"] }),
    MediatorLevel.findAll({ where: { mediatorId: ids, until: { [Op.is]: null } }, attributes: ["mediatorId", "level"] }),
    Certificate.findAll({
      where: { mediatorId: ids, status: "valid", validUntil: { [Op.gte]: today } },
      attributes: ["mediatorId", "code", "level", "issuedOn"],
      order: [["issuedOn", "DESC"]],
    }),
    OrgUnit.findAll({ where: { id: [room.committeeId, room.countyId] }, attributes: ["id", "name"] }),
    RoomRating.findAll({ where: { roomId: room.id }, attributes: ["year", "stars"], order: [["year", "DESC"]] }),
    levelsAt(room.orgPath),
  ]);
  const thisYear = Number(today.slice(0, 4));
  const years = ids.length
    ? ((await getSequelize().query(
        `SELECT year, SUM(handled) AS handled, SUM(successful) AS successful FROM mediator_case_years
          WHERE year >= ? AND mediator_id IN (${ids.map(() => "?").join(", ")}) GROUP BY year ORDER BY year DESC`,
        { replacements: [thisYear - 2, ...ids], type: QueryTypes.SELECT },
      )) as { year: number; handled: number; successful: number }[])
    : [];
  const images = room.images ?? {};
  const photoSizes = [320, 640, 1280].filter((w) => images[`photo-${w}.jpg`]);
  return {
    slug: room.slug,
    name: room.name,
    kind: room.kind,
    status: room.status,
    statusOn: room.statusOn,
    motto: room.motto,
    story: room.story,
    address: room.address,
    hours: room.hours,
    phone: room.phone,
    specialties: room.specialties,
    committee: orgs.find((o) => o.id === room.committeeId)?.name ?? "",
    county: orgs.find((o) => o.id === room.countyId)?.name ?? "",
    namedOn: room.namedOn,
    docNo: room.docNo,
    plaque: room.plaque,
    stars: room.stars,
    starsYear: room.starsYear,
    ratings: ratings.map((r) => ({ year: r.year, stars: r.stars })),
    photo: photoSizes.length
      ? {
          src: `/rooms/${room.slug}/images/photo-${photoSizes.includes(640) ? 640 : photoSizes[0]}.jpg`,
          srcset: photoSizes.map((w) => `/rooms/${room.slug}/images/photo-${w}.jpg ${w}w`).join(", "),
        }
      : null,
    logo: imageUrl(room.slug, images, "logo-256.png"),
    mediators: ids.flatMap((id) => {
      const person = people.find((p) => p.id === id);
      if (!person) return [];
      const level = held.find((h) => h.mediatorId === id)?.level ?? null;
      const certificate = certificates.find((c) => c.mediatorId === id && c.level === level) ?? null;
      return [
        {
          name: person.name,
          level: level ? (levels.find((l) => l.key === level)?.name ?? null) : null,
          verifyCode: certificate?.code ?? null,
        },
      ];
    }),
    figures: years.map((y) => {
      const f = caseFigures({ ...emptyCounts(), handled: Number(y.handled), successful: Number(y.successful) });
      return { year: Number(y.year), handled: f.handled, successRate: f.successRate };
    }),
  };
}

/** A room's public image by slug and stored name: the attachment id, or null (unknown, or not public). */
export async function publicImage(slug: string, name: string) {
  if (!/^[a-z0-9]{4,16}$/.test(slug)) return null;
  const room = await MediationRoom.findOne({ where: { slug }, attributes: ["id", "status", "images"] });
  if (!room || !["named", "suspended", "withdrawn"].includes(room.status)) return null;
  const id = room.images?.[name];
  return id ? { roomId: room.id, attachmentId: id } : null;
}
