/**
 * The plan of a chaos run (`npm run chaos`): per round, which example app gets a change (a new image
 * digest of one workload, i.e. a rolling update in Dev) and which fault hits its deploy, drawn from a
 * seeded generator so a failing run can be replayed with the same `--seed`.
 */

/** The faults a round can inject into a deploy. */
export const FAULTS = ["none", "kill", "apiserver-restart", "kwok-restart", "two-runners"] as const;
export type Fault = (typeof FAULTS)[number];

/** What each fault does to the round's deploy. */
export const FAULT_DESCRIPTIONS: Readonly<Record<Fault, string>> = {
  none: "the deploy runs undisturbed",
  kill: "SIGKILL of the deploy's whole process group at a random moment (a vanished runner)",
  "apiserver-restart": "the API server is stopped and started again while the deploy runs",
  "kwok-restart": "kwok (the fake kubelets) is restarted while the deploy runs",
  "two-runners": "a second runner deploys the same stack 1–3 s after the first",
};

/** An app the run may change: its name and the workloads whose digest it may replace. */
export interface ChaosApp {
  readonly name: string;
  readonly workloads: readonly string[];
}

/** One round: the change and the fault. */
export interface ChaosRound {
  readonly round: number;
  readonly app: string;
  readonly workload: string;
  /** The new digest of `workload` (`sha256:` + 64 hex), as an image job would have built it. */
  readonly digest: string;
  readonly fault: Fault;
  /** When the fault strikes, after the deploy started (ms). */
  readonly delayMs: number;
}

/** mulberry32: a small, well-known seeded PRNG; the same seed gives the same plan on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `rounds` rounds over `apps`. Faults come in shuffled cycles of every kind, so any run of at least
 * `FAULTS.length` rounds injects each kind at least once; strike delays fall between 1 s and `maxDelayMs`.
 * @throws Error when there is no app or no workload to change
 */
export function chaosPlan(options: {
  rounds: number;
  seed: number;
  apps: readonly ChaosApp[];
  faults?: readonly Fault[];
  maxDelayMs?: number;
}): ChaosRound[] {
  const apps = options.apps.filter((a) => a.workloads.length > 0);
  if (apps.length === 0) throw new Error("chaos plan: no app with a workload to change");
  const faults = options.faults ?? FAULTS;
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const hex = () =>
    Array.from({ length: 64 }, () =>
      Math.floor(random() * 16)
        .toString(16)
        .toLowerCase(),
    ).join("");
  let cycle: Fault[] = [];
  const rounds: ChaosRound[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    if (cycle.length === 0) cycle = shuffle([...faults], random);
    const app = pick(apps);
    rounds.push({
      round,
      app: app.name,
      workload: pick(app.workloads),
      digest: `sha256:${hex()}`,
      fault: cycle.shift()!,
      delayMs: 1000 + Math.floor(random() * Math.max(0, (options.maxDelayMs ?? 8000) - 1000)),
    });
  }
  return rounds;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
