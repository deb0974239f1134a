import type { LoaderFunctionArgs } from "@remix-run/node";
import { roomPage } from "~/.server/web/rooms";
import { renderPlaque, renderRoomNotFound } from "~/components/RoomPages";

/** Public: the printable plaque (门牌) of a room, with the QR code that opens its page. Asks nothing of the permission table. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return roomPage(request, params.slug, renderPlaque, renderRoomNotFound);
}
