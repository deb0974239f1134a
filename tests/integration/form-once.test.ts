import { Exercise, FormSubmission, Rubric, TrainingEvent, User } from "~/.server/db/models";
import { onceToken, submitOnce } from "~/.server/web/form-once";
import * as newAccount from "~/routes/admin.users.new";
import * as newEvent from "~/routes/events.new";
import * as newExercise from "~/routes/exercises.new";
import * as newRubric from "~/routes/rubrics.new";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { BASE, callRoute, seedWithPersonas, type Outcome } from "../support/personas";

let db: TestDatabase;
let ids: Awaited<ReturnType<typeof seedWithPersonas>>;

beforeAll(async () => {
  db = await createMigratedDatabase();
  ids = await seedWithPersonas();
});
afterAll(() => db.drop());

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16);

/** Posts the new-exercise form as the browser does (multipart), as the demo trainer. */
async function postExercise(fields: Record<string, string>): Promise<Outcome> {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  const request = new Request(`${BASE}/exercises/new`, { method: "POST", body, headers: { Cookie: ids.cookies.trainer! } });
  try {
    const result = (await newExercise.action({ request, params: {}, context: {} })) as unknown as {
      type?: string;
      data?: unknown;
      init?: { status?: number };
    };
    return result?.type === "DataWithResponseInit"
      ? { status: result.init?.status ?? 200, body: result.data }
      : { status: 200, body: result };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, location: thrown.headers.get("Location") ?? undefined };
  }
}

async function exerciseForm(title: string) {
  const rubric = (await Rubric.findOne({ where: { title: "模拟调解" } }))!;
  return {
    title,
    brief: "## 案情\n王某与邻居赵某因排水沟改道发生争执……",
    rubricId: String(rubric.id),
    passPercent: "60",
    audience: `org:${ids.township.id}`,
    dueAt: inAWeek(),
    latePolicy: "refuse",
    resubmissions: "1",
    hours: "2",
    form: "drill",
  };
}

describe("a create form sent twice", () => {
  it("a double tap on 布置 sets one exercise, and both answers lead to it", async () => {
    const before = await Exercise.count();
    const form = { ...(await exerciseForm("双击测试：排水沟纠纷")), once: onceToken() };
    const [first, second] = await Promise.all([postExercise(form), postExercise(form)]);
    expect(await Exercise.count()).toBe(before + 1);
    const made = (await Exercise.findOne({ where: { title: "双击测试：排水沟纠纷" } }))!;
    expect(first).toEqual({ status: 302, location: `/exercises/${made.id}?created=1` });
    expect(second).toEqual(first);
    // Sent again later (a resent form): still the same exercise.
    expect(await postExercise(form)).toEqual(first);
    expect(await Exercise.count()).toBe(before + 1);
  });

  it("the same token with other content (the form reused through the back button) makes a second record", async () => {
    const before = await Exercise.count();
    const once = onceToken();
    const first = await postExercise({ ...(await exerciseForm("返回后再布置：甲")), once });
    const second = await postExercise({ ...(await exerciseForm("返回后再布置：乙")), once });
    expect(first.location).not.toEqual(second.location);
    expect(await Exercise.count()).toBe(before + 2);
  });

  it("a form with errors keeps no claim: corrected, the same token goes through", async () => {
    const before = await Exercise.count();
    const once = onceToken();
    const good = await exerciseForm("先错后对");
    const refused = await postExercise({ ...good, dueAt: "2020-01-01T09:00", once });
    expect(refused.status).toBe(400);
    expect((refused.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ dueAt: ["exercise.duePast"] });
    expect(await FormSubmission.count({ where: { token: once } })).toBe(0);
    expect((await postExercise({ ...good, once })).status).toBe(302);
    expect(await Exercise.count()).toBe(before + 1);
  });

  it("publishing an event and saving a new rubric twice at once make one of each", async () => {
    const events = await TrainingEvent.count();
    const event = {
      title: "双击测试：矛盾纠纷排查培训",
      form: "lecture",
      kind: "annual",
      startsAt: "2026-12-09T14:00",
      endsAt: "2026-12-09T17:00",
      hours: "3",
      place: "司法局会议室",
      capacity: "40",
      audienceOrgUnitId: String(ids.county1.id),
      once: onceToken(),
    };
    const sent = await Promise.all(
      [1, 2].map(() => callRoute(newEvent.action as never, { url: "/events/new", cookie: ids.cookies.trainer, form: event })),
    );
    expect(sent[0].status).toBe(302);
    expect(sent[1]).toEqual(sent[0]);
    expect(await TrainingEvent.count()).toBe(events + 1);

    const rubrics = await Rubric.count();
    const rubric = {
      title: "双击测试量规",
      description: "",
      "criteria[0].name": "倾听与共情",
      "criteria[0].description": "",
      "criteria[0].levels[0].name": "好",
      "criteria[0].levels[0].points": "10",
      "criteria[0].levels[0].description": "复述当事人诉求准确",
      "criteria[0].levels[1].name": "差",
      "criteria[0].levels[1].points": "0",
      "criteria[0].levels[1].description": "打断当事人",
      once: onceToken(),
    };
    const saved = await Promise.all(
      [1, 2].map(() => callRoute(newRubric.action as never, { url: "/rubrics/new", cookie: ids.cookies.trainer, form: rubric })),
    );
    expect(saved[0].status).toBe(302);
    expect(saved[1]).toEqual(saved[0]);
    expect(await Rubric.count()).toBe(rubrics + 1);
  });

  it("a new account sent twice is opened once; the repeat leads to it, where the password can be reset", async () => {
    const users = await User.count();
    const account = {
      username: "zhang_lixia",
      displayName: "张丽霞",
      role: "trainer",
      orgUnitId: String(ids.county1.id),
      once: onceToken(),
    };
    const sent = await Promise.all(
      [1, 2].map(() => callRoute(newAccount.action as never, { url: "/admin/users/new", cookie: ids.cookies.county, form: account })),
    );
    expect(await User.count()).toBe(users + 1);
    const made = (await User.findOne({ where: { username: "zhang_lixia" } }))!;
    const shown = sent.find((o) => o.status === 200)!;
    expect((shown.body as { created: { id: number; password: string } }).created).toMatchObject({
      id: made.id,
      password: expect.any(String),
    });
    expect(sent.find((o) => o.status === 302)).toEqual({ status: 302, location: `/admin/users/${made.id}?again=1` });
  });

  it("a repeat waits for the first; if the first fails, the repeat runs on its own", async () => {
    const userId = ids.mediatorUser.id;
    const once = onceToken();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const runs: string[] = [];
    const first = submitOnce(userId, once, { a: 1 }, async () => {
      runs.push("first");
      await held;
      throw new Error("the database went away");
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = submitOnce(userId, once, { a: 1 }, async () => {
      runs.push("second");
      return "done";
    });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(runs).toEqual(["first"]);
    release();
    await expect(first).rejects.toThrow("the database went away");
    expect(await second).toBe("done");
    expect(runs).toEqual(["first", "second"]);
    // A missing or malformed token does not stop anything.
    expect(await submitOnce(userId, null, {}, async () => "ran")).toBe("ran");
    expect(await submitOnce(userId, "../x", {}, async () => "ran")).toBe("ran");
  });
});
