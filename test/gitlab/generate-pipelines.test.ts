import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { staleFiles } from "../../constructs/gitlab/io/stale-files";
import { Beluga } from "../../constructs/beluga";
import { apps } from "../../apps/catalog";
import { beluga, instance } from "../../platform/instance";
import { REPO_ROOT } from "../../platform/repo-root";
import { fullApp } from "../fixtures/declarations";

describe("generatePipelines", () => {
  const result = beluga.pipelines();

  it("generates one pipeline per example app and the root pipeline, each carrying the generated marker", () => {
    expect(result.messages).toEqual([]);
    expect([...result.files.keys()]).toEqual([
      "apps/espace-client/.gitlab-ci.yml",
      "apps/gestion-contrats/.gitlab-ci.yml",
      "apps/sinistre/.gitlab-ci.yml",
      "apps/souscription/.gitlab-ci.yml",
      ".gitlab-ci.yml",
    ]);
    expect(result.files.get(".gitlab-ci.yml")!.split("\n")[1]).toBe(
      "# generated — edit constructs/gitlab/root-pipeline.ts or apps/catalog.ts, run npm run gitlab -- generate",
    );
    for (const [path, content] of [...result.files].filter(([p]) => p.startsWith("apps/"))) {
      const app = path.split("/")[1];
      expect(content.split("\n").slice(0, 2)[1]).toBe(`# generated — edit apps/${app}/app.ts, run npm run gitlab -- generate`);
    }
  });

  it("is deterministic: two runs give byte-identical files", () => {
    expect(beluga.pipelines().files).toEqual(result.files);
  });

  it("matches the committed pipelines (the CI check)", () => {
    expect(staleFiles(REPO_ROOT, result.files)).toEqual([]);
  });

  it("generates an app without any route (an internal API): its environments have no URL to give", () => {
    const internal = fullApp();
    internal.name = "interne";
    for (const component of Object.values(internal.components)) delete component.routes;
    const generated = new Beluga(instance, [...apps, internal]).pipelines();
    expect(generated.messages).toEqual([]);
    expect(generated.files.get("apps/interne/.gitlab-ci.yml")).toContain("interne:deploy:prod:");
    expect(generated.files.get("apps/interne/.gitlab-ci.yml")).not.toMatch(/^\s+url:/m);
  });

  it("fails when any app is invalid, returning every message and no file to write", () => {
    const bad = fullApp();
    bad.components.api.image.socle = "no-such-socle";
    const failed = new Beluga(instance, [...apps, bad]).pipelines();
    expect(failed.files.size).toBe(0);
    expect(failed.messages.length).toBeGreaterThan(0);
    expect(failed.messages.every((m) => m.startsWith("full: "))).toBe(true);
    expect(failed.messages.join("\n")).toContain("components.api.image.socle");
  });
});

describe("staleFiles", () => {
  it("reports a hand-edited pipeline as changed and a deleted one as missing", () => {
    const root = mkdtempSync(join(tmpdir(), "beluga-gitlab-"));
    try {
      const files = new Map([
        ["apps/a/.gitlab-ci.yml", "stages: [build]\n"],
        ["apps/b/.gitlab-ci.yml", "stages: [build]\n"],
      ]);
      mkdirSync(join(root, "apps/a"), { recursive: true });
      writeFileSync(join(root, "apps/a/.gitlab-ci.yml"), "stages: [build, hand-edit]\n");
      expect(staleFiles(root, files)).toEqual([
        { path: "apps/a/.gitlab-ci.yml", reason: "changed" },
        { path: "apps/b/.gitlab-ci.yml", reason: "missing" },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
