import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { DISPUTE_CATEGORIES } from "~/lib/categories";
import { verifyPath } from "~/lib/certificate";
import { ROOM_KINDS, mapLink, roomPath, type DirectoryFilter } from "~/lib/rooms";
import type { RoomDirectoryView, RoomPageView } from "~/lib/room-views";

/**
 * The public room pages (/rooms, /rooms/<slug>, its plaque, and the 404) as complete, static HTML
 * documents: no script, no session, one small stylesheet (/rooms.css), the same bytes for every
 * signed-out visitor — what a phone needs after scanning the plaque's QR code, and what the public
 * page cache keeps. Rendered to a string on the server and handed to app/.server/web/rooms.ts.
 */
export type Translate = (key: string, options?: Record<string, unknown>) => string;
type Shell = { t: Translate; lng: string; path: string; title: string; head?: ReactNode; children: ReactNode; robots?: string };

const doc = (node: ReactNode) => `<!DOCTYPE html>${renderToStaticMarkup(node)}`;

function Document({ t, lng, path, title, head, children, robots }: Shell) {
  return (
    <html lang={lng}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {robots ? <meta name="robots" content={robots} /> : null}
        <title>{`${title} · ${t("app.name")}`}</title>
        <link rel="stylesheet" href="/rooms.css" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {head}
      </head>
      <body>
        <header className="bar">
          <a href="/rooms" className="brand">
            {t("rooms.public.brand")}
          </a>
          <form method="post" action="/language">
            <input type="hidden" name="lng" value={lng.startsWith("zh") ? "en" : "zh-CN"} />
            <input type="hidden" name="redirectTo" value={path} />
            <button type="submit" className="lang">
              {t("verify.language")}
            </button>
          </form>
        </header>
        <main id="main">{children}</main>
        <footer className="foot">
          <a href="/">{t("app.name")}</a>
        </footer>
      </body>
    </html>
  );
}

export function Stars({ t, stars, year }: { t: Translate; stars: number | null; year: number | null }) {
  if (!stars) return <span className="stars none">{t("rooms.public.unrated")}</span>;
  return (
    <span className="stars">
      <span aria-hidden="true">{"★".repeat(stars) + "☆".repeat(5 - stars)}</span>
      <span className="sr">{t("rooms.public.starsText", { stars, year })}</span>
      <span aria-hidden="true" className="year">
        {t("rooms.public.starsYear", { year })}
      </span>
    </span>
  );
}

const query = (filter: DirectoryFilter, page: number) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, page: page > 1 ? page : undefined }))
    if (v !== undefined && v !== "") params.set(k, String(v));
  const s = params.toString();
  return s ? `/rooms?${s}` : "/rooms";
};

export type DirectoryProps = { t: Translate; lng: string; path: string; origin: string; view: RoomDirectoryView };

