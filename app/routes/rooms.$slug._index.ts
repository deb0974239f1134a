import type { LoaderFunctionArgs } from "@remix-run/node";
import { roomPage } from "~/.server/web/rooms";
import { renderRoom, renderRoomNotFound } from "~/components/RoomPages";

/**
 * Public: a room's branded page (the plaque's QR code opens it). Named rooms, suspended ones (said
 * so) and withdrawn ones (已摘牌 with the date); anything else is a 404 page. Public by decision: it
 * asks nothing of the permission table, and shows no mediator's private data.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return roomPage(request, params.slug, renderRoom, renderRoomNotFound);
}
