import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { basename, sep } from "node:path";

/**
 * The processes of a Pulumi run, and what happens to them when the run is killed.
 *
 * The Automation API runs the `pulumi` CLI with execa (`@pulumi/pulumi/automation/cmd.js`), in our
 * process group, with execa's `cleanup` (SIGTERM to the CLI when our process exits normally or on a
 * signal nobody else handles). The CLI starts each plugin — `pulumi-resource-kubernetes`, the policy
 * analyzer (`pulumi-analyzer-policy` → node), `pulumi-resource-pulumi-nodejs` — in a process group of
 * its own (`cmdutil.RegisterProcessGroup`), and kills those groups when it closes. So:
 * - SIGINT/SIGTERM to the CLI: it cancels (finishes the steps in flight, records them, releases the
 *   lock, stops its plugins); a second one terminates it at once.
 * - SIGKILL of our process: nothing runs; the CLI lives until its next write to the closed pipe (then
 *   dies of SIGPIPE) and leaves the lock and pending operations; SIGKILL of our process group kills the
 *   CLI at once. Either way its plugins, in their own groups, are reparented to init and keep running.
 *   `orphanedEngineProcesses` finds them for the next run to stop.
 */
export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** Executable name (argv[0]'s basename: /proc's `comm` is cut at 15 characters). */
  readonly name: string;
  readonly args: readonly string[];
  /** Working directory, when readable. */
  readonly cwd?: string;
}

/** Parents an orphan is reparented to besides pid 1 (child subreapers). */
const SUBREAPERS = new Set(["systemd", "tini", "dumb-init", "containerd-shim", "docker-init"]);

/** Plugin executables the CLI starts for our stacks. */
const PLUGIN = /^pulumi-(resource|analyzer|language)-/;

/** The processes of this machine, from /proc (Linux). Processes that exit while listed are skipped. */
export function listProcesses(procRoot = "/proc"): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`${procRoot}/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const args = readFileSync(`${procRoot}/${entry}/cmdline`, "utf8").split("\0").filter(Boolean);
      let cwd: string | undefined;
      try {
        cwd = readlinkSync(`${procRoot}/${entry}/cwd`);
      } catch {
        cwd = undefined;
      }
      out.push({ pid: Number(entry), ppid, name: basename(args[0] ?? ""), args, cwd });
    } catch {
      // gone between readdir and read
    }
  }
  return out;
}

/** Every descendant of `pid` (children, their children...), parents before children. */
export function descendantsOf(pid: number, processes: readonly ProcessInfo[]): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const p of processes) {
      if (p.ppid === parent && !found.includes(p)) {
        found.push(p);
        queue.push(p.pid);
      }
    }
  }
  return found;
}

/** Which run a set of engine processes belongs to. */
export interface RunIdentity {
  /** The project folder (the CLI's and the providers' working directory). */
  readonly workDir: string;
  /** Stack name as the Automation API passes it (`--stack <env>`). */
  readonly stack: string;
  /** Folders whose orphaned plugins are ours (the repository, the policy pack). */
  readonly roots: readonly string[];
}

/**
 * Engine processes left by a run that is gone: a `pulumi` CLI of this stack (its working directory
 * and `--stack`) or a plugin working in one of our folders, whose parent is gone (reparented to pid 1
 * or a subreaper), with their descendants. A live run's processes always have a live parent (our CLI
 * or its `pulumi`), so they are never in the list; nor is a `pulumi up` someone runs by hand in a shell.
 */
export function orphanedEngineProcesses(processes: readonly ProcessInfo[], run: RunIdentity): ProcessInfo[] {
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const orphan = (p: ProcessInfo) => p.ppid === 1 || !byPid.has(p.ppid) || SUBREAPERS.has(byPid.get(p.ppid)!.name);
  const inside = (dir: string | undefined, root: string) => dir !== undefined && (dir === root || dir.startsWith(root + sep));
  const ofThisStack = (p: ProcessInfo) => {
    if (p.name !== "pulumi" || p.cwd !== run.workDir) return false;
    const i = p.args.indexOf("--stack");
    const stack = i >= 0 ? p.args[i + 1] : undefined;
    return stack === run.stack || (stack?.endsWith(`/${run.stack}`) ?? false);
  };
  const ourPlugin = (p: ProcessInfo) =>
    (PLUGIN.test(p.name) || p.args.some((a) => /run-policy-pack|pulumi-analyzer-policy/.test(a))) &&
    run.roots.some((r) => inside(p.cwd, r));
  const roots = processes.filter((p) => orphan(p) && (ofThisStack(p) || ourPlugin(p)));
  const all = [...roots, ...roots.flatMap((r) => descendantsOf(r.pid, processes))];
  return [...new Map(all.map((p) => [p.pid, p])).values()];
}

/**
 * Stops processes: SIGTERM, then SIGKILL to those still there after `graceMs`. Each is signalled by
 * pid (a plugin's process group is its own pid: the group too).
 * @returns the pids that were signalled.
 */
export async function stopProcesses(
  processes: readonly ProcessInfo[],
  graceMs = 5000,
  alive: (pid: number) => boolean = exists,
): Promise<number[]> {
  const send = (pid: number, signal: NodeJS.Signals) => {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, signal);
      } catch {
        // not a group leader, or already gone
      }
    }
  };
  for (const p of processes) send(p.pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && processes.some((p) => alive(p.pid))) await new Promise((r) => setTimeout(r, 100));
  for (const p of processes) if (alive(p.pid)) send(p.pid, "SIGKILL");
  return processes.map((p) => p.pid);
}

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}
