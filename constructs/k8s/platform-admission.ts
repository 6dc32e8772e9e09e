import { Construct } from "constructs";
import { ApiObject } from "cdk8s";

/** Label on every object the platform layer owns; only the platform identities may write such objects. */
export const PLATFORM_OWNER_LABEL = "beluga.io/owner";
/** Value of `PLATFORM_OWNER_LABEL` on platform-owned objects. */
export const PLATFORM_OWNER = "platform";

/** Identities allowed to write platform-owned objects (users by name, or any member of a group). */
export interface PlatformIdentities {
  readonly users: readonly string[];
  readonly groups: readonly string[];
}

/** Props of a PlatformAdmission. */
export interface PlatformAdmissionProps {
  /** Environment name: the objects' name suffix and the namespaces they guard (label `beluga.io/env`). */
  readonly env: string;
  /** Who may write platform-owned objects; everyone else is refused. */
  readonly identities: PlatformIdentities;
}

/** Resources the policy watches: every kind the platform layer puts in an app namespace. */
export const PLATFORM_OWNED_RESOURCES = [
  { apiGroups: ["networking.k8s.io"], apiVersions: ["*"], resources: ["networkpolicies"] },
  { apiGroups: [""], apiVersions: ["*"], resources: ["resourcequotas", "limitranges", "serviceaccounts"] },
  { apiGroups: ["rbac.authorization.k8s.io"], apiVersions: ["*"], resources: ["roles", "rolebindings"] },
] as const;

const cel = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
const celList = (values: readonly string[]) => `[${values.map(cel).join(", ")}]`;
const ownedBy = (o: string) =>
  `${o} != null && has(${o}.metadata.labels) && '${PLATFORM_OWNER_LABEL}' in ${o}.metadata.labels && ${o}.metadata.labels['${PLATFORM_OWNER_LABEL}'] == '${PLATFORM_OWNER}'`;
const emptySelector = (s: string) =>
  `((!has(${s}.matchLabels) || size(${s}.matchLabels) == 0) && (!has(${s}.matchExpressions) || size(${s}.matchExpressions) == 0))`;
/** What the app's NetworkPolicy rules may not do: a peer list missing (all sources or destinations) or too wide. */
const peersOf = (direction: "ingress" | "egress") => (direction === "ingress" ? "from" : "to");

