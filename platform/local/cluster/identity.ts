import { environments } from "../../../environments";
import { CLUSTER_IDENTITY } from "../../deploy/cluster-identity";

/**
 * The embedded cluster's identity: the ConfigMap `kube-public/beluga-cluster` listing the environments
 * it serves (all of the instance's: the lab runs them on one API server), readable by every
 * authenticated user, as the deploy preflight (`checkClusterServes`) reads it. A real cluster gets the
 * same ConfigMap from the platform team, with only the environments it serves.
 */
export function clusterIdentity(served: readonly string[] = environments.names): string {
  const { namespace, name, key } = CLUSTER_IDENTITY;
  const labels = { "app.kubernetes.io/managed-by": "beluga-cluster" };
  return JSON.stringify({
    apiVersion: "v1",
    kind: "List",
    items: [
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace, labels }, data: { [key]: served.join(",") } },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "Role",
        metadata: { name: `${name}-reader`, namespace, labels },
        rules: [{ apiGroups: [""], resources: ["configmaps"], resourceNames: [name], verbs: ["get"] }],
      },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: `${name}-reader`, namespace, labels },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: `${name}-reader` },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:authenticated" }],
      },
    ],
  });
}
