import type { EnvironmentDeclaration } from "../constructs/model";

/**
 * Who may write platform-owned objects in this company's clusters (every environment here): the
 * platform stack runs as the cluster administrator (`beluga-admin`, group system:masters, in the
 * embedded lab: platform/local/cluster/pki.ts); the controllers of kube-system (namespace deletion,
 * garbage collection: kube-controller-manager runs with service account credentials) and OpenShift's
 * infrastructure controllers (openshift-infra: service account pull secrets) update or delete them too.
 */
export const platformIdentities: EnvironmentDeclaration["platformIdentities"] = {
  users: ["beluga-admin"],
  groups: ["system:masters", "system:serviceaccounts:kube-system", "system:serviceaccounts:openshift-infra"],
};
