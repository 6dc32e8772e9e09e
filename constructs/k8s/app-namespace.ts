import { Construct } from "constructs";
import * as kplus from "cdk8s-plus-27";
import {
  IntOrString,
  KubeLimitRange,
  KubeNetworkPolicy,
  type KubeNetworkPolicyProps,
  KubeResourceQuota,
  Quantity,
} from "cdk8s-plus-27/lib/imports/k8s";
import { crossAppPolicyName, type EnvironmentSpec, namespaceName, sccAnnotationsFor } from "../model";
import { type AppQuota, quotaBound, quotaHard } from "../resolve";
import { appLabels } from "./labels";
import { PLATFORM_OWNER, PLATFORM_OWNER_LABEL } from "./platform-admission";

/** Props of an AppNamespace. */
export interface AppNamespaceProps {
  readonly app: string;
  readonly team: string;
  readonly criticality: "critical" | "standard";
  readonly env: EnvironmentSpec;
  /**
   * Components of other apps that call this app (their `dependsOn: ["<app>/<component>"]`): each gets
   * an ingress allowance here, the callee's half of the caller's egress policy.
   * @default - no caller from another app
   */
  readonly inbound?: readonly InboundCall[];
  /**
   * The namespace's ResourceQuota, derived from the app's declaration (`appQuota`).
   * @default - the most the environment allows one app (`quota.maxPerApp`): the app did not resolve
   */
  readonly quota?: AppQuota;
}

/** A call from another app's component (or batch) to one of this app's components, on the ports it names. */
export interface InboundCall {
  readonly fromApp: string;
  readonly fromComponent: string;
  readonly toComponent: string;
  /** Port numbers of the callee the caller named (`<app>/<component>:<port>`). */
  readonly ports: readonly number[];
}

/** Name of the deployer ServiceAccount every app namespace has: the pipeline's identity. */
export const DEPLOYER = "deployer";
/** Group the cluster's identity provider puts a team's members in. */
export function teamGroup(team: string): string {
  return `team-${team}`;
}

/** Label OpenShift puts on the router's namespaces. */
export const ROUTER_NAMESPACE_LABEL = "policy-group.network.openshift.io/ingress";
/** Label OpenShift puts on the monitoring stack's namespaces. */
export const MONITORING_NAMESPACE_LABEL = "network.openshift.io/policy-group";

/** The prometheus-operator objects an app renders (MetricsMonitor, AppAlerts): its team reads them, its stack writes them. */
const MONITORING_RESOURCES = ["servicemonitors", "podmonitors", "prometheusrules"].map((resourceType) =>
  kplus.ApiResource.custom({ apiGroup: "monitoring.coreos.com", resourceType }),
);
const READ = ["get", "list", "watch"];
const WRITE = ["create", "update", "patch", "delete"];
/** What a team reads everywhere: its workloads, their logs and events, and config (not secrets). */
const OBSERVABLE = [
  kplus.ApiResource.PODS,
  kplus.ApiResource.custom({ apiGroup: "", resourceType: "pods/log" }),
  kplus.ApiResource.EVENTS,
  kplus.ApiResource.CONFIG_MAPS,
  kplus.ApiResource.SERVICES,
  kplus.ApiResource.DEPLOYMENTS,
  kplus.ApiResource.REPLICA_SETS,
  kplus.ApiResource.HORIZONTAL_POD_AUTOSCALERS,
  kplus.ApiResource.POD_DISRUPTION_BUDGETS,
  kplus.ApiResource.CRON_JOBS,
  kplus.ApiResource.JOBS,
  kplus.ApiResource.INGRESSES,
  kplus.ApiResource.NETWORK_POLICIES,
  kplus.ApiResource.custom({ apiGroup: "route.openshift.io", resourceType: "routes" }),
  ...MONITORING_RESOURCES,
];
/** What an app stack writes: never namespaces, quotas, limit ranges or RBAC (the platform layer owns them). */
const DEPLOYABLE = [
  kplus.ApiResource.CONFIG_MAPS,
  kplus.ApiResource.SECRETS,
  kplus.ApiResource.SERVICES,
  kplus.ApiResource.SERVICE_ACCOUNTS,
  kplus.ApiResource.DEPLOYMENTS,
  kplus.ApiResource.HORIZONTAL_POD_AUTOSCALERS,
  kplus.ApiResource.POD_DISRUPTION_BUDGETS,
  kplus.ApiResource.CRON_JOBS,
  kplus.ApiResource.JOBS,
  kplus.ApiResource.INGRESSES,
  kplus.ApiResource.NETWORK_POLICIES,
  kplus.ApiResource.custom({ apiGroup: "route.openshift.io", resourceType: "routes" }),
  ...MONITORING_RESOURCES,
];

/**
 * An app's namespace in one environment, with everything an app stack must not be able to remove:
 * ResourceQuota and LimitRange, default-deny NetworkPolicies (plus DNS, router and monitoring), team
 * RBAC (read logs and config everywhere; write only where the environment allows it) and the deployer
 * ServiceAccount the pipeline deploys with, confined to this namespace. Each carries
 * `beluga.io/owner: platform`, which the environment's PlatformAdmission policy protects.
 * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/
 */
