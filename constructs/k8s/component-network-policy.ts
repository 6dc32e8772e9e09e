import { Construct } from "constructs";
import { IntOrString, KubeNetworkPolicy, type NetworkPolicyEgressRule, type NetworkPolicyPort } from "cdk8s-plus-27/lib/imports/k8s";
import { namespaceName } from "../model";
import type { ResolvedApp, ResolvedCallPort, ResolvedComponent } from "../resolve";
import { selectorLabels } from "./labels";

/** What a NetworkPolicy needs of a component or a batch (a batch serves no port). */
export type NetworkedWorkload = Pick<ResolvedComponent, "name" | "objectName" | "dependsOn" | "egress"> & {
  readonly ports: ReadonlyArray<{ readonly name: string; readonly port: number }>;
};

/** Props of a workload's NetworkPolicy. */
export interface ComponentNetworkPolicyProps {
  readonly app: ResolvedApp;
  /** The component or batch whose pods the policy selects. */
  readonly component: NetworkedWorkload;
  readonly labels: Record<string, string>;
}

/**
 * Opens, on top of the namespace's default-deny, exactly the traffic the declaration implies, each
 * flow on its declared ports only:
 * - ingress from the app's components and batches that call this one (`dependsOn`), on the ports
 *   each caller names (another app's callers are let in by the platform layer, see AppNamespace);
 * - egress to the components this one calls: same app, or another app's namespace in the same
 *   environment (port number when known, else the callee's named port);
 * - egress to catalogued shared services and declared external CIDRs (`egress`).
 * Router, monitoring and DNS are opened namespace-wide by the platform layer. Renders nothing when
 * the workload neither calls nor is called. Plain objects, so the policy reads exactly as reviewed.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export class ComponentNetworkPolicy extends Construct {
  /** Same-app callers (components and batches), in declaration order. */
  readonly callers: readonly string[];
  constructor(scope: Construct, id: string, props: ComponentNetworkPolicyProps) {
    super(scope, id);
    const { app, component: c } = props;
    const callsTo = (w: { dependsOn: ResolvedComponent["dependsOn"] }) =>
      w.dependsOn.filter((d) => d.app === app.app && d.component === c.name);
    const callers = [...app.components, ...app.batches].filter((w) => callsTo(w).length > 0);
    this.callers = callers.map((w) => w.name);
    if (this.callers.length === 0 && c.dependsOn.length === 0 && c.egress.length === 0) return;

    const egress: NetworkPolicyEgressRule[] = [
      ...c.dependsOn.map((d) => ({
        to: [
          {
            ...(d.app === app.app
              ? {}
              : { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespaceName(d.app, app.env) } } }),
            podSelector: { matchLabels: { "app.kubernetes.io/part-of": d.app, "app.kubernetes.io/component": d.component } },
          },
        ],
        ports: d.ports.map(callPort),
      })),
      ...c.egress.map((e) => ({
        to: e.cidrs.map((cidr) => ({ ipBlock: { cidr } })),
        ports: e.ports.map((p) => ({ protocol: p.protocol, port: IntOrString.fromNumber(p.port) })),
      })),
    ];
    new KubeNetworkPolicy(this, "Resource", {
      metadata: { name: c.objectName, namespace: app.namespace, labels: props.labels },
      spec: {
        podSelector: { matchLabels: selectorLabels(app, c.name) },
        policyTypes: ["Ingress", "Egress"],
        ingress: callers.map((caller) => ({
          from: [{ podSelector: { matchLabels: selectorLabels(app, caller.name) } }],
          ports: callsTo(caller).flatMap((d) => d.ports.map(callPort)),
        })),
        egress,
      },
    });
  }
}

function callPort(p: ResolvedCallPort): NetworkPolicyPort {
  return { protocol: "TCP", port: p.port !== undefined ? IntOrString.fromNumber(p.port) : IntOrString.fromString(p.name) };
}
