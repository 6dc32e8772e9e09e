import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { apps } from "../../../apps/catalog";
import { Beluga } from "../../../constructs/beluga";
import { catalog } from "../../../platform/catalog";
import { beluga, instance } from "../../../platform/instance";
import { REPO_ROOT } from "../../../platform/repo-root";
import { synthesize } from "../../../platform/synth";
import { minimalApp } from "../../fixtures/declarations";

describe("synthesize", () => {
  const result = synthesize(beluga);
  if (!result.ok) throw new Error(result.messages.join("\n"));
  const files = result.files;
  const docs = (path: string) => parseAllDocuments(files.get(path)!).map((d) => d.toJS());

  it("renders every app for every environment, the platform layer per environment, and the image chain", () => {
    for (const env of ["dev", "int", "re7", "prod"]) {
      for (const app of apps) expect(files.has(`${env}/${app.name}.yaml`)).toBe(true);
      expect(files.has(`${env}/platform.yaml`)).toBe(true);
    }
    expect([...files.keys()].filter((p) => p.startsWith("images/socles/"))).toHaveLength(Object.keys(catalog.socles).length);
  });

  it("meets the Prod contract: RollingUpdate maxUnavailable 0, no replicas, HPA min ≥ 2, PDB, digest, non-root, readiness", () => {
    for (const app of apps) {
      const objects = docs(`prod/${app.name}.yaml`);
      for (const d of objects.filter((o) => o.kind === "Deployment")) {
        const name = d.metadata.name;
        expect(d.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
        expect(d.spec).not.toHaveProperty("replicas");
        expect(
          objects.find((o) => o.kind === "HorizontalPodAutoscaler" && o.metadata.name === name).spec.minReplicas,
        ).toBeGreaterThanOrEqual(2);
        expect(objects.some((o) => o.kind === "PodDisruptionBudget" && o.metadata.name === name)).toBe(true);
        const container = d.spec.template.spec.containers[0];
        expect(container.image).toMatch(/@sha256:[0-9a-f]{64}$/);
        expect(container.securityContext.runAsNonRoot).toBe(true);
        expect(container.readinessProbe).toBeDefined();
      }
    }
    const platform = docs("prod/platform.yaml");
    for (const app of apps) {
      expect(
        platform.some(
          (o) => o.kind === "NetworkPolicy" && o.metadata.namespace === `${app.name}-prod` && o.metadata.name === "default-deny",
        ),
      ).toBe(true);
    }
  });

  it("fails when any declaration is invalid: every message, no file", () => {
    const bad = minimalApp();
    bad.components.api.image.socle = "java11-tomcat";
    const other = { ...minimalApp(), name: "other" };
    other.components.api.scaling = { min: 4, max: 2 };
    const failed = synthesize(new Beluga(instance, [...apps, bad, other]));
    expect(failed).toEqual({
      ok: false,
      messages: [
        'mini: components.api.image.socle ("java11-tomcat") is retired and Dev accepts only supported or deprecated socles; rebuild the image on java21-spring',
        'mini: components.api.image.socle ("java11-tomcat") is retired and Int accepts only supported or deprecated socles; rebuild the image on java21-spring',
        'mini: components.api.image.socle ("java11-tomcat") is retired and RE7 accepts only supported or deprecated socles; rebuild the image on java21-spring',
        'mini: components.api.image.socle ("java11-tomcat") is retired and Prod accepts only supported socles; rebuild the image on java21-spring',
        "other: components.api.scaling.max (2) must be ≥ scaling.min (4); raise max or lower min",
      ],
    });
  });

  it("writes the same bytes on every run (npm run synth)", () => {
    const out = (dir: string) => {
      execFileSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", "platform/cli/synth.ts", "--out", dir], {
        cwd: REPO_ROOT,
        stdio: "pipe",
      });
      const list = (d: string): string[] =>
        readdirSync(d, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? list(join(d, e.name)).map((p) => `${e.name}/${p}`) : [e.name],
        );
      return Object.fromEntries(
        list(dir)
          .sort()
          .map((p) => [p, readFileSync(join(dir, p), "utf8")]),
      );
    };
    const first = out(mkdtempSync(join(tmpdir(), "synth-a-")));
    const second = out(mkdtempSync(join(tmpdir(), "synth-b-")));
    expect(Object.keys(first)).toHaveLength(files.size);
    expect(second).toEqual(first);
    expect(first["prod/sinistre.yaml"]).toBe(files.get("prod/sinistre.yaml"));
  }, 60000);
});
