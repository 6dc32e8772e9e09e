import { Beluga } from "../../../constructs/beluga";
import { renderPlatform } from "../../../constructs/k8s";
import { type KubeObject, quotaOfApp, quotaOfEnvironment, quotaOfObjects } from "../../../constructs/policy";
import { beluga } from "../../../platform/instance";
import { sevenWorkloadApp } from "../../fixtures/declarations";

const quotaOf = (objects: readonly KubeObject[], namespace: string) =>
  (objects.find((o) => o.kind === "ResourceQuota" && o.metadata?.namespace === namespace)?.spec as { hard: unknown } | undefined)?.hard;

describe("Beluga façade: namespace quotas derived per app", () => {
  it("renders each app's ResourceQuota from its own declaration, not one figure for every app", () => {
    const objects = renderPlatform(beluga.environment("dev"), beluga.tenants("dev")) as KubeObject[];
    // souscription in Dev: web 4 × (50m/250m, 128Mi), api 4 × (250m/1, 512Mi), worker 3 × (125m/500m, 256Mi) = 11 pods,
    // 1575m / 6500m CPU, 3328Mi; plus max(10%, one api pod), rounded up to 500m and 1Gi.
    expect(quotaOf(objects, "souscription-dev")).toEqual({
      "requests.cpu": "2",
      "requests.memory": "4Gi",
      "limits.cpu": "7500m",
      "limits.memory": "4Gi",
      pods: 13,
    });
    // sinistre in Dev: its nightly batch is suspended there; api 3 + 1 pods of M at half size (125m/500m, 256Mi)
    // = 500m / 2 CPU, 1Gi, 4 pods; plus one api pod each.
    expect(quotaOf(objects, "sinistre-dev")).toEqual({
      "requests.cpu": "1",
      "requests.memory": "2Gi",
      "limits.cpu": "2500m",
      "limits.memory": "2Gi",
      pods: 5,
    });
  });

  it("gives an app that does not resolve in an environment the environment's bound", () => {
    const legacy = sevenWorkloadApp();
    legacy.components.api.image.socle = "java17-spring"; // deprecated: Prod refuses it
    const withLegacy = new Beluga(beluga.instance, [legacy]);
    expect(withLegacy.appQuota(legacy, "prod")).toBeUndefined();
    expect(quotaOf(renderPlatform(beluga.environment("prod"), withLegacy.tenants("prod")) as KubeObject[], "sept-prod")).toEqual({
      "requests.cpu": "160",
      "requests.memory": "80Gi",
      "limits.cpu": "160",
      "limits.memory": "80Gi",
      pods: 150,
    });
  });

  it("derives the same quota from an app stack's objects as from its declaration, so the policy pack and the platform agree", () => {
    for (const env of beluga.environments.list)
      for (const app of [...beluga.apps, sevenWorkloadApp()]) {
        const rendered = beluga.render(app, env);
        expect(quotaOfObjects(env, app.name, rendered.objects as KubeObject[])).toEqual(quotaOfApp(env, rendered.app));
        expect(quotaOfApp(env, rendered.app)).not.toEqual(quotaOfEnvironment(env, app.name));
      }
  });

  it.each(["dev", "int", "re7", "prod"])(
    "resolves a seven-workload critical app (API, web, three workers, two batches, M profiles) and proves its contract in %s without a quota edit",
    (env) => {
      const sept = new Beluga(beluga.instance, [...beluga.apps, sevenWorkloadApp()]);
      const rendered = sept.render("sept", env);
      const report = sept.contract(rendered);
      expect(report.quotaShortfalls).toEqual([]);
      expect(report.components.filter((c) => c.verdict === "refuted")).toEqual([]);
      expect(report.proved).toBe(true);
      expect(report.components).toHaveLength(5);
    },
  );
});
