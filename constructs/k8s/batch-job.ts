import { Construct } from "constructs";
import { ApiObject, Cron, Duration, Size } from "cdk8s";
import * as kplus from "cdk8s-plus-27";
import { type ResolvedApp, type ResolvedBatch, TMP_MOUNT_PATH } from "../resolve";
import { releaseLabels, workloadLabels } from "./labels";
import { ComponentNetworkPolicy } from "./component-network-policy";
import { containerEnv, containerResources, patchRestrictedPod } from "./pod-spec";
import { restrictedContainer, restrictedPod } from "./security";

/** Props of a BatchJob. */
export interface BatchJobProps {
  readonly app: ResolvedApp;
  readonly batch: ResolvedBatch;
}

const MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** cdk8s Cron from a validated five-field expression. */
export function cronOf(schedule: string): Cron {
  const [minute, hour, day, month, weekDay] = (MACROS[schedule.trim()] ?? schedule.trim()).split(/\s+/);
  return Cron.schedule({ minute, hour, day, month, weekDay });
}

/**
 * A scheduled batch: a CronJob on the same image chain and restricted security defaults as the app's
 * components, with no overlapping runs by default, a run deadline, bounded history and a NetworkPolicy
 * opening what it declares it calls.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/
 */
export class BatchJob extends Construct {
  readonly cronJob: kplus.CronJob;
  constructor(scope: Construct, id: string, props: BatchJobProps) {
    super(scope, id);
    const { app, batch: b } = props;
    const labels = workloadLabels(app, b.name);
    const podLabels = releaseLabels(app, b.name, b.image);
    const serviceAccount = new kplus.ServiceAccount(this, "ServiceAccount", {
      metadata: { name: b.objectName, namespace: app.namespace, labels },
      automountToken: false,
    });
    this.cronJob = new kplus.CronJob(this, "CronJob", {
      metadata: { name: b.objectName, namespace: app.namespace, labels: podLabels },
      podMetadata: { labels: podLabels },
      schedule: cronOf(b.schedule),
      timeZone: b.timeZone,
      suspend: b.suspend,
      concurrencyPolicy:
        b.concurrency === "Allow"
          ? kplus.ConcurrencyPolicy.ALLOW
          : b.concurrency === "Replace"
            ? kplus.ConcurrencyPolicy.REPLACE
            : kplus.ConcurrencyPolicy.FORBID,
      startingDeadline: Duration.seconds(b.startingDeadlineSeconds),
      successfulJobsRetained: b.history.successful,
      failedJobsRetained: b.history.failed,
      activeDeadline: Duration.seconds(b.activeDeadlineSeconds),
      backoffLimit: b.backoffLimit,
      serviceAccount,
      automountServiceAccountToken: false,
      restartPolicy: kplus.RestartPolicy.NEVER,
      securityContext: restrictedPod(),
    });
    const container = this.cronJob.addContainer({
      name: b.name,
      image: b.image.ref,
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      command: b.command ? [...b.command] : undefined,
      envVariables: { ...containerEnv(this, b.env, b.objectName), BELUGA_ENV: kplus.EnvValue.fromValue(app.env) },
      resources: containerResources(b.resources),
      securityContext: restrictedContainer(),
    });
    container.mount(TMP_MOUNT_PATH, kplus.Volume.fromEmptyDir(this, "TmpVolume", "tmp", { sizeLimit: Size.mebibytes(64) }));
    patchRestrictedPod(ApiObject.of(this.cronJob), "/spec/jobTemplate/spec/template/spec");
    // A batch serves nothing: its policy only opens what it calls (components, shared services, CIDRs).
    new ComponentNetworkPolicy(this, "NetworkPolicy", { app, component: { ...b, ports: [] }, labels });
  }
}
