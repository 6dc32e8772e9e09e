import { existsSync, readFileSync, readdirSync, statSync, unlinkSync } from "node:fs";
import { homedir, hostname as osHostname } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import aws4 from "aws4";

/**
 * A lock file of Pulumi's DIY backend (pkg/backend/diy/lock.go in pulumi v3.259): one JSON file per
 * running operation, `{ pid, username, hostname, timestamp }`, written by the CLI before an update and
 * deleted after it. A killed CLI leaves it behind, and every later run fails with "the stack is
 * currently locked".
 */
export interface LockContent {
  readonly pid: number;
  readonly username: string;
  readonly hostname: string;
  /** RFC 3339. */
  readonly timestamp: string;
}

/** A lock file found in the backend: its key (path inside the backend) and content, when it parses. */
export interface StackLock {
  readonly key: string;
  readonly content?: LockContent;
}

/**
 * The lock files of a backend, read and deleted through the backend's own URL (never through a local
 * copy): `file://` here; `s3://` is the slot `s3LockStore` (see there).
 */
export interface LockStore {
  /** The backend URL, for messages. */
  readonly url: string;
  /** Keys of the files directly under `dir` (a key relative to the backend root). */
  list(dir: string): Promise<string[]>;
  read(key: string): Promise<string>;
  remove(key: string): Promise<void>;
}

/**
 * Folder of a stack's locks in a project-scoped DIY backend (`.pulumi/meta.yaml` version 1, the layout
 * `pulumi login file://…` and `s3://…` create today): `.pulumi/locks/organization/<project>/<stack>`.
 * The name is the stack's fully qualified name (`organization/<project>/<stack>`, diyBackendReference).
 */
export function stackLockDir(project: string, stack: string): string {
  return `.pulumi/locks/organization/${project}/${stack}`;
}

/** How long a lock taken on another machine may be held before its runner is taken as gone. */
export const STALE_LOCK_AFTER_MS = 2 * 60 * 60 * 1000;

/** What we know when judging a lock. */
export interface LockJudge {
  readonly hostname: string;
  readonly now: Date;
  /** @default STALE_LOCK_AFTER_MS */
  readonly staleAfterMs?: number;
  /** Whether a process of this host, by pid, is still the run that took the lock. */
  readonly isAlive: (pid: number) => boolean;
}

/** A lock, judged: `stale` when its holder is gone (remove it), otherwise held by a live run (respect it). */
export interface LockVerdict {
  readonly lock: StackLock;
  readonly stale: boolean;
  /** Who holds it: `alice@runner-3 pid 4242 since 2026-03-01T10:15:02Z`. */
  readonly holder: string;
  /** Why it is judged so, as a sentence. */
  readonly reason: string;
}

/**
 * Judges a lock: on this host, stale exactly when its process is gone; on another host (whose
 * processes we cannot see), stale when older than `staleAfterMs`. A lock that does not parse is
 * respected: we cannot tell who holds it.
 */
export function judgeLock(lock: StackLock, judge: LockJudge): LockVerdict {
  const content = lock.content;
  if (!content) return { lock, stale: false, holder: `unreadable lock ${lock.key}`, reason: "its content is not a Pulumi lock" };
  const holder = `${content.username}@${content.hostname} pid ${content.pid} since ${content.timestamp}`;
  const age = judge.now.getTime() - Date.parse(content.timestamp);
  const limit = judge.staleAfterMs ?? STALE_LOCK_AFTER_MS;
  if (content.hostname === judge.hostname) {
    return judge.isAlive(content.pid)
      ? { lock, stale: false, holder, reason: `process ${content.pid} on this host is still running` }
      : { lock, stale: true, holder, reason: `process ${content.pid} on this host is gone` };
  }
  if (Number.isFinite(age) && age > limit)
    return {
      lock,
      stale: true,
      holder,
      reason: `taken ${duration(age)} ago on another host, longer than a run may take (${duration(limit)}): its runner is gone`,
    };
  return {
    lock,
    stale: false,
    holder,
    reason: `taken ${duration(Math.max(age, 0))} ago on another host; taken as abandoned after ${duration(limit)}`,
  };
}

/** The locks of a stack, judged. */
export async function judgeStackLocks(store: LockStore, project: string, stack: string, judge: LockJudge): Promise<LockVerdict[]> {
  const keys = (await store.list(stackLockDir(project, stack))).filter((k) => k.endsWith(".json"));
  const locks = await Promise.all(
    keys.map(async (key): Promise<StackLock> => {
      try {
        const parsed = JSON.parse(await store.read(key)) as Partial<LockContent>;
        const ok = typeof parsed.pid === "number" && typeof parsed.hostname === "string" && typeof parsed.timestamp === "string";
        return ok ? { key, content: { username: "", ...parsed } as LockContent } : { key };
      } catch {
        return { key };
      }
    }),
  );
  return locks.map((lock) => judgeLock(lock, judge));
}

