/**
 * The progress lines of build-tools.sh: what a cold tool build will take (the `coldBuildSeconds`
 * measured per tool in tools.json), each tool as it starts and finishes, and how much is left.
 *
 * Pure formatting and arithmetic; build-tools.sh decides what to build and runs it as a script with
 * the project's Node 22 (type stripping, so only erasable TypeScript here):
 *   node platform/local/tool-progress.ts plan    --prefix setup --cached 0 --estimates 326,32,73 --measured-cores 2 --cores 2 --log-dir DIR
 *   node platform/local/tool-progress.ts start   --index 1 --count 3 --name kubernetes --version v1.36.1 --estimate 326
 *   node platform/local/tool-progress.ts done    --index 1 --count 3 --name kubernetes --version v1.36.1 --seconds 492 --estimated-done 326 --actual-done 492 --estimated-left 105
 *   node platform/local/tool-progress.ts failed  --index 1 --count 3 --name kubernetes --version v1.36.1 --seconds 61 --log FILE
 *   node platform/local/tool-progress.ts summary --prefix setup --built 3 --failed 0 --seconds 600 --estimate 431 --tools-root DIR
 */
import { parseArgs } from "node:util";

/** A measured duration: `42s`, `8m12s`, `1h02m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/** An estimate, deliberately coarse: `about 30 s`, `about 9 min`; undefined when nothing was measured. */
export function formatEstimate(seconds: number | undefined): string | undefined {
  if (seconds === undefined || !(seconds > 0)) return undefined;
  if (seconds < 60) return `about ${Math.max(5, Math.round(seconds / 5) * 5)} s`;
  return `about ${Math.round(seconds / 60)} min`;
}

/**
 * Time left: the estimates of the tools not built yet, scaled by the pace so far (actual / estimated
 * seconds of the tools already built), so a faster machine or a warm Go build cache shortens it.
 */
export function secondsLeft(estimatedDone: number, actualDone: number, estimatedLeft: number): number {
  if (!(estimatedLeft > 0)) return 0;
  const pace = estimatedDone > 0 && actualDone >= 0 ? actualDone / estimatedDone : 1;
  return Math.round(estimatedLeft * pace);
}

/** A cold-build estimate from tools.json: a positive number of seconds, or undefined (not measured). */
export function parseEstimate(text: string | undefined): number | undefined {
  const n = Number(text);
  return text !== undefined && text.trim() !== "" && Number.isFinite(n) && n > 0 ? n : undefined;
}

export interface Plan {
  readonly prefix: string;
  /** Cold-build estimate of each tool to build, in build order (undefined: not measured). */
  readonly estimates: readonly (number | undefined)[];
  readonly cached: number;
  /** Cores of the machine the estimates were measured on (tools.json `coldBuildCores`). */
  readonly measuredCores?: number;
  /** Cores of this machine. */
  readonly cores?: number;
  readonly logDir?: string;
}

/** `setup: building tools (5 to build, about 18 min cold on 2 cores); logs in DIR` */
export function planLine(p: Plan): string {
  const known = p.estimates.filter((e): e is number => e !== undefined);
  const unknown = p.estimates.length - known.length;
  const parts = [`${p.estimates.length} to build`];
  if (p.cached > 0) parts.push(`${p.cached} cached`);
  const total = formatEstimate(known.reduce((a, b) => a + b, 0));
  if (total) {
    let t = `${total} cold${p.measuredCores ? ` on ${p.measuredCores} core${p.measuredCores === 1 ? "" : "s"}` : ""}`;
    if (unknown > 0) t += ` + ${unknown} not measured`;
    if (p.measuredCores && p.cores && p.cores !== p.measuredCores) t += `; this machine has ${p.cores}`;
    parts.push(t);
  } else if (unknown > 0) {
    parts.push("no measured build time");
  }
  return `${p.prefix}: building tools (${parts.join(", ")})${p.logDir ? `; logs in ${p.logDir}` : ""}`;
}

export interface Step {
  readonly index: number;
  readonly count: number;
  readonly name: string;
  readonly version: string;
}

