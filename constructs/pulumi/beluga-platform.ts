import * as pulumi from "@pulumi/pulumi";
import type { EnvironmentSpec } from "../model";
import { type K8sObject, type PlatformTenant, renderPlatform } from "../k8s";
import { registerObject } from "./kubernetes-object";

/** Args of a BelugaPlatform. */
export interface BelugaPlatformArgs {
  readonly env: EnvironmentSpec;
  readonly tenants: readonly PlatformTenant[];
}

/**
 * The platform layer of one environment (`beluga:platform:Platform`): per app a
 * `beluga:platform:Tenant` parenting its Namespace and the quota, limits, network baseline, RBAC and
 * deployer account inside it (created after the Namespace); the environment's admission policy and
 * its binding directly under the platform.
 */
export class BelugaPlatform extends pulumi.ComponentResource {
  readonly namespaces: pulumi.Output<string[]>;
  constructor(name: string, args: BelugaPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("beluga:platform:Platform", name, {}, opts);
    const objects = renderPlatform(args.env, args.tenants);
    // Cluster-scoped objects of the environment (its admission policy, then the binding using it).
    const clusterScoped = objects.filter((o) => o.kind !== "Namespace" && !o.metadata.namespace);
    let previous: pulumi.Resource | undefined;
    for (const o of clusterScoped) previous = registerObject(o, { parent: this, dependsOn: previous ? [previous] : [] });
    const byNamespace = new Map<string, K8sObject[]>();
    for (const o of objects.filter((c) => !clusterScoped.includes(c))) {
      const ns = o.kind === "Namespace" ? o.metadata.name : o.metadata.namespace!;
      byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), o]);
    }
    for (const [ns, group] of byNamespace) {
      const tenant = new pulumi.ComponentResource("beluga:platform:Tenant", ns, {}, { parent: this });
      const namespace = registerObject(
        group.find((o) => o.kind === "Namespace")!,
        { parent: tenant },
      );
      for (const o of group.filter((g) => g.kind !== "Namespace")) registerObject(o, { parent: tenant, dependsOn: [namespace] });
    }
    this.namespaces = pulumi.output([...byNamespace.keys()]);
    this.registerOutputs({ namespaces: this.namespaces });
  }
}
