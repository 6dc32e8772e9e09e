import type { K8sObject } from "../../../../constructs/k8s";
import { rolloutTargets } from "../../../../platform/lab/bench/fleet/kubectl-fleet";

const object = (apiVersion: string, kind: string, name: string): K8sObject =>
  ({ apiVersion, kind, metadata: { name, namespace: "fleet-a-dev" } }) as K8sObject;

describe("rolloutTargets", () => {
  it("awaits every Deployment of the app, and nothing else (CronJobs, Services, HPAs have no rollout)", () => {
    const objects = [
      object("v1", "Service", "fleet-a-api"),
      object("apps/v1", "Deployment", "fleet-a-api"),
      object("batch/v1", "CronJob", "fleet-a-nightly"),
      object("autoscaling/v2", "HorizontalPodAutoscaler", "fleet-a-api"),
      object("apps/v1", "Deployment", "fleet-a-web"),
    ];
    expect(rolloutTargets(objects)).toEqual(["deployment/fleet-a-api", "deployment/fleet-a-web"]);
  });
});