export function renderDirectory({ t, lng, path, origin, view }: DirectoryProps) {
  const { filter, cards, total, page, pages, regions } = view;
  return doc(
    <Document
      t={t}
      lng={lng}
      path={path}
      title={t("rooms.public.directoryTitle")}
      head={
        <>
          <meta name="description" content={t("rooms.public.directoryDescription")} />
          <meta property="og:type" content="website" />
          <meta property="og:title" content={t("rooms.public.directoryTitle")} />
          <meta property="og:description" content={t("rooms.public.directoryDescription")} />
          <meta property="og:url" content={`${origin}/rooms`} />
          <link rel="canonical" href={`${origin}/rooms`} />
        </>
      }
    >
      <h1>{t("rooms.public.directoryTitle")}</h1>
      <p className="lead">{t("rooms.public.directoryIntro")}</p>
      <form method="get" action="/rooms" className="filters" role="search">
        <label htmlFor="q">{t("rooms.public.search")}</label>
        <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={40} placeholder={t("rooms.public.searchHint")} />
        <div className="grid">
          <span>
            <label htmlFor="region">{t("rooms.public.region")}</label>
            <select id="region" name="region" defaultValue={filter.region ? String(filter.region) : ""}>
              <option value="">{t("rooms.public.any")}</option>
              {regions.map((r) => (
                <option key={r.id} value={r.id}>
                  {`${"　".repeat(Math.max(0, r.depth - 1))}${r.name}`}
                </option>
              ))}
            </select>
          </span>
          <span>
            <label htmlFor="specialty">{t("rooms.public.specialty")}</label>
            <select id="specialty" name="specialty" defaultValue={filter.specialty ?? ""}>
              <option value="">{t("rooms.public.any")}</option>
              {DISPUTE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`category.${c}`)}
                </option>
              ))}
            </select>
          </span>
          <span>
            <label htmlFor="kind">{t("rooms.public.kind")}</label>
            <select id="kind" name="kind" defaultValue={filter.kind ?? ""}>
              <option value="">{t("rooms.public.any")}</option>
              {ROOM_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`rooms.kind.${k}`)}
                </option>
              ))}
            </select>
          </span>
          <span>
            <label htmlFor="stars">{t("rooms.public.starsFilter")}</label>
            <select id="stars" name="stars" defaultValue={filter.stars ? String(filter.stars) : ""}>
              <option value="">{t("rooms.public.any")}</option>
              {[5, 4, 3, 2, 1].map((s) => (
                <option key={s} value={s}>
                  {t("rooms.public.starsOption", { stars: s })}
                </option>
              ))}
            </select>
          </span>
        </div>
        <button type="submit">{t("rooms.public.filter")}</button>
      </form>
      <p className="count" role="status">
        {t("rooms.public.count", { n: total })}
      </p>
      {cards.length === 0 ? (
        <p className="empty">{t("rooms.public.empty")}</p>
      ) : (
        <ul className="cards">
          {cards.map((c) => (
            <li key={c.slug}>
              <a href={roomPath(c.slug)} className="room-card">
                {c.photo ? <img src={c.photo} alt="" width={640} height={480} loading="lazy" /> : <span className="ph" />}
                <span className="body">
                  <span className="name">
                    {c.logo ? <img src={c.logo} alt="" width={32} height={32} className="logo" /> : null}
                    {c.name}
                  </span>
                  <span className="meta">
                    {c.region} · {t(`rooms.kind.${c.kind}`)}
                  </span>
                  <Stars t={t} stars={c.stars} year={c.starsYear} />
                  <span className="chips">{c.specialties.map((s) => t(`category.${s}`)).join("、")}</span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="pages" aria-label={t("rooms.public.pages")}>
          {page > 1 ? <a href={query(filter, page - 1)}>{t("rooms.public.previous")}</a> : null}
          <span>{t("rooms.public.pageOf", { page, pages })}</span>
          {page < pages ? <a href={query(filter, page + 1)}>{t("rooms.public.next")}</a> : null}
        </nav>
      ) : null}
    </Document>,
  );
}

export type RoomProps = { t: Translate; lng: string; path: string; origin: string; view: RoomPageView };

/** JSON for a <script type="application/ld+json"> block: "<" escaped so the text cannot close the element. */
const jsonLd = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

export function renderRoom({ t, lng, path, origin, view }: RoomProps) {
  const { room, qr } = view;
  const url = `${origin}${roomPath(room.slug)}`;
  const open = room.status === "named";
  const description = room.motto ? `${room.motto} — ${room.story}`.slice(0, 150) : room.story.slice(0, 150);
  const ld = {
    "@context": "https://schema.org",
    "@type": "LocalBusiness",
    additionalType: "https://schema.org/GovernmentOffice",
    name: room.name,
    description,
    url,
    ...(room.photo ? { image: `${origin}${room.photo.src}` } : {}),
    ...(room.logo ? { logo: `${origin}${room.logo}` } : {}),
    ...(open
      ? {
          telephone: room.phone,
          openingHours: room.hours,
          address: { "@type": "PostalAddress", streetAddress: room.address, addressRegion: room.county, addressCountry: "CN" },
        }
      : {}),
    parentOrganization: { "@type": "Organization", name: room.committee },
    ...(room.stars ? { award: t("rooms.public.starsText", { stars: room.stars, year: room.starsYear }) } : {}),
    knowsAbout: room.specialties.map((s) => t(`category.${s}`)),
  };
  return doc(
    <Document
      t={t}
      lng={lng}
      path={path}
      title={room.name}
      head={
        <>
          <meta name="description" content={description} />
          <meta property="og:type" content="website" />
          <meta property="og:title" content={room.name} />
          <meta property="og:description" content={description} />
          <meta property="og:url" content={url} />
          {room.photo ? <meta property="og:image" content={`${origin}${room.photo.src.replace("photo-640", "photo-1280")}`} /> : null}
          <meta name="twitter:card" content="summary_large_image" />
          <link rel="canonical" href={url} />
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(ld) }} />
        </>
      }
    >
      <article className="room">
        {room.status === "withdrawn" ? (
          <p className="banner withdrawn" role="status">
            {t("rooms.public.withdrawn", { date: room.statusOn })}
          </p>
        ) : null}
        {room.status === "suspended" ? (
          <p className="banner suspended" role="status">
            {t("rooms.public.suspended", { date: room.statusOn })}
          </p>
        ) : null}
        <header className="room-head">
          {room.logo ? (
            <img src={room.logo} alt={t("rooms.public.logoAlt", { name: room.name })} width={64} height={64} className="logo" />
          ) : null}
          <div>
            <h1>{room.name}</h1>
            <p className="meta">
              {t(`rooms.kind.${room.kind}`)} · {room.committee}
            </p>
            <Stars t={t} stars={room.stars} year={room.starsYear} />
          </div>
        </header>
        {room.photo ? (
          <img
            className="photo"
            src={room.photo.src}
            srcSet={room.photo.srcset}
            sizes="(max-width: 640px) 100vw, 640px"
            width={640}
            height={480}
            alt={t("rooms.public.photoAlt", { name: room.name })}
          />
        ) : null}
        {room.motto ? <p className="motto">{room.motto}</p> : null}
        <p className="story">{room.story}</p>

        <h2>{t("rooms.public.mediators")}</h2>
        <ul className="people">
          {room.mediators.map((p, i) => (
            <li key={i}>
              <span className="who">{p.name}</span>
              {p.level ? (
                p.verifyCode ? (
                  <a href={verifyPath(p.verifyCode)}>{t("rooms.public.levelVerify", { level: p.level })}</a>
                ) : (
                  <span>{p.level}</span>
                )
              ) : (
                <span className="muted">{t("rooms.public.noLevel")}</span>
              )}
            </li>
          ))}
        </ul>

        <h2>{t("rooms.public.specialties")}</h2>
        <p className="chips">{room.specialties.map((s) => t(`category.${s}`)).join("、")}</p>

        {room.status !== "withdrawn" ? (
          <>
            <h2>{t("rooms.public.contact")}</h2>
            <dl>
              <dt>{t("rooms.field.address")}</dt>
              <dd>
                {room.address}{" "}
                <a href={mapLink(room.address)} rel="noopener">
                  {t("rooms.public.map")}
                </a>
              </dd>
              <dt>{t("rooms.field.hours")}</dt>
              <dd>{room.hours}</dd>
              <dt>{t("rooms.field.phone")}</dt>
              <dd>
                <a href={`tel:${room.phone.replace(/[^\d+]/g, "")}`} className="call">
                  {t("rooms.public.call", { phone: room.phone })}
                </a>
              </dd>
            </dl>
          </>
        ) : null}

        <h2>{t("rooms.public.figures")}</h2>
        {room.figures.length === 0 ? (
          <p className="muted">{t("rooms.public.noFigures")}</p>
        ) : (
          <table>
            <caption className="sr">{t("rooms.public.figures")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("rooms.public.year")}</th>
                <th scope="col">{t("rooms.public.handled")}</th>
                <th scope="col">{t("rooms.public.successRate")}</th>
              </tr>
            </thead>
            <tbody>
              {room.figures.map((f) => (
                <tr key={f.year}>
                  <td>{f.year}</td>
                  <td>{f.handled}</td>
                  <td>{f.successRate === null ? "—" : `${f.successRate}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        {room.ratings.length ? (
          <>
            <h2>{t("rooms.public.ratings")}</h2>
            <ul className="ratings">
              {room.ratings.map((r) => (
                <li key={r.year}>
                  <Stars t={t} stars={r.stars} year={r.year} />
                </li>
              ))}
            </ul>
          </>
        ) : null}

        <h2>{t("rooms.public.naming")}</h2>
        <dl>
          <dt>{t("rooms.field.namedOn")}</dt>
          <dd>{room.namedOn ?? "—"}</dd>
          <dt>{t("rooms.field.docNo")}</dt>
          <dd>{room.docNo ?? "—"}</dd>
          <dt>{t("rooms.public.bureau")}</dt>
          <dd>{room.county}</dd>
        </dl>

        <section className="qr">
          <img src={qr} alt={t("rooms.public.qrAlt", { name: room.name })} width={160} height={160} />
          <p>
            {t("rooms.public.qrHint")} <a href={`${roomPath(room.slug)}/plaque`}>{t("rooms.public.plaque")}</a>
          </p>
        </section>
        <p>
          <a href="/rooms">{t("rooms.public.back")}</a>
        </p>
      </article>
    </Document>,
  );
}

export function renderRoomNotFound({ t, lng, path }: { t: Translate; lng: string; path: string }) {
  return doc(
    <Document t={t} lng={lng} path={path} title={t("rooms.public.notFoundTitle")} robots="noindex">
      <h1>{t("rooms.public.notFoundTitle")}</h1>
      <p className="banner">{t("rooms.public.notFound")}</p>
      <p>
        <a href="/rooms">{t("rooms.public.back")}</a>
      </p>
    </Document>,
  );
}

/** The plaque (门牌) to print: the room's name, the plaque text, the bureau, the QR code opening its page. */
export function renderPlaque({ t, lng, path, origin, view }: RoomProps) {
  const { room, qr } = view;
  return doc(
    <Document t={t} lng={lng} path={path} title={t("rooms.public.plaqueTitle", { name: room.name })} robots="noindex">
      <section className="plaque">
        <p className="plaque-name">{room.plaque ?? room.name}</p>
        <img src={qr} alt={t("rooms.public.qrAlt", { name: room.name })} width={240} height={240} />
        <p className="plaque-url">{`${origin}${roomPath(room.slug)}`}</p>
        <p>
          {room.county} · {room.namedOn} · {room.docNo}
        </p>
      </section>
      <p className="no-print">
        {t("rooms.public.printHint")} <a href={roomPath(room.slug)}>{t("rooms.public.backRoom")}</a>
      </p>
    </Document>,
  );
}
