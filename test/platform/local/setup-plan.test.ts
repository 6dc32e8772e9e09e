import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "../../../platform/repo-root";

/**
 * What setup.sh builds (its `--plan`, which decides and exits before installing anything) and what
 * build-tools.sh's deploy profile selects (`--list`, which needs no Go).
 */
const provider = (
  JSON.parse(readFileSync(join(REPO_ROOT, "platform/local/tools.json"), "utf8")) as {
    tools: Array<{ name: string; displayVersion?: string }>;
  }
).tools.find((t) => t.name === "pulumi-resource-kubernetes")!.displayVersion!;

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "beluga-setup-plan-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A bin folder with executable stand-ins for `names`, and node. */
function binWith(...names: string[]): string {
  const bin = join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  for (const name of names) {
    writeFileSync(join(bin, name), "#!/bin/sh\nexit 0\n");
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}
function plan(env: Record<string, string>, bin: string): string {
  return execFileSync("bash", [join(REPO_ROOT, "platform/local/setup.sh"), "--plan"], {
    encoding: "utf8",
    env: { HOME: dir, PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`, PULUMI_HOME: join(dir, "pulumi-home"), ...env },
  }).trim();
}
function installProviderPlugin(): void {
  const plugin = join(dir, "pulumi-home/plugins", `resource-kubernetes-${provider}`);
  mkdirSync(plugin, { recursive: true });
  writeFileSync(join(plugin, "pulumi-resource-kubernetes"), "#!/bin/sh\n");
  chmodSync(join(plugin, "pulumi-resource-kubernetes"), 0o755);
}

describe("setup.sh --plan", () => {
  it("builds every tool for the local platform (embedded control plane)", () => {
    expect(plan({}, binWith("pulumi", "kubectl"))).toBe("setup: tools: all");
  });

  it("builds only the deploy tools for an external cluster when they are missing", () => {
    expect(plan({ BELUGA_EXTERNAL_CLUSTER: "1" }, binWith())).toBe("setup: tools: deploy");
    // pulumi and kubectl present, but not the provider plugin at the pinned version
    expect(plan({ BELUGA_EXTERNAL_CLUSTER: "1" }, binWith("pulumi", "kubectl"))).toBe("setup: tools: deploy");
  });

  it("builds nothing for an external cluster in the tools image (pulumi, kubectl on PATH, the provider in PULUMI_HOME)", () => {
    installProviderPlugin();
    expect(plan({ BELUGA_EXTERNAL_CLUSTER: "1" }, binWith("pulumi", "kubectl"))).toBe("setup: tools: none");
  });
});

describe("build-tools.sh --profile deploy", () => {
  it("selects pulumi, the Kubernetes provider and kubectl alone out of the kubernetes tool", () => {
    const out = execFileSync("bash", [join(REPO_ROOT, "platform/local/build-tools.sh"), "--profile", "deploy", "--list"], {
      encoding: "utf8",
      env: { HOME: dir, PATH: `${dirname(process.execPath)}:/usr/bin:/bin` },
    });
    expect(out.trim().split("\n")).toEqual([
      "kubernetes\tv1.36.1\tkubectl",
      "pulumi\tv3.259.0\tpulumi",
      `pulumi-resource-kubernetes\t${provider}\tpulumi-resource-kubernetes`,
    ]);
  });

  it("fails when the profile is unknown", () => {
    expect(() =>
      execFileSync("bash", [join(REPO_ROOT, "platform/local/build-tools.sh"), "--profile", "nope", "--list"], {
        encoding: "utf8",
        stdio: "pipe",
        env: { HOME: dir, PATH: `${dirname(process.execPath)}:/usr/bin:/bin` },
      }),
    ).toThrow(/unknown profile 'nope'/);
  });
});
