import type { KubeObject } from "../policy/kubernetes-object";
import { type NetworkChange, hasNetworkChange, networkChanges } from "../policy/network-flows";
import type { PreviewDigest, PreviewStep } from "./preview-digest";
import { urnParts, valueAt } from "./preview-digest";

/** A change a reviewer must look at before approving, in one sentence. */
export interface Risk {
  readonly kind: "replacement" | "deletion" | "replica-cut" | "pdb" | "probe" | "security-context" | "port";
  readonly resource: string;
  readonly sentence: string;
}

/** What one component (or the app itself) will go through, in plain words. */
export interface ComponentChange {
  readonly component: string;
  readonly lines: readonly string[];
}

/** The reading of one environment's preview. */
export interface ChangeSummary {
  readonly risks: readonly Risk[];
  readonly components: readonly ComponentChange[];
  /** Counts per operation, `same` excluded. */
  readonly counts: Readonly<Record<string, number>>;
  /** Traffic the change opens and closes, read from the NetworkPolicies it changes (see `previewNetworkChanges`). */
  readonly network: NetworkChange;
}

const REPLACING = new Set(["replace", "create-replacement", "delete-replaced"]);
const COMPONENT_LABEL = "app.kubernetes.io/component";
const ROLLOUT_LINE = /→ rolling restart of /;

/**
 * Reads a preview as a reviewer would: risky changes (replacements, deletions, replica or HPA cuts,
 * PDB, probe, security-context and port changes), then per component what happens in plain words.
 * Secret resources are named, never their values.
 * NetworkPolicy changes are read as the flows they open and close (`network`), not as fields.
 * @param declaredPods minimum pods per component as declared for this environment: `pulumi preview
 *   --json` lists unchanged resources only by count, so when the HPA is not part of the change the
 *   pod count of a rolling restart comes from the declaration. @default - "the pods", no count
 * @param networkNames a name for each CIDR the app calls (`egressNames`). @default - CIDRs only
 */
