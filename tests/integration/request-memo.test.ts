/**
 * The per-request memo (app/.server/request-memo.ts): a GET's loaders read what no read changes —
 * the account's roster entry — once; a POST reads afresh each time; a failed read is retried.
 */
import http from "node:http";
import { memoised, withRequestMemo } from "~/.server/request-memo";
import { buildOf, serveBuild } from "../support/remix-build";

let loads = 0;
/** Three reads of one key: two side by side, one after; answers how many loads ran. */
const probe = async () => {
  loads = 0;
  const load = async () => ++loads;
  await Promise.all([memoised("k", load), memoised("k", load)]);
  await memoised("k", load);
  return new Response(String(loads));
};
const routes = {
  root: { id: "root", path: "", module: { default: () => null } },
  probe: { id: "probe", parentId: "root", path: "probe", module: { loader: probe, action: probe } },
};
const build = buildOf(routes);

let server: http.Server;
let origin: string;
beforeAll(async () => {
  ({ server, origin } = await serveBuild(build));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("the request memo", () => {
  it("a GET loads a key once, however many of its readers ask", async () => {
    const res = await fetch(`${origin}/probe`);
    expect(await res.text()).toBe("1");
  });

  it("a POST loads every time: a write never sees a row read before it changed it", async () => {
    const res = await fetch(`${origin}/probe`, { method: "POST", headers: { Origin: origin } });
    expect(await res.text()).toBe("3");
  });

  it("two requests at once each have their own memo", async () => {
    const memos = await Promise.all(
      [1, 2].map((n) => withRequestMemo(() => Promise.all([memoised("who", async () => n), memoised("who", async () => -1)]))),
    );
    expect(memos).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it("a failed read is not remembered; outside a request nothing is", async () => {
    let tries = 0;
    const flaky = async () => {
      tries++;
      if (tries === 1) throw new Error("lost connection");
      return "row";
    };
    await withRequestMemo(async () => {
      await expect(memoised("row", flaky)).rejects.toThrow("lost connection");
      await expect(memoised("row", flaky)).resolves.toBe("row");
      await expect(memoised("row", flaky)).resolves.toBe("row");
    });
    expect(tries).toBe(2);
    await memoised("row", flaky);
    await memoised("row", flaky);
    expect(tries).toBe(4);
  });
});
