import type { Action, Target } from "../access";
import { findAttachment, type OwnerKind } from "../attachments";
import type { CurrentUser } from "./session";
import { findEvent } from "../events/events";
import { exerciseFor } from "../exercises/exercises";
import { submissionFacts } from "../exercises/submissions";
import type { OrgScope } from "../org";
import { findLog } from "../training/logs";
import { scanFacts } from "../reviews/items";
import { applicationFacts } from "../rounds/applications";
import { findRoom } from "../rooms/rooms";
import { publicImage } from "../rooms/public";
import { readUpload } from "../uploads";
import { notFound, requireAccess } from "./guards";
import { download } from "./http";

/**
 * Who may download an attachment is who may read its owner: each kind names the owner's read
 * action in the permission table and loads the owner's access facts (null for an unknown id).
 */
type OwnerAccess = { action: Action; facts: (user: CurrentUser, scopes: OrgScope[], id: number) => Promise<Target | null> };
export const ATTACHMENT_OWNERS: Record<OwnerKind, OwnerAccess> = {
  event: { action: "event:read", facts: (user, _scopes, id) => findEvent(user, String(id)) },
  log: { action: "log:read", facts: (_user, _scopes, id) => findLog(id) },
  exercise: { action: "exercise:read", facts: (user, scopes, id) => exerciseFor({ id: user.id, scopes }, id) },
  submission: { action: "submission:read", facts: (_user, _scopes, id) => submissionFacts(id) },
  case_file: { action: "case-scan:read", facts: (_user, _scopes, id) => scanFacts(id) },
  application: { action: "application:read", facts: (_user, _scopes, id) => applicationFacts(id) },
  room: { action: "room:read", facts: (_user, _scopes, id) => findRoom(id) },
};

const idOf = (value: string | number | null | undefined) => {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/**
 * The one way a stored file leaves the server: signed out → login; no grant for the owner's read
 * action → 403; an owner the user may not read, or a file it does not hold → 404. The file goes
 * as a download (never shown inline), typed by its sniffed content, with its name per RFC 5987,
 * never cached, never sniffed as something else.
 */
export async function serveAttachment(
  request: Request,
  kind: OwnerKind,
  ownerId: string | number | null | undefined,
  attachmentId: string | number | undefined,
): Promise<Response> {
  const owner = ATTACHMENT_OWNERS[kind];
  const id = idOf(ownerId);
  await requireAccess(request, owner.action, (user, scopes) => (id ? owner.facts(user, scopes, id) : Promise.resolve(null)));
  const file = id ? await findAttachment(kind, id, idOf(attachmentId) ?? 0) : null;
  const bytes = file ? readUpload(file.storedName) : null;
  if (!file || !bytes) throw notFound();
  return download(bytes, file.originalName, file.mime);
}

/**
 * A named room's public image (/rooms/<slug>/images/<name>): no sign-in, only the sizes the store
 * made for a room with a public page, shown inline and cached (a new image gets a new attachment
 * id, so the ETag changes with it). Anything else is a 404.
 */
export async function servePublicRoomImage(slug: string | undefined, name: string | undefined): Promise<Response> {
  const found = slug && name ? await publicImage(slug, name) : null;
  const file = found ? await findAttachment("room", found.roomId, found.attachmentId) : null;
  const bytes = file ? readUpload(file.storedName) : null;
  if (!file || !bytes) throw notFound();
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.mime,
      "Cache-Control": "public, max-age=3600",
      ETag: `"room-image-${file.id}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
    },
  });
}
