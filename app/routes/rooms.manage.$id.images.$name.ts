import type { LoaderFunctionArgs } from "@remix-run/node";
import { findRoom } from "~/.server/rooms/rooms";
import { serveAttachment } from "~/.server/web/attachments";

/** A size of a room's photo or logo for its applicant and the admins over it (drafts too), by the room's read action. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await findRoom(params.id);
  const id = found?.room.images?.[params.name ?? ""] ?? 0;
  return serveAttachment(request, "room", params.id, id);
}
