/** Where a cluster says which environments it serves: a ConfigMap readable by every authenticated user. */
export const CLUSTER_IDENTITY = { namespace: "kube-public", name: "beluga-cluster", key: "environments" } as const;