const head = (s: Step): string => `[${s.index}/${s.count}] ${s.name} ${s.version}`;

/** `[1/5] kubernetes v1.36.1 … building (about 9 min)` */
export function startLine(s: Step, estimate: number | undefined): string {
  return `${head(s)} … building (${formatEstimate(estimate) ?? "no measured build time"})`;
}

/** `[1/5] kubernetes v1.36.1 built in 8m12s · 9m50s left (est.)`; the last tool says nothing of time left. */
export function doneLine(s: Step, seconds: number, left: number): string {
  const tail = s.index < s.count && left > 0 ? ` · ${formatDuration(left)} left (est.)` : "";
  return `${head(s)} built in ${formatDuration(seconds)}${tail}`;
}

/** `[2/5] etcd v3.6.8 FAILED after 1m02s; last lines of LOG:` (build-tools.sh prints the tail next). */
export function failedLine(s: Step, seconds: number, log: string): string {
  return `${head(s)} FAILED after ${formatDuration(seconds)}; last lines of ${log}:`;
}

/** `setup: 5 tools built in 18m31s (estimated about 18 min), under DIR` or the failure count. */
export function summaryLine(
  prefix: string,
  built: number,
  failed: number,
  seconds: number,
  estimate: number | undefined,
  toolsRoot?: string,
): string {
  const what = `${built} tool${built === 1 ? "" : "s"} built`;
  const est = formatEstimate(estimate);
  const base = `${prefix}: ${what} in ${formatDuration(seconds)}${est ? ` (estimated ${est})` : ""}`;
  if (failed > 0) return `${base}; ${failed} FAILED (see above)`;
  return toolsRoot ? `${base}, under ${toolsRoot}` : base;
}

/** The command line of build-tools.sh's calls (see the header); returns the line to print. */
export function run(argv: readonly string[]): string {
  const [command, ...rest] = argv;
  const { values: v } = parseArgs({
    args: [...rest],
    options: Object.fromEntries(
      [
        "prefix",
        "cached",
        "estimates",
        "measured-cores",
        "cores",
        "log-dir",
        "index",
        "count",
        "name",
        "version",
        "estimate",
        "seconds",
        "estimated-done",
        "actual-done",
        "estimated-left",
        "log",
        "built",
        "failed",
        "tools-root",
      ].map((k) => [k, { type: "string" as const }]),
    ),
    strict: true,
  }) as { values: Record<string, string | undefined> };
  const num = (k: string): number => {
    const n = Number(v[k] ?? "0");
    if (!Number.isFinite(n)) throw new Error(`tool-progress: --${k} is not a number: ${v[k]}`);
    return n;
  };
  const step = (): Step => ({ index: num("index"), count: num("count"), name: v.name ?? "?", version: v.version ?? "" });
  switch (command) {
    case "plan":
      return planLine({
        prefix: v.prefix ?? "build-tools",
        estimates: (v.estimates ?? "")
          .split(",")
          .filter((e) => e !== "")
          .map((e) => parseEstimate(e)),
        cached: num("cached"),
        measuredCores: num("measured-cores") || undefined,
        cores: num("cores") || undefined,
        logDir: v["log-dir"],
      });
    case "start":
      return startLine(step(), parseEstimate(v.estimate));
    case "done":
      return doneLine(step(), num("seconds"), secondsLeft(num("estimated-done"), num("actual-done"), num("estimated-left")));
    case "failed":
      return failedLine(step(), num("seconds"), v.log ?? "");
    case "summary":
      return summaryLine(
        v.prefix ?? "build-tools",
        num("built"),
        num("failed"),
        num("seconds"),
        parseEstimate(v.estimate),
        v["tools-root"],
      );
    case "probe":
      return "ok";
    default:
      throw new Error(`tool-progress: unknown command ${JSON.stringify(command)} (plan, start, done, failed, summary)`);
  }
}

if (/tool-progress\.ts$/.test(process.argv[1] ?? "")) {
  try {
    console.log(run(process.argv.slice(2)));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}
