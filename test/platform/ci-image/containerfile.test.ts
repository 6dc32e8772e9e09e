import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PIPELINE_IMAGES } from "../../../constructs/gitlab/pipeline-images";
import { REPO_ROOT } from "../../../platform/repo-root";

interface Tool {
  readonly name: string;
  readonly version: string;
  readonly displayVersion?: string;
  readonly binaries: readonly string[];
}
const containerfile = readFileSync(join(REPO_ROOT, "platform/ci-image/Containerfile"), "utf8");
const tools = JSON.parse(readFileSync(join(REPO_ROOT, "platform/local/tools.json"), "utf8")) as {
  go: string;
  tools: Tool[];
  profiles: Record<string, Record<string, string[]>>;
};
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> };

/** The `ARG NAME=value` defaults of the Containerfile (the global ones, before the first FROM). */
function argDefaults(text: string): Record<string, string> {
  const beforeFirstFrom = text.split(/^FROM /m)[0];
  return Object.fromEntries([...beforeFirstFrom.matchAll(/^ARG ([A-Z_]+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
}
const shown = (name: string) => {
  const tool = tools.tools.find((t) => t.name === name)!;
  return tool.displayVersion ?? tool.version;
};

describe("the CI tools image (platform/ci-image/Containerfile)", () => {
  it("is the image the generated pipelines name", () => {
    expect(containerfile.split("\n").slice(0, 3).join("\n")).toContain(`#   ${PIPELINE_IMAGES.tools}`);
  });

  it("pins every version tools.json and package.json pin, so bumping one fails until the other follows", () => {
    expect(argDefaults(containerfile)).toEqual({
      NODE_VERSION: pkg.devDependencies.node,
      GO_VERSION: tools.go,
      PULUMI_VERSION: shown("pulumi"),
      PULUMI_KUBERNETES_VERSION: shown("pulumi-resource-kubernetes"),
      KUBERNETES_VERSION: shown("kubernetes"),
    });
    expect(pkg.devDependencies.node).toMatch(/^22\./);
  });

  it("builds what a deploy needs with build-tools.sh's deploy profile, and no control plane", () => {
    expect(containerfile).toContain("RUN bash platform/local/build-tools.sh --profile deploy");
    expect(tools.profiles.deploy).toEqual({
      kubernetes: ["kubectl"],
      pulumi: ["pulumi"],
      "pulumi-resource-kubernetes": ["pulumi-resource-kubernetes"],
    });
    for (const [name, binaries] of Object.entries(tools.profiles.deploy)) {
      const tool = tools.tools.find((t) => t.name === name);
      expect({ name, unknownBinaries: binaries.filter((b) => !tool?.binaries.includes(b)) }).toEqual({ name, unknownBinaries: [] });
    }
  });

  it("fails when a FROM names an image by a version that is not an ARG (every pin in one place)", () => {
    const froms = [...containerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(froms).toEqual([
      "docker.io/library/golang:${GO_VERSION}-bookworm",
      "docker.io/library/node:${NODE_VERSION}-bookworm-slim",
      "docker.io/library/node:${NODE_VERSION}-bookworm-slim",
    ]);
  });
});