export function summarizePreview(
  preview: PreviewDigest,
  declaredPods: Readonly<Record<string, number>> = {},
  networkNames: Readonly<Record<string, string>> = {},
): ChangeSummary {
  const network = previewNetworkChanges(preview, networkNames);
  const steps = (preview.steps ?? []).filter((s) => s.op !== "same" && s.op !== "read" && s.op !== "delete-replaced");
  const counts: Record<string, number> = {};
  for (const s of steps)
    counts[s.op === "create-replacement" ? "replace" : s.op] = (counts[s.op === "create-replacement" ? "replace" : s.op] ?? 0) + 1;
  const risks: Risk[] = [];
  const byComponent = new Map<string, string[]>();
  const add = (component: string, line: string) => byComponent.set(component, [...(byComponent.get(component) ?? []), line]);
  const replicasOf = new Map<string, number>(Object.entries(declaredPods));
  for (const s of preview.steps ?? []) {
    const state = s.newState ?? s.oldState;
    if (state?.type.endsWith(":HorizontalPodAutoscaler"))
      replicasOf.set(componentOf(s), Number(valueAt(state.inputs, "spec.minReplicas")) || 0);
  }
  for (const s of steps) {
    const kind = kindOf(s);
    const name = resourceName(s);
    const component = componentOf(s);
    const label = `${kind} ${name}`;
    const paths = Object.keys(s.detailedDiff ?? {});
    if (REPLACING.has(s.op))
      risks.push({
        kind: "replacement",
        resource: label,
        sentence: `${label} will be **replaced** (deleted and created again) because ${list(s.replaceReasons ?? paths)} changed.`,
      });
    if (s.op === "delete") risks.push({ kind: "deletion", resource: label, sentence: `${label} will be **deleted**.` });
    if (kind === "PodDisruptionBudget" && s.op === "update")
      risks.push({
        kind: "pdb",
        resource: label,
        sentence: `${label} changes (${list(paths)}): voluntary evictions during node drains follow the new budget.`,
      });
    if (kind === "HorizontalPodAutoscaler") {
      for (const key of ["spec.minReplicas", "spec.maxReplicas"]) {
        const before = Number(valueAt(s.oldState?.inputs, key));
        const after = Number(valueAt(s.newState?.inputs, key));
        if (s.op === "update" && after < before)
          risks.push({
            kind: "replica-cut",
            resource: label,
            sentence: `${label} lowers ${key.split(".")[1]} from ${before} to ${after}: less capacity under load.`,
          });
      }
    }
    if (kind === "Deployment" && s.op === "update") {
      const before = Number(valueAt(s.oldState?.inputs, "spec.replicas"));
      const after = Number(valueAt(s.newState?.inputs, "spec.replicas"));
      if (after < before)
        risks.push({ kind: "replica-cut", resource: label, sentence: `${label} lowers replicas from ${before} to ${after}.` });
    }
    const probePaths = paths.filter((p) => /(readiness|liveness|startup)Probe/.test(p));
    if (probePaths.length > 0 && s.op === "update")
      risks.push({
        kind: "probe",
        resource: label,
        sentence: `${label} changes its probes (${list(probePaths)}): a wrong probe restarts healthy pods or routes traffic to unready ones.`,
      });
    const securityPaths = paths.filter((p) => /securityContext/.test(p));
    if (securityPaths.length > 0 && s.op === "update")
      risks.push({
        kind: "security-context",
        resource: label,
        sentence: `${label} changes its security context (${list(securityPaths)}).`,
      });
    const portPaths = paths.filter((p) => /(^|\.)ports(\[|$|\.)|containerPort|targetPort/.test(p));
    if (portPaths.length > 0 && s.op === "update")
      risks.push({
        kind: "port",
        resource: label,
        sentence: `${label} changes ports (${list(portPaths)}): callers and routes must follow.`,
      });
    // The Network section says what a changed policy does; its fields would only repeat it.
    const line =
      kind === "NetworkPolicy" && hasNetworkChange(network) ? undefined : plainWords(s, kind, name, paths, replicasOf.get(component));
    if (line) add(component, line);
  }
  // What happens to the pods first: it is what the reader decides on.
  const podsFirst = (lines: string[]) => [...lines.filter((l) => ROLLOUT_LINE.test(l)), ...lines.filter((l) => !ROLLOUT_LINE.test(l))];
  return {
    risks,
    components: [...byComponent.entries()].map(([component, lines]) => ({ component, lines: podsFirst(lines) })),
    counts,
    network,
  };
}

/**
 * The flows a preview opens and closes: the NetworkPolicies of its steps before (old state) and after
 * (new state; none for a deletion). `pulumi preview --json` carries no state for unchanged resources,
 * so only changed policies are compared: a flow another, unchanged policy also allows is still named.
 */
export function previewNetworkChanges(preview: PreviewDigest, names: Readonly<Record<string, string>> = {}): NetworkChange {
  const before = new Map<string, KubeObject>();
  const after = new Map<string, KubeObject>();
  for (const s of preview.steps ?? []) {
    if (s.op === "same" || s.op === "read" || kindOf(s) !== "NetworkPolicy") continue;
    const asPolicy = (inputs: Readonly<Record<string, unknown>> | undefined) => ({ ...inputs, kind: "NetworkPolicy" }) as KubeObject;
    if (s.oldState?.inputs && s.op !== "create") before.set(s.urn, asPolicy(s.oldState.inputs));
    if (s.newState?.inputs && s.op !== "delete" && s.op !== "delete-replaced") after.set(s.urn, asPolicy(s.newState.inputs));
  }
  return networkChanges([...before.values()], [...after.values()], names);
}

function plainWords(s: PreviewStep, kind: string, name: string, paths: string[], pods: number | undefined): string | undefined {
  // The stack and the Beluga components only group the objects below them.
  if (kind === "Component" || kind === "App" || kind === "Stack" || kind === "Batch") return undefined;
  if (s.op === "create") return `new ${kind} ${name}`;
  if (s.op === "delete") return `${kind} ${name} removed`;
  if (REPLACING.has(s.op)) return `${kind} ${name} replaced`;
  if (kind === "Secret") return `Secret ${name} changed (values hidden)`;
  if (kind === "Deployment") {
    const template = paths.filter((p) => p.startsWith("spec.template"));
    const podCount = pods ? `${pods} pod${pods > 1 ? "s" : ""}` : "the pods";
    const safe = Number(valueAt(s.newState?.inputs, "spec.strategy.rollingUpdate.maxUnavailable")) === 0;
    const downtime = safe ? "zero downtime kept" : "**zero downtime not guaranteed** (maxUnavailable is not 0)";
    const imagePath = template.find((p) => /containers\[\d+\]\.image$/.test(p));
    if (imagePath) {
      return `new image ${tagOf(valueAt(s.oldState?.inputs, imagePath))} → ${tagOf(valueAt(s.newState?.inputs, imagePath))} → rolling restart of ${podCount}, ${downtime}`;
    }
    if (template.length > 0) return `pod template change (${list(template)}) → rolling restart of ${podCount}, ${downtime}`;
    return `Deployment ${name}: ${list(paths)} changed, no restart`;
  }
  if (kind === "HorizontalPodAutoscaler") {
    const range = (inputs: unknown) => `${valueAt(inputs, "spec.minReplicas")}–${valueAt(inputs, "spec.maxReplicas")}`;
    return `autoscaling ${range(s.oldState?.inputs)} → ${range(s.newState?.inputs)} pods`;
  }
  if (kind === "ConfigMap") return `config ${name}: ${list(paths.map((p) => p.replace(/^data\./, "")))} changed`;
  return `${kind} ${name}: ${list(paths)} changed`;
}

/** `registry/team/api:4.13.0@sha256:…` → `4.13.0 (sha256:1234abcd)`. */
function tagOf(image: unknown): string {
  if (typeof image !== "string") return "?";
  const [ref, digest] = image.split("@");
  const tag = ref.includes(":") ? ref.slice(ref.lastIndexOf(":") + 1) : ref;
  return digest ? `${tag} (${digest.slice(0, 15)})` : tag;
}

function kindOf(s: PreviewStep): string {
  return (s.newState?.type ?? s.oldState?.type ?? urnParts(s.urn).type).split(":").pop()!;
}

function resourceName(s: PreviewStep): string {
  const name = urnParts(s.urn).name;
  return name.includes("/") ? name.slice(name.indexOf("/") + 1) : name;
}

/** The component label of the object, else `app` for app-wide objects. */
function componentOf(s: PreviewStep): string {
  const inputs = s.newState?.inputs ?? s.oldState?.inputs;
  const label = valueAt(inputs, `metadata.labels["${COMPONENT_LABEL}"]`);
  return typeof label === "string" ? label : "app";
}

function list(items: readonly string[]): string {
  return items.length === 0 ? "properties" : items.map((i) => `\`${i}\``).join(", ");
}
