import crypto from "node:crypto";
import { quota, type SamplingRule } from "~/lib/case-review";

/**
 * The sample of a case-file review, drawn so that anyone can draw it again: a pure function of the
 * population, the rule and the seed. Nothing here reads the database.
 *
 * 1. The population is every register file of the review's subtree closed in its period (voided
 *    or not), up to the highest file id at opening, in id order; it splits into the judicially
 *    confirmed files and the rest.
 * 2. Each stratum is shuffled with the seeded generator (Fisher–Yates, from the last place down) and
 *    its first ⌈share × size⌉ files are taken.
 * 3. Then, mediator by mediator (by id), one who has fewer than the minimum of their own files
 *    (as primary mediator) in the sample gets more, drawn from their remaining files in the same way.
 * The generator is mulberry32 seeded with the review's 32-bit seed (8 hex digits on its page).
 */

export type PopulationFile = { id: number; primaryMediatorId: number; confirmed: boolean };
export type Drawn = { id: number; stratum: "confirmed" | "other" | "minimum" };

/** A fresh seed: 8 hex digits. */
export const newSeed = () => crypto.randomBytes(4).toString("hex");

/** mulberry32: a small, well-known 32-bit generator, easy to re-implement to check a sample. */
export function seededRandom(seedHex: string): () => number {
  let a = Number.parseInt(seedHex, 16) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The sample, in draw order. */
export function drawSample(population: readonly PopulationFile[], rule: SamplingRule, seed: string): Drawn[] {
  const random = seededRandom(seed);
  const files = [...population].sort((a, b) => a.id - b.id);
  const confirmed = files.filter((f) => f.confirmed);
  const other = files.filter((f) => !f.confirmed);
  const drawn: Drawn[] = [
    ...shuffled(confirmed, random)
      .slice(0, quota(confirmed.length, rule.confirmedPercent))
      .map((f) => ({ id: f.id, stratum: "confirmed" as const })),
    ...shuffled(other, random)
      .slice(0, quota(other.length, rule.otherPercent))
      .map((f) => ({ id: f.id, stratum: "other" as const })),
  ];
  if (rule.minPerMediator > 0) {
    const taken = new Set(drawn.map((d) => d.id));
    const byMediator = new Map<number, PopulationFile[]>();
    for (const f of files) byMediator.set(f.primaryMediatorId, [...(byMediator.get(f.primaryMediatorId) ?? []), f]);
    for (const mediatorId of [...byMediator.keys()].sort((a, b) => a - b)) {
      const own = byMediator.get(mediatorId)!;
      const missing = rule.minPerMediator - own.filter((f) => taken.has(f.id)).length;
      if (missing <= 0) continue;
      for (const f of shuffled(
        own.filter((f) => !taken.has(f.id)),
        random,
      ).slice(0, missing)) {
        taken.add(f.id);
        drawn.push({ id: f.id, stratum: "minimum" });
      }
    }
  }
  return drawn;
}

/** What the review records of its population, so a later check can tell whether the register moved. */
export function populationDigest(population: readonly PopulationFile[]): string {
  const ids = [...population].sort((a, b) => a.id - b.id).map((f) => `${f.id}:${f.primaryMediatorId}:${f.confirmed ? 1 : 0}`);
  return crypto.createHash("sha256").update(ids.join(",")).digest("hex");
}
