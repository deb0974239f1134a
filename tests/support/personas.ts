import { login } from "~/.server/web/login";
import { Mediator, OrgUnit, User } from "~/.server/db/models";
import { seedDemo } from "../../db/seeders/demo";
import { demoPassword } from "../../db/seeders/demo-accounts";

/** The personas of the access-control matrix, as demo accounts. */
export const PERSONAS = {
  anonymous: null,
  mediator: "demo_mediator",
  trainer: "demo_trainer",
  reviewer: "demo_reviewer",
  township: "demo_township",
  county: "demo_county",
  otherCounty: "demo_county2",
  sysadmin: "demo_admin",
} as const;
export type Persona = keyof typeof PERSONAS;

export const BASE = "http://localhost";

/** Signs in through the real login function and returns the Cookie header value. */
export async function cookieFor(username: string, password = demoPassword()): Promise<string> {
  const result = await login(new Request(`${BASE}/login`), { username, password, ip: `test-${username}` });
  if (!result.ok) throw new Error(`login failed for ${username}: ${result.error}`);
  return result.setCookie.split(";")[0];
}

/** Seeds the demo data and signs every persona in. */
export async function seedWithPersonas() {
  await seedDemo();
  const cookies = {} as Record<Persona, string | null>;
  for (const [persona, username] of Object.entries(PERSONAS) as [Persona, string | null][]) {
    cookies[persona] = username ? await cookieFor(username) : null;
  }
  const orgByName = async (name: string) => (await OrgUnit.findOne({ where: { name } }))!;
  const county1 = await orgByName("青山县");
  const county2 = await orgByName("临河区");
  const township = await orgByName("城关镇");
  const mediatorUser = (await User.findOne({ where: { username: "demo_mediator" } }))!;
  const inCommittee = async (committeeName: string) =>
    (await Mediator.findOne({ where: { orgUnitId: (await orgByName(committeeName)).id }, order: [["id", "ASC"]] }))!;
  return {
    cookies,
    county1,
    county2,
    township,
    mediatorUser,
    /** A mediator under 城关镇 (township, county 1). */
    townshipMediator: await inCommittee("东门社区人民调解委员会"),
    /** A mediator in county 1 but outside 城关镇. */
    county1Mediator: await inCommittee("石桥村人民调解委员会"),
    /** A mediator in county 2. */
    county2Mediator: await inCommittee("望江社区人民调解委员会"),
  };
}

type RouteArgs = { request: Request; params: Record<string, string>; context: Record<string, unknown> };
type RouteFn = (args: RouteArgs) => Promise<unknown> | unknown;

export type Outcome = { status: number | "login"; location?: string; body?: unknown };

/** Calls a loader or action as Remix would and classifies what came back. */
export async function callRoute(
  fn: RouteFn,
  options: {
    url: string;
    method?: string;
    cookie?: string | null;
    form?: Record<string, string | string[]>;
    params?: Record<string, string>;
  },
): Promise<Outcome> {
  const headers = new Headers();
  if (options.cookie) headers.set("Cookie", options.cookie);
  let body: URLSearchParams | undefined;
  if (options.form) {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(options.form)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  }
  const request = new Request(`${BASE}${options.url}`, { method: options.method ?? (body ? "POST" : "GET"), headers, body });
  const classify = (r: Response): Outcome => {
    const location = r.headers.get("Location") ?? undefined;
    if (r.status >= 300 && r.status < 400 && location?.startsWith("/login")) return { status: "login", location };
    return { status: r.status, location };
  };
  try {
    const result = await fn({ request, params: options.params ?? {}, context: {} });
    if (result instanceof Response) return classify(result);
    const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } } | null;
    if (wrapped && wrapped.type === "DataWithResponseInit") return { status: wrapped.init?.status ?? 200, body: wrapped.data };
    return { status: 200, body: result };
  } catch (thrown) {
    if (thrown instanceof Response) return classify(thrown);
    throw thrown;
  }
}
