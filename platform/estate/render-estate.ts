import { enableCompileCache } from "node:module";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { AppDeclaration, EnvName } from "../../constructs/model";
import { REPO_ROOT } from "../repo-root";
import type { Estate } from "./estate-source";
import { type CacheHit, RenderCache, renderKeys } from "./render-cache";
import { renderCode, renderCodeVersion } from "./render-code";
import type { InstanceData, RenderJobResult } from "./render-job";
import type { WorkerAnswer, WorkerJob, WorkerSetup } from "./render-worker";

/**
 * One app in one environment: its YAML (equal byte for byte to `synthesizeApp`) or why it is refused.
 * A cached render is handed back unread, as its file: `readYaml()` reads it, or a consumer that only
 * writes it elsewhere copies `file`. So an unchanged app costs a `stat`, whatever its size.
 */
export type EstateRender =
  | {
      readonly ok: true;
      readonly env: EnvName;
      readonly app: string;
      readonly cached: boolean;
      /** The cache file holding exactly the YAML, or undefined when rendered without a cache. */
      readonly file: string | undefined;
      /** Size of the YAML in bytes (UTF-8), known without reading it. */
      readonly bytes: number;
      /** The YAML: read from `file` when cached (each call reads it again), else the string just rendered. */
      readYaml(): string;
    }
  | { readonly ok: false; readonly env: EnvName; readonly app: string; readonly messages: readonly string[]; readonly cached: boolean };

/** Progress of a render, reported after every result. */
export interface EstateRenderProgress {
  readonly done: number;
  readonly total: number;
  readonly cached: number;
}

/** Options of `renderEstate`. */
export interface RenderEstateOptions {
  /** Worker threads for cache misses; 0 renders in the calling thread. @default os.availableParallelism() */
  readonly workers?: number;
  /** Cache folder, or false for no cache (every app is rendered). @default "<repo>/.beluga/cache/estate" */
  readonly cacheDir?: string | false;
  /** The cache itself (e.g. with a reader that counts reads); takes precedence over `cacheDir`. */
  readonly cache?: RenderCache;
  /** Environments to render. @default every environment of the estate's instance, in promotion order */
  readonly environments?: readonly EnvName[];
  /** At or below this many cache misses no worker is started: starting one costs more than rendering. @default 16 */
  readonly inlineLimit?: number;
  /** Called after every result. */
  readonly onProgress?: (progress: EstateRenderProgress) => void;
}

/** Default cache folder (git-ignored). */
export const DEFAULT_ESTATE_CACHE = join(REPO_ROOT, ".beluga", "cache", "estate");
/** Apps sent to a worker per message: enough to amortise messaging, small enough to balance load. */
const APPS_PER_MESSAGE = 2;

interface Job extends WorkerJob {
  readonly key: string;
}

/** What an outcome is made of: a cache hit (unread), or a result just rendered (and where it was cached). */
type Outcome = CacheHit | { readonly yaml: string; readonly file: string | undefined } | { readonly messages: readonly string[] };

/**
 * Renders every app of an estate for every environment of its instance, app by app (never one
 * cdk8s App for the estate), streaming each result as soon as it exists: cached results first, then
 * cache misses as worker threads finish them. The cache is content-addressed (`renderKey`:
 * declaration, environment, environment names, catalog entries used, render code version), so an
 * unchanged app is never rendered twice and a change to the constructs re-renders everything.
 *
 * Results equal `synthesizeApp` byte for byte: workers run that very function, through a façade
 * built from the estate's instance, from a transpiled copy of the same sources. A refused
 * declaration yields its DeclarationError messages; a programming error rejects with the app and
 * environment named.
 *
 * @example
 * for await (const r of renderEstate(loadEstate("repo"))) if (r.ok) write(`${r.env}/${r.app}.yaml`, r.readYaml());
 */