/**
 * Removes the stale locks of a stack (only those: a lock of a live run stays, unlike `pulumi cancel`,
 * which on a DIY backend deletes every lock of the stack, the live run's included).
 * @returns every lock found, judged; the stale ones are gone from the backend.
 */
export async function releaseStaleLocks(store: LockStore, project: string, stack: string, judge: LockJudge): Promise<LockVerdict[]> {
  const verdicts = await judgeStackLocks(store, project, stack, judge);
  for (const v of verdicts) if (v.stale) await store.remove(v.lock.key);
  return verdicts;
}

/** The judge of this machine: its hostname, the clock, and `kill(pid, 0)` on /proc. */
export function localJudge(isAlive: (pid: number) => boolean = processAlive): LockJudge {
  return { hostname: osHostname(), now: new Date(), isAlive };
}

/**
 * Whether a process exists and is not a zombie (EPERM counts as alive: better a kept stale lock
 * than a stolen live one).
 */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

/** The lock store of a backend URL (`PULUMI_BACKEND_URL`). */
export function lockStoreFor(backendUrl: string): LockStore {
  if (backendUrl.startsWith("file://")) return fileLockStore(backendUrl);
  if (backendUrl.startsWith("s3://")) return s3LockStore(backendUrl);
  throw new LockStoreUnavailableError(backendUrl, `no lock store for this backend (supported: file://, s3://)`);
}

/** The backend's lock files cannot be read from here: stale-lock recovery is skipped, with this reason. */
export class LockStoreUnavailableError extends Error {
  constructor(
    readonly backendUrl: string,
    reason: string,
  ) {
    super(`${backendUrl}: ${reason}`);
    this.name = "LockStoreUnavailableError";
  }
}

/** Locks of a `file://` backend (`file://~/x` is under the home folder, as for the CLI). */
export function fileLockStore(backendUrl: string): LockStore {
  const withoutQuery = backendUrl.replace(/\?.*$/, "");
  const root = withoutQuery.startsWith("file://~") ? join(homedir(), withoutQuery.slice("file://~".length)) : fileURLToPath(withoutQuery);
  return {
    url: backendUrl,
    async list(dir) {
      const abs = join(root, dir);
      if (!existsSync(abs)) return [];
      return readdirSync(abs)
        .filter((name) => statSync(join(abs, name)).isFile())
        .map((name) => `${dir}/${name}`);
    },
    async read(key) {
      return readFileSync(join(root, key), "utf8");
    },
    async remove(key) {
      try {
        unlinkSync(join(root, key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    },
  };
}

/**
 * Locks of an `s3://bucket[/prefix]?endpoint=…&use_path_style=true&region=…` backend (the embedded
 * SeaweedFS store, or a company bucket): ListObjectsV2, GetObject and DeleteObject, path-style, signed
 * with SigV4 by `aws4` from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), as the
 * Pulumi CLI reads them. Keys are relative to `bucket/prefix`, as `fileLockStore` keys are to the folder.
 * Without an `endpoint` the bucket is AWS's (`https://s3.<region>.amazonaws.com`).
 */
export function s3LockStore(backendUrl: string, env: NodeJS.ProcessEnv = process.env): LockStore {
  const url = new URL(backendUrl);
  const bucket = url.hostname;
  const prefix = url.pathname.replace(/^\/+|\/+$/g, "");
  const region = url.searchParams.get("region") ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1";
  const endpoint = new URL(url.searchParams.get("endpoint") ?? `https://s3.${region}.amazonaws.com`);
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new LockStoreUnavailableError(backendUrl, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
  }
  const full = (key: string) => (prefix ? `${prefix}/${key}` : key);
  const request = async (method: "GET" | "DELETE", path: string, query = ""): Promise<string> => {
    const signed = aws4.sign(
      { host: endpoint.host, path: `${path}${query}`, method, service: "s3", region, headers: {} },
      { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN },
    );
    const response = await fetch(`${endpoint.protocol}//${endpoint.host}${path}${query}`, {
      method,
      headers: signed.headers as Record<string, string>,
      signal: AbortSignal.timeout(10_000),
    });
    const body = await response.text();
    if (method === "DELETE" && response.status === 404) return "";
    if (!response.ok) throw new Error(`${method} ${path} on ${endpoint.host}: HTTP ${response.status} ${body.slice(0, 200)}`);
    return body;
  };
  const objectPath = (key: string) => `/${bucket}/${full(key).split("/").map(encodeURIComponent).join("/")}`;
  return {
    url: backendUrl,
    async list(dir) {
      const query = `?delimiter=%2F&list-type=2&prefix=${encodeURIComponent(`${full(dir)}/`)}`;
      const xml = await request("GET", `/${bucket}`, query);
      return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)]
        .map((m) => m[1].replace(/&amp;/g, "&"))
        .map((key) => (prefix ? key.slice(prefix.length + 1) : key));
    },
    async read(key) {
      return request("GET", objectPath(key));
    },
    async remove(key) {
      await request("DELETE", objectPath(key));
    },
  };
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}