export class AppNamespace extends Construct {
  readonly name: string;
  constructor(scope: Construct, id: string, props: AppNamespaceProps) {
    super(scope, id);
    const { env } = props;
    const name = namespaceName(props.app, env.name);
    this.name = name;
    // Every object here is platform-owned: the platform's admission policy refuses app identities' writes.
    const labels = {
      ...appLabels({ app: props.app, team: props.team, env: env.name, criticality: props.criticality }),
      [PLATFORM_OWNER_LABEL]: PLATFORM_OWNER,
    };
    const meta = (n: string) => ({ name: n, namespace: name, labels });

    new kplus.Namespace(this, "Namespace", {
      metadata: {
        name,
        labels: {
          ...labels,
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/enforce-version": "v1.27",
        },
        // OpenShift's SCCs read the namespace's UID range, groups and SELinux level from these; set
        // here they are known before the cluster sees the namespace, and stable across renders.
        annotations: sccAnnotationsFor(name),
      },
    });

    const hard = quotaHard(props.quota ?? quotaBound(env));
    new KubeResourceQuota(this, "Quota", {
      metadata: meta("app-quota"),
      spec: {
        hard: {
          "requests.cpu": Quantity.fromString(hard["requests.cpu"]),
          "requests.memory": Quantity.fromString(hard["requests.memory"]),
          "limits.cpu": Quantity.fromString(hard["limits.cpu"]),
          "limits.memory": Quantity.fromString(hard["limits.memory"]),
          pods: Quantity.fromNumber(Number(hard.pods)),
        },
      },
    });
    new KubeLimitRange(this, "Limits", {
      metadata: meta("app-limits"),
      spec: {
        limits: [
          {
            type: "Container",
            defaultRequest: { cpu: Quantity.fromString("100m"), memory: Quantity.fromString("128Mi") },
            default: { cpu: Quantity.fromString("500m"), memory: Quantity.fromString("256Mi") },
            max: { cpu: Quantity.fromString("4"), memory: Quantity.fromString("8Gi") },
          },
        ],
      },
    });

    // Plain NetworkPolicy objects: these four are the namespace's security baseline and must read
    // exactly as reviewed (cdk8s-plus peers add empty selectors and drop empty-valued labels).
    const policy = (id: string, policyName: string, spec: KubeNetworkPolicyProps["spec"]) =>
      new KubeNetworkPolicy(this, id, { metadata: meta(policyName), spec });
    policy("DefaultDeny", "default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    policy("AllowDns", "allow-dns", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ namespaceSelector: {}, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
          ports: [
            { protocol: "UDP", port: IntOrString.fromNumber(53) },
            { protocol: "TCP", port: IntOrString.fromNumber(53) },
          ],
        },
      ],
    });
    policy("AllowRouter", "allow-from-router", {
      podSelector: {},
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { [ROUTER_NAMESPACE_LABEL]: "" } } }] }],
    });
    policy("AllowMonitoring", "allow-from-monitoring", {
      podSelector: {},
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { [MONITORING_NAMESPACE_LABEL]: "monitoring" } } }] }],
    });

    for (const call of props.inbound ?? []) {
      policy(
        `AllowFrom-${call.fromApp}-${call.fromComponent}-${call.toComponent}`,
        crossAppPolicyName(call.toComponent, call.fromApp, call.fromComponent),
        {
          podSelector: { matchLabels: { "app.kubernetes.io/part-of": props.app, "app.kubernetes.io/component": call.toComponent } },
          policyTypes: ["Ingress"],
          ingress: [
            {
              ports: call.ports.map((port) => ({ protocol: "TCP", port: IntOrString.fromNumber(port) })),
              from: [
                {
                  namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespaceName(call.fromApp, env.name) } },
                  podSelector: {
                    matchLabels: { "app.kubernetes.io/part-of": call.fromApp, "app.kubernetes.io/component": call.fromComponent },
                  },
                },
              ],
            },
          ],
        },
      );
    }

    const deployer = new kplus.ServiceAccount(this, "Deployer", { metadata: meta(DEPLOYER), automountToken: false });
    const deployRole = new kplus.Role(this, "DeployRole", { metadata: meta("deployer") });
    deployRole.allow([...READ, ...WRITE], ...DEPLOYABLE);
    deployRole.allow(READ, ...OBSERVABLE);
    new kplus.RoleBinding(this, "DeployBinding", { metadata: meta("deployer"), role: deployRole }).addSubjects(deployer);

    const team = kplus.Group.fromName(this, "Team", teamGroup(props.team));
    const readRole = new kplus.Role(this, "TeamReadRole", { metadata: meta("team-read") });
    readRole.allow(READ, ...OBSERVABLE);
    new kplus.RoleBinding(this, "TeamReadBinding", { metadata: meta("team-read"), role: readRole }).addSubjects(team);
    if (env.teamWrite) {
      const writeRole = new kplus.Role(this, "TeamWriteRole", { metadata: meta("team-write") });
      writeRole.allow([...READ, ...WRITE], ...DEPLOYABLE);
      new kplus.RoleBinding(this, "TeamWriteBinding", { metadata: meta("team-write"), role: writeRole }).addSubjects(team);
    }
  }
}