/**
 * Admission-time protection of what the platform layer owns in the app namespaces of one environment
 * (two ValidatingAdmissionPolicies with their bindings, Kubernetes ≥ 1.30; CIDR functions ≥ 1.31): RBAC lets an app's `deployer`
 * (and, in environments with `teamWrite`, the team) write NetworkPolicies, ServiceAccounts and the
 * like in its namespace — including the platform's own. Platform-owned objects carry
 * `beluga.io/owner: platform`; in an app namespace they are (see AppNamespace):
 * - NetworkPolicies `default-deny`, `allow-dns`, `allow-from-router`, `allow-from-monitoring` and the
 *   `allow-<component>-from-<app>-<component>` allowances for callers from other apps;
 * - the ResourceQuota `app-quota` and the LimitRange `app-limits`;
 * - the `deployer` ServiceAccount, the Roles and RoleBindings `deployer`, `team-read`, `team-write`;
 * - the Namespace itself (cluster-scoped, outside app RBAC, so not watched here: OpenShift's own
 *   controllers update namespace labels).
 *
 * The policies refuse, in the namespaces labelled platform-owned for the environment:
 * 1. (`beluga-platform-owned-<env>`) any CREATE, UPDATE or DELETE of an object labelled as platform-owned (before or after the change:
 *    for DELETE `object` is null and `oldObject` carries the labels; an UPDATE dropping the label is
 *    judged on the old object) by anyone but the platform identities;
 * 2. (`beluga-app-network-policies-<env>`) a NetworkPolicy, created or updated by anyone but the platform identities, that opens what no
 *    Beluga declaration renders: a policy for every pod of the namespace (empty `podSelector`), a rule
 *    without peers (every source or destination), a peer selecting every namespace, or an `ipBlock`
 *    wider than /8 (0.0.0.0/0 and the like).
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 */
export class PlatformAdmission extends Construct {
  /** The policy (and binding) protecting platform-owned objects: `beluga-platform-owned-<env>`. */
  readonly policyName: string;
  /** The policy (and binding) judging NetworkPolicies from other identities: `beluga-app-network-policies-<env>`. */
  readonly networkPolicyName: string;
  constructor(scope: Construct, id: string, props: PlatformAdmissionProps) {
    super(scope, id);
    this.policyName = `beluga-platform-owned-${props.env}`;
    this.networkPolicyName = `beluga-app-network-policies-${props.env}`;
    const reject = (expression: string, messageExpression: string) => ({ expression, messageExpression, reason: "Forbidden" });
    const who = "request.userInfo.username";
    const what = "request.resource.resource + ' ' + request.namespace + '/' + request.name";
    const networkRule = (condition: string, problem: string) =>
      reject(
        `variables.platform || (${condition})`,
        `'beluga: networkpolicies ' + request.namespace + '/' + request.name + ' ${problem}; ' + ${who} + ' may only open what the app declares (dependsOn): declare the call in the app and let Beluga render the policy'`,
      );
    const rulesHavePeers = (d: "ingress" | "egress") =>
      `!has(object.spec.${d}) || object.spec.${d}.all(r, has(r.${peersOf(d)}) && size(r.${peersOf(d)}) > 0)`;
    const peersNarrow = (d: "ingress" | "egress") =>
      `!has(object.spec.${d}) || object.spec.${d}.all(r, !has(r.${peersOf(d)}) || r.${peersOf(d)}.all(p, ` +
      `(!has(p.namespaceSelector) || !${emptySelector("p.namespaceSelector")}) && ` +
      `(!has(p.ipBlock) || (isCIDR(p.ipBlock.cidr) && cidr(p.ipBlock.cidr).prefixLength() >= 8))))`;

    const platform = {
      name: "platform",
      expression: `${who} in ${celList(props.identities.users)} || request.userInfo.groups.exists(g, g in ${celList(props.identities.groups)})`,
    };
    this.render("Owned", this.policyName, props.env, PLATFORM_OWNED_RESOURCES, ["CREATE", "UPDATE", "DELETE"], {
      variables: [platform, { name: "owned", expression: `(${ownedBy("object")}) || (${ownedBy("oldObject")})` }],
      validations: [
        reject(
          "variables.platform || !variables.owned",
          `'beluga: ' + ${what} + ' belongs to the platform layer (label ${PLATFORM_OWNER_LABEL}=${PLATFORM_OWNER}); ' + ${who} + ' may not ' + request.operation + ' it: platform-owned objects change only through the platform stack'`,
        ),
      ],
    });
    this.render("Network", this.networkPolicyName, props.env, [PLATFORM_OWNED_RESOURCES[0]], ["CREATE", "UPDATE"], {
      variables: [platform],
      validations: [
        networkRule(`has(object.spec.podSelector) && !${emptySelector("object.spec.podSelector")}`, "selects every pod of the namespace"),
        networkRule(rulesHavePeers("ingress"), "has an ingress rule without from: it admits every source"),
        networkRule(rulesHavePeers("egress"), "has an egress rule without to: it opens every destination"),
        networkRule(
          `(${peersNarrow("ingress")}) && (${peersNarrow("egress")})`,
          "has a peer selecting every namespace or an ipBlock wider than /8",
        ),
      ],
    });
  }

  /** A policy and its binding, denying in the environment's platform-owned namespaces. */
  private render(
    id: string,
    name: string,
    env: string,
    resources: ReadonlyArray<(typeof PLATFORM_OWNED_RESOURCES)[number]>,
    operations: readonly string[],
    rules: { variables: ReadonlyArray<{ name: string; expression: string }>; validations: readonly object[] },
  ): void {
    const metadata = { name, labels: { [PLATFORM_OWNER_LABEL]: PLATFORM_OWNER, "beluga.io/env": env } };
    new ApiObject(this, `${id}Policy`, {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicy",
      metadata,
      spec: {
        failurePolicy: "Fail",
        matchConstraints: { resourceRules: resources.map((r) => ({ ...r, operations: [...operations] })) },
        variables: rules.variables,
        validations: rules.validations,
      },
    });
    new ApiObject(this, `${id}Binding`, {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingAdmissionPolicyBinding",
      metadata,
      spec: {
        policyName: name,
        validationActions: ["Deny"],
        matchResources: { namespaceSelector: { matchLabels: { [PLATFORM_OWNER_LABEL]: PLATFORM_OWNER, "beluga.io/env": env } } },
      },
    });
  }
}
