import * as pulumi from "@pulumi/pulumi";
import { registerObject } from "./kubernetes-object";
import * as k8s from "@pulumi/kubernetes";
import type { RenderedApp } from "../beluga";
import { pulumiSecretKey, pulumiSecretName, workloadLabels } from "../k8s";
import { BelugaComponent } from "./beluga-component";

/** Args of a BelugaApp. */
export interface BelugaAppArgs {
  /** The app rendered once for its environment (`Beluga.render`): objects grouped per component by the chart. */
  readonly rendered: RenderedApp;
  /**
   * Values of the `pulumiSecret` env references, by config key, as Pulumi secrets: they reach the
   * cluster in a Secret and stay encrypted in state; they never appear in rendered manifests.
   */
  readonly stackSecrets?: Readonly<Record<string, pulumi.Output<string>>>;
}

/**
 * One app in one environment (`beluga:app:App`): a BelugaComponent per component and batch, each
 * parenting its rendered objects. Outputs what teams look for: namespace, URLs and deployed images.
 *
 * @example
 * new BelugaApp("sinistre", { rendered: beluga.render(sinistre, "prod") });
 */
export class BelugaApp extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  readonly urls: pulumi.Output<Record<string, string[]>>;
  readonly images: pulumi.Output<Record<string, string>>;
  readonly components: readonly BelugaComponent[];

  constructor(name: string, args: BelugaAppArgs, opts?: pulumi.ComponentResourceOptions) {
    super("beluga:app:App", name, {}, opts);
    const { app, workloads: byWorkload } = args.rendered;
    const workloads = [
      ...app.components.map((c) => ({
        kind: "component" as const,
        name: c.name,
        objectName: c.objectName,
        image: c.image,
        urls: c.routes.map((r) => r.url),
        env: c.env,
      })),
      ...app.batches.map((b) => ({
        kind: "batch" as const,
        name: b.name,
        objectName: b.objectName,
        image: b.image,
        urls: [] as string[],
        env: b.env,
      })),
    ];
    this.components = workloads.map((w) => {
      const parent = { parent: this };
      const secretVars = w.env.filter((v) => v.kind === "pulumiSecret");
      const stackSecret =
        secretVars.length === 0
          ? undefined
          : new k8s.core.v1.Secret(
              `${app.namespace}/${pulumiSecretName(w.objectName)}`,
              {
                metadata: { name: pulumiSecretName(w.objectName), namespace: app.namespace, labels: workloadLabels(app, w.name) },
                type: "Opaque",
                stringData: Object.fromEntries(
                  secretVars.map((v) => [pulumiSecretKey(v.configKey), pulumi.secret(args.stackSecrets?.[v.configKey] ?? "")]),
                ),
              },
              parent,
            );
      return new BelugaComponent(
        w.objectName,
        {
          kind: w.kind,
          objects: byWorkload.get(w.name) ?? [],
          namespace: app.namespace,
          image: w.image.ref,
          urls: w.urls,
          dependsOn: stackSecret ? [stackSecret] : [],
        },
        parent,
      );
    });
    // App-wide objects (the PrometheusRule of its alerts) belong to the app, not to one of its workloads.
    for (const object of args.rendered.appWide ?? []) registerObject(object, { parent: this });
    this.namespace = pulumi.output(app.namespace);
    this.urls = pulumi.output(Object.fromEntries(workloads.filter((w) => w.urls.length > 0).map((w) => [w.name, w.urls])));
    this.images = pulumi.output(Object.fromEntries(workloads.map((w) => [w.name, w.image.ref])));
    this.registerOutputs({ namespace: this.namespace, urls: this.urls, images: this.images });
  }
}
