/**
 * e2e: the platform layer and every example app deployed with the real Pulumi engine on the embedded
 * control plane, read back from the API server, redeployed without changes, and RBAC checked there.
 */
import { apps } from "../../apps/catalog";
import { renderApp } from "../../constructs/k8s";
import { type EnvName, namespaceName } from "../../constructs/model";
import { resolve } from "../../constructs/resolve";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { LOG_DIR } from "../../platform/deploy/run-log";
import { beluga } from "../../platform/instance";
import { openStack, previewStack, programOf, upStack } from "../../platform/deploy";
import { clusterUp, differences, kubectl, kubectlJson, requirePlatformEnv, seedStack } from "./platform-harness";

jest.setTimeout(900_000);
const ENVS: EnvName[] = ["dev", "prod"];

/** kubectl resource name of a rendered object's kind: `deployment.v1.apps`, `service`. */
function resourceOf(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return group ? `${kind.toLowerCase()}.${version}.${group}` : kind.toLowerCase();
}

beforeAll(() => {
  requirePlatformEnv();
  clusterUp();
});

describe.each(ENVS)("in %s", (env) => {
  // Dev deploys through the release plan; Prod, which promotes from RE7 (not deployed here), is seeded.
  const deploy = env === "dev" ? (target: { project: string; env: EnvName }) => upStack(target) : seedStack;
  // What each app's stack deployed: Dev keeps the digests it already runs (an earlier run's), so the
  // comparison renders with the stack's own `digests` output, not the declaration's.
  const deployed = new Map<string, Record<string, string>>();
  it("deploys the platform layer and every example app with pulumi up", async () => {
    // gestion-contrats rides the April/October train: outside its windows Prod takes an emergency change.
    process.env.BELUGA_CHANGE_ID = "CHG-900001";
    await upStack({ project: "platform", env });
    for (const app of apps) {
      const result = await deploy({ project: app.name, env });
      expect(result.outputs.namespace).toBe(namespaceName(app.name, env));
      deployed.set(app.name, result.outputs.digests as Record<string, string>);
    }
  });

  it("leaves in the API server exactly what was rendered", () => {
    for (const app of apps) {
      const { objects: rendered } = beluga.render(app, env, { digests: deployed.get(app.name) });
      for (const object of rendered) {
        const live = kubectlJson([
          "get",
          resourceOf(object.apiVersion, object.kind),
          object.metadata.name,
          "-n",
          object.metadata.namespace!,
        ]);
        expect({ object: `${object.kind}/${object.metadata.name}`, differences: differences(object, live) }).toEqual({
          object: `${object.kind}/${object.metadata.name}`,
          differences: [],
        });
      }
    }
  });

  it("runs every component at its HPA minimum, all pods Ready", async () => {
    // A new Deployment starts with one pod until its HPA (15 s sync) raises it to the minimum.
    for (const app of apps) {
      const ns = namespaceName(app.name, env);
      const minimum = Object.fromEntries(
        kubectlJson(["get", "hpa", "-n", ns]).items.map((h: any) => [h.spec.scaleTargetRef.name, h.spec.minReplicas]),
      );
      const belowMinimum = () =>
        kubectlJson(["get", "deployments", "-n", ns])
          .items.filter((d: any) => (d.status.readyReplicas ?? 0) < minimum[d.metadata.name])
          .map((d: any) => d.metadata.name);
      const deadline = Date.now() + 90_000;
      while (belowMinimum().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2000));
      expect({ ns, belowMinimum: belowMinimum() }).toEqual({ ns, belowMinimum: [] });
      if (env === "prod") expect(Math.min(...Object.values(minimum).map(Number))).toBeGreaterThanOrEqual(2);
    }
  });

  it("changes nothing on a second up, and previews no change", async () => {
    for (const target of [{ project: "platform", env }, ...apps.map((a) => ({ project: a.name, env }))]) {
      const result = await deploy(target);
      const changed = Object.entries(result.changes).filter(([op]) => op !== "same");
      expect({ target: target.project, changed }).toEqual({ target: target.project, changed: [] });
      await expect(
        previewStack(target, { expectNoChanges: true, ...(env === "dev" ? {} : { program: programOf(target) }) }),
      ).resolves.toBeDefined();
    }
  });
});

