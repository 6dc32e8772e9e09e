import * as pulumi from "@pulumi/pulumi";
import type { K8sObject } from "../k8s";
import { registerObject } from "./kubernetes-object";

/** Args of a BelugaComponent. */
export interface BelugaComponentArgs {
  /** Rendered objects of this component, in render order. */
  readonly objects: readonly K8sObject[];
  /** `component` for a long-running component, `batch` for a CronJob. */
  readonly kind: "component" | "batch";
  readonly namespace: string;
  /** Image reference deployed (by digest where the environment requires it). */
  readonly image: string;
  /** Public URLs of the component's routes. */
  readonly urls: readonly string[];
  /** Objects of the stack this component's objects must wait for (e.g. its stack-secrets Secret). */
  readonly dependsOn?: readonly pulumi.Resource[];
}

/** Kinds that pods read at start: the workload waits for them so new pods never start half-configured. */
const POD_INPUTS = new Set(["ConfigMap", "Secret", "ServiceAccount"]);
const WORKLOADS = new Set(["Deployment", "CronJob"]);

/** Margin after the progress deadline for the controller to report it and the provider to see it. */
const DEADLINE_MARGIN_SECONDS = 30;

/**
 * The provider waits for a Deployment's rollout but only warns on ProgressDeadlineExceeded and keeps
 * waiting up to its own 10-minute default. Bound the wait by the Deployment's own deadline so a
 * release whose pods never become ready fails `up` at the deadline, with the component named.
 */
export function rolloutTimeouts(object: K8sObject): pulumi.CustomTimeouts | undefined {
  const deadline =
    object.kind === "Deployment" ? (object.spec as { progressDeadlineSeconds?: number } | undefined)?.progressDeadlineSeconds : undefined;
  if (deadline === undefined) return undefined;
  const limit = `${deadline + DEADLINE_MARGIN_SECONDS}s`;
  return { create: limit, update: limit };
}

/**
 * One component or batch of an app (`beluga:app:Component` / `beluga:app:Batch`): parent of each of
 * its rendered Kubernetes objects, so `pulumi preview` groups changes the way teams think of them.
 */
export class BelugaComponent extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  readonly image: pulumi.Output<string>;
  readonly urls: pulumi.Output<string[]>;
  readonly resources: readonly pulumi.CustomResource[];

  constructor(name: string, args: BelugaComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(args.kind === "batch" ? "beluga:app:Batch" : "beluga:app:Component", name, {}, opts);
    const inputs = args.objects
      .filter((o) => POD_INPUTS.has(o.kind))
      .map((o) => registerObject(o, { parent: this, dependsOn: [...(args.dependsOn ?? [])] }));
    const rest = args.objects
      .filter((o) => !POD_INPUTS.has(o.kind))
      .map((o) =>
        registerObject(o, {
          parent: this,
          dependsOn: WORKLOADS.has(o.kind) ? [...inputs, ...(args.dependsOn ?? [])] : [],
          customTimeouts: rolloutTimeouts(o),
        }),
      );
    this.resources = [...inputs, ...rest];
    this.namespace = pulumi.output(args.namespace);
    this.image = pulumi.output(args.image);
    this.urls = pulumi.output([...args.urls]);
    this.registerOutputs({ namespace: this.namespace, image: this.image, urls: this.urls });
  }
}