export async function* renderEstate(estate: Estate, options: RenderEstateOptions = {}): AsyncGenerator<EstateRender> {
  const code = renderCodeVersion();
  const cache = options.cache ?? (options.cacheDir === false ? undefined : new RenderCache(options.cacheDir ?? DEFAULT_ESTATE_CACHE));
  const { environments } = estate.instance;
  const envs = options.environments ?? environments.names;
  const total = estate.apps.length * envs.length;
  let done = 0;
  let cachedCount = 0;
  const outcome = (job: { app: AppDeclaration; env: EnvName }, result: Outcome, cached: boolean): EstateRender => {
    done++;
    if (cached) cachedCount++;
    options.onProgress?.({ done, total, cached: cachedCount });
    const base = { env: job.env, app: job.app.name, cached };
    if ("messages" in result) return { ok: false, ...base, messages: result.messages };
    if ("yaml" in result) {
      const { yaml, file } = result;
      return { ok: true, ...base, file, bytes: Buffer.byteLength(yaml), readYaml: () => yaml };
    }
    const hit = result;
    return { ok: true, ...base, file: hit.file, bytes: hit.bytes, readYaml: () => cache!.readRendered(hit) };
  };
  /** Stores a fresh result and remembers where the cache keeps it. */
  const settle = (job: Job, result: RenderJobResult): EstateRender => {
    const file = cache?.write(job.key, result);
    return outcome(job, "yaml" in result ? { yaml: result.yaml, file } : result, false);
  };

  const misses: Job[] = [];
  const seen = new Set<string>();
  for (const app of estate.apps) {
    const duplicate = seen.has(app.name);
    seen.add(app.name);
    const keys = duplicate
      ? []
      : renderKeys(
          app,
          envs.map((env) => environments.get(env)),
          estate.instance,
          code.version,
        );
    for (const [i, env] of envs.entries()) {
      if (duplicate) {
        yield outcome(
          { app, env },
          { messages: [`${app.name}: name is declared by two apps; app names are unique across the estate`] },
          false,
        );
        continue;
      }
      const key = keys[i];
      const hit = cache?.lookup(key);
      if (hit) yield outcome({ app, env }, hit, true);
      else misses.push({ id: misses.length, app, env, key });
    }
  }
  if (misses.length === 0) return;
  renderCode(); // the transpiled copy, made once per version, only now that something renders
  // This run adds entries: drop those no run has used for a month (at most once a day).
  cache?.pruneIfDue();

  const instance: InstanceData = { name: estate.instance.name, catalog: estate.instance.catalog, environments: environments.list };
  const workers = Math.min(options.workers ?? availableParallelism(), Math.ceil(misses.length / envs.length));
  if (workers <= 0 || misses.length <= (options.inlineLimit ?? 16)) {
    enableCompileCache(code.compileCacheDir);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled copy, by path, after the compile cache is on
    const { estateRenderer } = require(code.jobModule) as typeof import("./render-job");
    const render = estateRenderer(instance);
    for (const job of misses) yield settle(job, render(job.app, job.env));
    return;
  }
  yield* renderInWorkers(code.workerEntry, workers, misses, { instance, compileCacheDir: code.compileCacheDir }, settle);
}

/** Spreads jobs over `count` worker threads, a few apps per message, and streams the outcomes. */
async function* renderInWorkers(
  entry: string,
  count: number,
  jobs: readonly Job[],
  setup: WorkerSetup,
  settle: (job: Job, result: RenderJobResult) => EstateRender,
): AsyncGenerator<EstateRender> {
  const batches: Job[][] = [];
  for (const job of jobs) {
    const last = batches[batches.length - 1];
    const apps = last ? new Set(last.map((j) => j.app.name)) : new Set<string>();
    if (last && (apps.has(job.app.name) || apps.size < APPS_PER_MESSAGE)) last.push(job);
    else batches.push([job]);
  }
  const ready: EstateRender[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let pending = jobs.length;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const pool = Array.from({ length: count }, () => new Worker(entry, { workerData: setup }));
  const feed = (worker: Worker) => {
    const batch = batches.shift();
    if (batch) worker.postMessage(batch.map(({ id, app, env }): WorkerJob => ({ id, app, env })));
  };
  for (const worker of pool) {
    worker.on("message", (answers: WorkerAnswer[]) => {
      feed(worker);
      for (const answer of answers) {
        pending--;
        if (answer.error !== undefined) failure ??= new Error(`estate render: ${answer.error}`);
        else ready.push(settle(jobs[answer.id], answer.yaml !== undefined ? { yaml: answer.yaml } : { messages: answer.messages ?? [] }));
      }
      notify();
    });
    worker.on("error", (error) => {
      failure ??= new Error(`estate render: a worker failed: ${error.message}`);
      notify();
    });
    // Two batches in flight per worker: it starts the next while the main thread handles the last.
    feed(worker);
    feed(worker);
  }
  try {
    while (pending > 0 || ready.length > 0) {
      if (failure) throw failure;
      if (ready.length > 0) {
        yield ready.shift()!;
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (failure) throw failure;
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