describe("secrets on the deployed platform", () => {
  it("keeps espace-client's session secret out of the stack export, the engine logs and the rendered manifests", async () => {
    const stack = await openStack({ project: "espace-client", env: "dev" });
    const secret = (await stack.getConfig("sessionSecret")).value;
    expect(secret.length).toBeGreaterThan(16);
    const exported = JSON.stringify(await stack.exportStack());
    expect(exported).toContain("espace-client-portal-stack-secrets");
    expect(exported).not.toContain(secret);
    // One log file per run (`<project>-<env>-<kind>-<stamp>-<pid>.log`): every run of this stack, none with the secret.
    const logs = readdirSync(LOG_DIR).filter((f) => f.startsWith("espace-client-dev-up-") && f.endsWith(".log"));
    expect(logs.length).toBeGreaterThan(0);
    for (const log of logs)
      expect({ log, leaked: readFileSync(join(LOG_DIR, log), "utf8").includes(secret) }).toEqual({ log, leaked: false });
    const rendered = JSON.stringify(
      renderApp(
        resolve(
          apps.find((a) => a.name === "espace-client")!,
          environments.get("dev"),
          catalog,
        ),
        environments.get("dev"),
      ),
    );
    expect(rendered).not.toContain(secret);
    // It reached the cluster, where the pods read it by reference.
    const live = kubectlJson(["get", "secret", "espace-client-portal-stack-secrets", "-n", "espace-client-dev"]);
    expect(Buffer.from(live.data.sessionSecret, "base64").toString()).toBe(secret);
  });
});

describe("RBAC on the deployed platform", () => {
  const can = (args: string[]) =>
    kubectl(["auth", "can-i", ...args])
      .out.split("\n")
      .map((l) => l.trim())
      .find((l) => l === "yes" || l === "no");
  const asTeam = (team: string) => ["--as", `someone-in-${team}`, "--as-group", `team-${team}`];

  it("lets a team write its own Dev namespace but not Prod, and read logs and config in both", () => {
    expect(can(["create", "deployments.apps", "-n", "souscription-dev", ...asTeam("subscription")])).toBe("yes");
    expect(can(["create", "deployments.apps", "-n", "souscription-prod", ...asTeam("subscription")])).toBe("no");
    expect(can(["get", "pods", "--subresource=log", "-n", "souscription-prod", ...asTeam("subscription")])).toBe("yes");
    expect(can(["get", "configmaps", "-n", "souscription-prod", ...asTeam("subscription")])).toBe("yes");
    expect(can(["get", "secrets", "-n", "souscription-prod", ...asTeam("subscription")])).toBe("no");
  });

  it("keeps a team out of another team's namespaces", () => {
    expect(can(["create", "deployments.apps", "-n", "sinistre-dev", ...asTeam("subscription")])).toBe("no");
    expect(can(["get", "pods", "-n", "sinistre-prod", ...asTeam("subscription")])).toBe("no");
  });

  it("confines a deployer ServiceAccount to its namespace and away from the platform's objects", () => {
    const deployer = ["--as", "system:serviceaccount:sinistre-prod:deployer"];
    expect(can(["create", "deployments.apps", "-n", "sinistre-prod", ...deployer])).toBe("yes");
    expect(can(["create", "deployments.apps", "-n", "souscription-prod", ...deployer])).toBe("no");
    expect(can(["delete", "resourcequotas", "-n", "sinistre-prod", ...deployer])).toBe("no");
    expect(can(["create", "rolebindings.rbac.authorization.k8s.io", "-n", "sinistre-prod", ...deployer])).toBe("no");
    expect(can(["create", "namespaces", ...deployer])).toBe("no");
  });
});
