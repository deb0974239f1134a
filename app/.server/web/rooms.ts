import { directorySchema, roomPath } from "~/lib/rooms";
import type { RoomDirectoryView, RoomPageView } from "~/lib/room-views";
import { qrDataUrl } from "../certificates/qr";
import { i18next, i18nInstance } from "../i18n";
import { directory, publicRoom } from "../rooms/public";
import { refuseBadUrl } from "./form";
import { publicOrigin } from "./verify";

/**
 * The public room pages as responses: /rooms (the directory), /rooms/<slug> (the profile), its
 * plaque page and a clear 404 for an unknown slug. Static documents: no session is read (these
 * routes never ask for the user), no cookie is set, the bytes depend only on the language cookie,
 * the address and the data — so the server's public page cache (server/public-cache.ts) can keep
 * them and answer with an ETag. A write that changes what they show calls publicPagesChanged("/rooms").
 */
type Translate = (key: string, options?: Record<string, unknown>) => string;
export type RenderDirectory = (props: { t: Translate; lng: string; path: string; origin: string; view: RoomDirectoryView }) => string;
export type RenderRoom = (props: { t: Translate; lng: string; path: string; origin: string; view: RoomPageView }) => string;
export type RenderNotFound = (props: { t: Translate; lng: string; path: string }) => string;

async function translator(request: Request) {
  const lng = await i18next.getLocale(request);
  const i18n = await i18nInstance(lng);
  return { lng, t: ((key: string, options?: Record<string, unknown>) => i18n.t(key, options) as string) as Translate };
}

const html = (body: string, status = 200) =>
  new Response(body, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      // Shared and shareable; browsers ask again after a minute (the server's cache answers with an ETag).
      "Cache-Control": status === 200 ? "public, max-age=60" : "no-cache",
      Vary: "Cookie",
    },
  });

export async function directoryPage(request: Request, render: RenderDirectory): Promise<Response> {
  refuseBadUrl(request);
  const url = new URL(request.url);
  const filter = directorySchema.parse(Object.fromEntries(url.searchParams));
  const { lng, t } = await translator(request);
  const view = await directory(filter);
  return html(render({ t, lng, path: url.pathname + url.search, origin: publicOrigin(request), view }));
}

/** A room's page or plaque by slug; the 404 document for an unknown slug or a room not (yet) public. */
export async function roomPage(
  request: Request,
  slug: string | undefined,
  render: RenderRoom,
  notFound: RenderNotFound,
): Promise<Response> {
  refuseBadUrl(request);
  const url = new URL(request.url);
  const { lng, t } = await translator(request);
  const room = slug ? await publicRoom(slug) : null;
  if (!room) return html(notFound({ t, lng, path: url.pathname }), 404);
  const origin = publicOrigin(request);
  const qr = await qrDataUrl(`${origin}${roomPath(room.slug)}`);
  return html(render({ t, lng, path: url.pathname, origin, view: { room, qr } }));
}
