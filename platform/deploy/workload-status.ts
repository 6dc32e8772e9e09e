import { execFileSync } from "node:child_process";

/** What the API server says of one component: the main job's table row. */
export interface WorkloadStatus {
  readonly app: string;
  readonly env: string;
  readonly component: string;
  readonly ready: number;
  readonly desired: number;
  readonly image: string;
  readonly urls: readonly string[];
}

/** Runs kubectl (built with the control plane) and parses its JSON output. */
export function kubectlJson(args: readonly string[]): any {
  return JSON.parse(execFileSync("kubectl", [...args, "-o", "json"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
}

/**
 * Reads every Beluga-managed Deployment of the given namespaces back from the API server, with the
 * URLs of the OpenShift Routes that send traffic to it (Ingress-flavoured environments show none).
 */
export function readWorkloads(namespaces: readonly string[], read: (args: readonly string[]) => any = kubectlJson): WorkloadStatus[] {
  const rows: WorkloadStatus[] = [];
  for (const ns of namespaces) {
    const deployments = read(["get", "deployments", "-n", ns, "-l", "app.kubernetes.io/managed-by=beluga"]).items as any[];
    const routes = (read(["get", "routes.route.openshift.io", "-n", ns]).items as any[]).map((r) => ({
      service: r.spec.to.name,
      url: `https://${r.spec.host}${r.spec.path && r.spec.path !== "/" ? r.spec.path : ""}`,
    }));
    for (const d of deployments) {
      const labels = d.metadata.labels ?? {};
      rows.push({
        app: labels["app.kubernetes.io/part-of"],
        env: labels["beluga.io/env"],
        component: labels["app.kubernetes.io/component"],
        ready: d.status?.readyReplicas ?? 0,
        desired: d.status?.replicas ?? d.spec.replicas ?? 0,
        image: d.spec.template.spec.containers[0].image,
        urls: routes.filter((r) => r.service === d.metadata.name).map((r) => r.url),
      });
    }
  }
  return rows.sort((a, b) => `${a.app}/${a.component}`.localeCompare(`${b.app}/${b.component}`));
}

/** Shortens `registry/team/artifact:1.2.3@sha256:abcdef…` to `artifact:1.2.3@sha256:abcdef12`. */
export function shortImage(ref: string): string {
  const last = ref.split("/").pop()!;
  return last.replace(/@sha256:([0-9a-f]{8})[0-9a-f]+$/, "@sha256:$1");
}

/** The table the main job prints: app, component, ready / desired, image, URL. */
export function formatTable(rows: readonly WorkloadStatus[]): string {
  const header = ["APP", "COMPONENT", "READY", "IMAGE", "URL"];
  const body = rows.map((r) => [
    r.app,
    r.component,
    `${r.ready}/${r.desired}${r.ready >= r.desired && r.desired > 0 ? " ✓" : " …"}`,
    shortImage(r.image),
    r.urls.join(" ") || "-",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "─".repeat(w))), ...body.map(line)].join("\n");
}
