import { Construct } from "constructs";
import { ApiObject, Duration, JsonPatch, Size } from "cdk8s";
import * as kplus from "cdk8s-plus-27";
import type { EnvironmentSpec } from "../model";
import { type ResolvedApp, type ResolvedComponent, TMP_MOUNT_PATH } from "../resolve";
import { releaseLabels, selectorLabels, workloadLabels } from "./labels";
import { ExposedRoute } from "./openshift-route";
import { PodDisruptionBudget } from "./pod-disruption-budget";
import { containerEnv, containerProbe, containerResources, contentHash, patchGrpcProbes, patchRestrictedPod } from "./pod-spec";
import { restrictedContainer, restrictedPod } from "./security";
import { ComponentNetworkPolicy } from "./component-network-policy";
import { SPREAD_RELAXED_ANNOTATION, topologySpreadConstraints } from "./topology-spread";

/** Props of an AppComponent. */
export interface AppComponentProps {
  readonly app: ResolvedApp;
  readonly component: ResolvedComponent;
  readonly env: EnvironmentSpec;
}

/** Scratch space for the read-only root filesystem. */
const TMP_SIZE_MIB = 64;

/**
 * A long-running component of an app, rendered for one environment: Deployment (zero-downtime rolling
 * update, HPA-owned replicas, restricted security), HorizontalPodAutoscaler, PodDisruptionBudget,
 * Service, routes, ConfigMaps, ServiceAccount and NetworkPolicy.
 *
 * @example
 * new AppComponent(chart, "api", { app: resolved, component: resolved.components[0], env: prod });
 */
export class AppComponent extends Construct {
  readonly deployment: kplus.Deployment;
  readonly autoscaler: kplus.HorizontalPodAutoscaler;
  readonly disruptionBudget?: PodDisruptionBudget;
  readonly service?: kplus.Service;
  readonly routes: readonly ExposedRoute[];

