import type { ResolvedApp } from "../resolve";
import type { KubeObject } from "./kubernetes-object";

/**
 * One flow a NetworkPolicy allows, as a reviewer names it: who may open connections to whom, on
 * which port. Same-app workloads are `<app> <component>`, another app's `<app>/<component>`, an
 * address block its service name when known (`souscription-db 10.40.12.0/28`) or its CIDR.
 */
export interface NetworkFlow {
  /** The policy rule it comes from: an ingress rule of the callee's policy or an egress rule of the caller's. */
  readonly direction: "ingress" | "egress";
  readonly from: string;
  readonly to: string;
  /** `8080`, `http` (a named port), `53/UDP`, `8000-8100`, or `any port`. */
  readonly port: string;
}

/** What a change to an app's NetworkPolicies does to its traffic, one sentence per flow, sorted. */
export interface NetworkChange {
  readonly opened: readonly string[];
  readonly closed: readonly string[];
}

/** Labels Beluga puts on every workload's pods (see constructs/k8s/labels.ts). */
const PART_OF = "app.kubernetes.io/part-of";
const COMPONENT = "app.kubernetes.io/component";
const NAMESPACE_NAME = "kubernetes.io/metadata.name";

/** `souscription api → sinistre/api :http`: the flow as one line, the same whichever side's rule allows it. */
export function describeFlow(flow: NetworkFlow): string {
  return `${flow.from} → ${flow.to} :${flow.port}`;
}

/**
 * Every flow the NetworkPolicies among `objects` allow, rule by rule (other objects are ignored).
 * A call between two workloads of one app is allowed twice (egress of the caller, ingress of the
 * callee): both read the same, so `networkChanges` counts it once.
 * @param names a name for each CIDR (`egressNames`), so a catalogued service reads by its name
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export function networkFlowsOf(objects: readonly KubeObject[], names: Readonly<Record<string, string>> = {}): NetworkFlow[] {
  return objects
    .filter((o) => o.kind === "NetworkPolicy")
    .flatMap((policy) => {
      const namespace = policy.metadata?.namespace ?? "default";
      const spec = (policy.spec ?? {}) as PolicySpec;
      const subject = selected(spec.podSelector, namespace);
      const rules = (list: PolicyRule[] | undefined, direction: "ingress" | "egress") =>
        (list ?? []).flatMap((rule) => {
          const peers = (direction === "ingress" ? rule.from : rule.to) ?? [];
          const peerNames = peers.length === 0 ? ["anywhere"] : peers.map((p) => peerName(p, namespace, names));
          const ports = (rule.ports ?? []).length === 0 ? ["any port"] : rule.ports!.map(portName);
          return peerNames.flatMap((peer) =>
            ports.map((port): NetworkFlow =>
              direction === "ingress" ? { direction, from: peer, to: subject, port } : { direction, from: subject, to: peer, port },
            ),
          );
        });
      return [...rules(spec.ingress, "ingress"), ...rules(spec.egress, "egress")];
    });
}

/**
 * The flows opened and closed between two sets of NetworkPolicies (before and after a change), as
 * sentences (`describeFlow`). Pure set arithmetic on what each side's rules allow: a flow allowed by
 * a rule on both sides is unchanged, whichever policy carries it.
 */
export function networkChanges(
  before: readonly KubeObject[],
  after: readonly KubeObject[],
  names: Readonly<Record<string, string>> = {},
): NetworkChange {
  const set = (objects: readonly KubeObject[]) => new Set(networkFlowsOf(objects, names).map(describeFlow));
  const was = set(before);
  const is = set(after);
  return { opened: [...is].filter((f) => !was.has(f)).sort(), closed: [...was].filter((f) => !is.has(f)).sort() };
}

/** Whether a change opens or closes anything. */
export function hasNetworkChange(change: NetworkChange | undefined): change is NetworkChange {
  return change !== undefined && change.opened.length + change.closed.length > 0;
}

/** Names of the address blocks an app's workloads call: each catalogued service's CIDRs by its name. */
export function egressNames(app: Pick<ResolvedApp, "components" | "batches">): Record<string, string> {
  return Object.fromEntries(
    [...app.components, ...app.batches].flatMap((w) =>
      w.egress.filter((e) => e.kind === "service").flatMap((e) => e.cidrs.map((c) => [c, e.name])),
    ),
  );
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}
interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface PolicyRule {
  from?: PolicyPeer[];
  to?: PolicyPeer[];
  ports?: Array<{ protocol?: string; port?: number | string; endPort?: number }>;
}
interface PolicySpec {
  podSelector?: LabelSelector;
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
}

/** The pods a selector picks in `namespace`: a Beluga workload by its labels, else the selector itself. */
function selected(selector: LabelSelector | undefined, namespace: string, separator = " "): string {
  const labels = selector?.matchLabels ?? {};
  const expressions = selector?.matchExpressions ?? [];
  if (Object.keys(labels).length === 0 && expressions.length === 0) return `every pod of ${namespace}`;
  if (labels[PART_OF] && labels[COMPONENT] && Object.keys(labels).length === 2 && expressions.length === 0)
    return `${labels[PART_OF]}${separator}${labels[COMPONENT]}`;
  return `pods ${selectorText(selector!)} of ${namespace}`;
}

function peerName(peer: PolicyPeer, namespace: string, names: Readonly<Record<string, string>>): string {
  if (peer.ipBlock) {
    const { cidr, except = [] } = peer.ipBlock;
    const name = names[cidr] ? `${names[cidr]} ${cidr}` : cidr;
    return except.length > 0 ? `${name} except ${except.join(", ")}` : name;
  }
  if (!peer.namespaceSelector) return selected(peer.podSelector, namespace);
  const nsLabels = peer.namespaceSelector.matchLabels ?? {};
  const onlyName = Object.keys(nsLabels).length === 1 && nsLabels[NAMESPACE_NAME] && !peer.namespaceSelector.matchExpressions?.length;
  if (onlyName) return selected(peer.podSelector, nsLabels[NAMESPACE_NAME], "/");
  const namespaces = selectorText(peer.namespaceSelector) === "" ? "every namespace" : `namespaces ${selectorText(peer.namespaceSelector)}`;
  const podLabels = selectorText(peer.podSelector ?? {});
  return podLabels === "" ? namespaces : `pods ${podLabels} in ${namespaces}`;
}

function selectorText(selector: LabelSelector): string {
  const labels = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  const expressions = (selector.matchExpressions ?? []).map((e) => `${e.key} ${e.operator} (${(e.values ?? []).join(", ")})`);
  const all = [...labels, ...expressions];
  return all.length === 0 ? "" : `[${all.join(", ")}]`;
}

function portName(p: { protocol?: string; port?: number | string; endPort?: number }): string {
  const port = p.port === undefined ? "any port" : p.endPort !== undefined ? `${p.port}-${p.endPort}` : String(p.port);
  return p.protocol && p.protocol !== "TCP" ? `${port}/${p.protocol}` : port;
}
