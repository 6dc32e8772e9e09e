import { show } from "./declaration-error";

type Report = (path: string, message: string, fix: string) => void;

/** Where the platform mounts the scratch volume of every container (the root filesystem is read-only). */
export const TMP_MOUNT_PATH = "/tmp";

/** Mount paths the platform owns in every container, with what they hold. */
export const PLATFORM_MOUNTS: ReadonlyArray<{ readonly path: string; readonly what: string }> = [
  { path: TMP_MOUNT_PATH, what: "every container's scratch volume (the root filesystem is read-only)" },
];

function normalise(path: string): string {
  const trimmed = path.replace(/\/+/g, "/").replace(/\/$/, "");
  return trimmed === "" ? "/" : trimmed;
}

/** Whether one path is the other or contains it. */
function overlaps(a: string, b: string): boolean {
  const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer === "/" ? "/" : `${outer}/`);
  return within(a, b) || within(b, a);
}

/**
 * Checks where a component mounts its config files: two sets at the same path are refused by the API
 * server (`mountPath must be unique`), and a set on, under or above a platform-owned mount (`/tmp`)
 * would hide it or be hidden by it.
 */
export function checkMounts(path: string, configFiles: Readonly<Record<string, { mountPath: string }>>, report: Report): void {
  const seen = new Map<string, string>();
  for (const [name, set] of Object.entries(configFiles)) {
    const at = `${path}.configFiles.${name}.mountPath`;
    const mountPath = normalise(set.mountPath);
    const platform = PLATFORM_MOUNTS.find((m) => overlaps(mountPath, m.path));
    if (platform) {
      report(
        at,
        `(${show(set.mountPath)}) ${mountPath === platform.path ? "is" : "overlaps"} ${platform.path}, where the platform mounts ${platform.what}`,
        `mount the files elsewhere, e.g. /config/${name}`,
      );
    }
    const other = seen.get(mountPath);
    if (other !== undefined) {
      report(
        at,
        `(${show(set.mountPath)}) is also where configFiles.${other} is mounted`,
        "give each set its own directory, or merge the two sets",
      );
    } else seen.set(mountPath, name);
  }
}