  constructor(scope: Construct, id: string, props: AppComponentProps) {
    super(scope, id);
    const { app, component: c, env } = props;
    const namespace = app.namespace;
    const labels = workloadLabels(app, c.name);
    const podLabels = releaseLabels(app, c.name, c.image);
    const selector = selectorLabels(app, c.name);
    const meta = (name: string) => ({ name, namespace, labels });

    const serviceAccount = new kplus.ServiceAccount(this, "ServiceAccount", { metadata: meta(c.objectName), automountToken: false });
    const config =
      Object.keys(c.config).length > 0
        ? new kplus.ConfigMap(this, "Config", { metadata: meta(c.objectName), data: { ...c.config } })
        : undefined;
    const files = c.configFiles.map((f) => ({
      spec: f,
      map: new kplus.ConfigMap(this, `Files-${f.name}`, { metadata: meta(f.objectName), data: { ...f.files } }),
    }));

    const podAnnotations: Record<string, string> = {
      "beluga.io/config-hash": contentHash(c.config, ...c.configFiles.map((f) => f.files)),
      "beluga.io/image-lineage": `${c.image.lineage.base.ref} > ${c.image.lineage.socle.ref}`,
    };
    if (c.observability.metrics) {
      podAnnotations["prometheus.io/scrape"] = "true";
      podAnnotations["prometheus.io/port"] = String(c.observability.metrics.portNumber);
      podAnnotations["prometheus.io/path"] = c.observability.metrics.path;
    }

    this.deployment = new kplus.Deployment(this, "Deployment", {
      metadata: {
        name: c.objectName,
        namespace,
        labels: podLabels,
        // On the Deployment, where a reviewer reads the preview: why this component is not spread as required.
        ...(c.placement.relaxedReason ? { annotations: { [SPREAD_RELAXED_ANNOTATION]: c.placement.relaxedReason } } : {}),
      },
      select: false,
      podMetadata: { labels: podLabels, annotations: podAnnotations },
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: kplus.PercentOrAbsolute.absolute(c.rollout.maxSurge),
        maxUnavailable: kplus.PercentOrAbsolute.absolute(c.rollout.maxUnavailable),
      }),
      minReady: Duration.seconds(c.rollout.minReadySeconds),
      progressDeadline: Duration.seconds(c.rollout.progressDeadlineSeconds),
      serviceAccount,
      automountServiceAccountToken: false,
      securityContext: restrictedPod(),
      terminationGracePeriod: Duration.seconds(c.shutdown.gracePeriodSeconds),
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: selector }));
    const tmp = kplus.Volume.fromEmptyDir(this, "TmpVolume", "tmp", { sizeLimit: Size.mebibytes(TMP_SIZE_MIB) });
    const container = this.deployment.addContainer({
      name: c.name,
      image: c.image.ref,
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      ports: c.ports.map((p) => ({ name: p.name, number: p.port })),
      command: c.command ? [...c.command] : undefined,
      envVariables: {
        ...containerEnv(this, c.env, c.objectName, config),
        BELUGA_ENV: kplus.EnvValue.fromValue(app.env),
        LOG_FORMAT: kplus.EnvValue.fromValue(c.observability.logFormat),
        OTEL_SERVICE_NAME: kplus.EnvValue.fromValue(c.observability.traceServiceName),
        OTEL_RESOURCE_ATTRIBUTES: kplus.EnvValue.fromValue(`deployment.environment=${app.env},service.version=${c.image.version}`),
      },
      resources: containerResources(c.resources),
      readiness: c.probes.readiness ? containerProbe(c.probes.readiness) : undefined,
      liveness: c.probes.liveness ? containerProbe(c.probes.liveness) : undefined,
      startup: c.probes.startup ? containerProbe(c.probes.startup) : undefined,
      // The router keeps sending traffic for a few seconds after the pod is marked terminating.
      lifecycle: { preStop: kplus.Handler.fromCommand(["sleep", String(c.shutdown.drainSeconds)]) },
      securityContext: restrictedContainer(),
    });
    container.mount(TMP_MOUNT_PATH, tmp);
    for (const f of files)
      container.mount(
        f.spec.mountPath,
        kplus.Volume.fromConfigMap(this, `FilesVolume-${f.spec.name}`, f.map, { name: `files-${f.spec.name}` }),
        { readOnly: true },
      );

    const deploymentObject = ApiObject.of(this.deployment);
    deploymentObject.addJsonPatch(JsonPatch.add("/spec/revisionHistoryLimit", c.rollout.revisionHistoryLimit));
    patchRestrictedPod(deploymentObject, "/spec/template/spec");
    const spread = topologySpreadConstraints(c.placement, selector);
    if (spread.length > 0) deploymentObject.addJsonPatch(JsonPatch.add("/spec/template/spec/topologySpreadConstraints", spread));
    patchGrpcProbes(deploymentObject, "/spec/template/spec", {
      readiness: c.probes.readiness,
      liveness: c.probes.liveness,
      startup: c.probes.startup,
    });

    this.autoscaler = new kplus.HorizontalPodAutoscaler(this, "Autoscaler", {
      metadata: meta(c.objectName),
      target: this.deployment,
      minReplicas: c.scaling.min,
      maxReplicas: c.scaling.max,
      metrics: [
        ...(c.scaling.cpuTarget ? [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(c.scaling.cpuTarget))] : []),
        ...(c.scaling.memoryTarget ? [kplus.Metric.resourceMemory(kplus.MetricTarget.averageUtilization(c.scaling.memoryTarget))] : []),
      ],
      scaleUp: {
        stabilizationWindow: Duration.seconds(0),
        policies: [{ replicas: kplus.Replicas.absolute(4), duration: Duration.seconds(60) }],
      },
      scaleDown: {
        stabilizationWindow: Duration.seconds(c.scaling.scaleDownStabilizationSeconds),
        policies: [{ replicas: kplus.Replicas.absolute(1), duration: Duration.seconds(60) }],
      },
    });

    if (c.disruption) {
      this.disruptionBudget = new PodDisruptionBudget(this, "DisruptionBudget", {
        name: c.objectName,
        namespace,
        labels,
        selector,
        minAvailable: c.disruption.minAvailable,
      });
    }

    if (c.ports.length > 0) {
      this.service = new kplus.Service(this, "Service", {
        metadata: meta(c.objectName),
        type: kplus.ServiceType.CLUSTER_IP,
        selector: kplus.Pods.select(this, "Pods", { labels: selector }),
        ports: c.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.port, protocol: kplus.Protocol.TCP })),
      });
    }
    const service = this.service;
    this.routes = service
      ? c.routes.map(
          (r, i) =>
            new ExposedRoute(this, `Route${i}`, {
              route: r,
              namespace,
              labels,
              service,
              flavor: env.routes.flavor,
              ingressClassName: env.routes.ingressClassName,
            }),
        )
      : [];

    new ComponentNetworkPolicy(this, "NetworkPolicy", { app, component: c, labels });
  }
}
