import type { DisputeCategory } from "./categories";
import type { DirectoryFilter, RoomKind, RoomStatus } from "./rooms";

/** What the public room pages render (built by app/.server/rooms/public.ts). */
export type RoomCard = {
  slug: string;
  name: string;
  kind: RoomKind;
  motto: string | null;
  region: string;
  specialties: DisputeCategory[];
  stars: number | null;
  starsYear: number | null;
  photo: string | null;
  logo: string | null;
};
export type RegionOption = { id: number; name: string; depth: number };
export type RoomDirectoryView = {
  filter: DirectoryFilter;
  cards: RoomCard[];
  total: number;
  page: number;
  pages: number;
  regions: RegionOption[];
};

export type PublicMediator = { name: string; level: string | null; verifyCode: string | null };
export type PublicRoom = {
  slug: string;
  name: string;
  kind: RoomKind;
  status: RoomStatus;
  statusOn: string | null;
  motto: string | null;
  story: string;
  address: string;
  hours: string;
  phone: string;
  specialties: DisputeCategory[];
  committee: string;
  county: string;
  namedOn: string | null;
  docNo: string | null;
  plaque: string | null;
  stars: number | null;
  starsYear: number | null;
  ratings: { year: number; stars: number }[];
  photo: { src: string; srcset: string } | null;
  logo: string | null;
  mediators: PublicMediator[];
  figures: { year: number; handled: number; successRate: number | null }[];
};
export type RoomPageView = { room: PublicRoom; qr: string };
