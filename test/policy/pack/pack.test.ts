import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { rendered, pick } from "../policy-harness";

// The analyzer protocol the Pulumi CLI speaks to a policy pack, straight from @pulumi/pulumi.

const analyzerProto = require("@pulumi/pulumi/proto/analyzer_pb");

const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");

const PACK = join(__dirname, "../../../platform/policy-pack");

/**
 * Starts the pack the way `pulumi-analyzer-policy` does (the CLI's launcher for Node.js packs): node
 * runs @pulumi/pulumi's run-policy-pack with the pack directory as working directory and program,
 * the stack name and config in the environment. Resolves with a client once the pack prints its port.
 */
function startPack(env: Record<string, string>): Promise<{ client: any; child: ChildProcess; stderr: () => string }> {
  const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
  const child = spawn(process.execPath, [runner, "127.0.0.1:1", "."], {
    cwd: PACK,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  return new Promise((resolvePort, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const port = /^(\d+)\s*$/m.exec(out)?.[1];
      if (port)
        resolvePort({
          client: new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()),
          child,
          stderr: () => stderr,
        });
    });
    child.on("exit", (code) => reject(new Error(`policy pack exited with ${code}: ${stderr}`)));
  });
}

const call = <T>(client: any, method: string, request: unknown) =>
  new Promise<T>((done, fail) => client[method](request, (error: Error | null, response: T) => (error ? fail(error) : done(response))));

describe("platform/policy-pack under @pulumi/pulumi's run-policy-pack", () => {
  jest.setTimeout(120_000);
  let pack: Awaited<ReturnType<typeof startPack>>;
  afterEach(() => pack?.child.kill());

  it("loads (transpile-only, through the CLI's cache) and lists every policy, mandatory for a prod stack", async () => {
    pack = await startPack({ PULUMI_STACK: "prod" });
    const info: any = await call(pack.client, "getAnalyzerInfo", new Empty());
    expect(info.getName()).toBe("beluga-guardrails");
    const policies = info.getPoliciesList().map((p: any) => [p.getName(), p.getEnforcementlevel()]);
    expect(policies).toHaveLength(17);
    expect(new Set(policies.map((p: any) => p[1]))).toEqual(new Set([analyzerProto.EnforcementLevel.MANDATORY]));
    expect(policies.map((p: any) => p[0])).toContain("beluga-zero-downtime");
  });

  it("keeps the rule no deploy can survive mandatory for a dev stack, the others advisory", async () => {
    pack = await startPack({ PULUMI_STACK: "dev" });
    const info: any = await call(pack.client, "getAnalyzerInfo", new Empty());
    const levels = new Map<string, number>(info.getPoliciesList().map((p: any) => [p.getName(), p.getEnforcementlevel()]));
    expect([...levels.entries()].filter(([, level]) => level === analyzerProto.EnforcementLevel.MANDATORY).map(([name]) => name)).toEqual([
      "beluga-quota-fits-minimum",
    ]);
    expect(levels.get("beluga-zero-downtime")).toBe(analyzerProto.EnforcementLevel.ADVISORY);
  });

  // @pulumi/policy prefixes each message with the policy's description and a newline, as the CLI prints it.
  it("reports a violation of a registered Deployment through the analyzer protocol, advisory for a dev stack", async () => {
    pack = await startPack({ PULUMI_STACK: "dev-feature-x", PULUMI_CONFIG: JSON.stringify({ "beluga:environment": "dev" }) });
    const deployment = pick(rendered("dev"), "Deployment", "full-front");
    deployment.spec.template.spec.containers[0].image = "registry.beluga.internal/dev/core/full-front:latest";
    const request = new analyzerProto.AnalyzeRequest();
    request.setType("kubernetes:apps/v1:Deployment");
    request.setName("full-dev/full-front");
    request.setUrn(
      "urn:pulumi:dev-feature-x::full::beluga:app:App$beluga:app:Component$kubernetes:apps/v1:Deployment::full-dev/full-front",
    );
    request.setProperties(Struct.fromJavaScript(deployment));
    const options = new analyzerProto.AnalyzerResourceOptions();
    options.setCustomtimeouts(new analyzerProto.AnalyzerResourceOptions.CustomTimeouts());
    request.setOptions(options);
    const response: any = await call(pack.client, "analyze", request);
    const diagnostics = response
      .getDiagnosticsList()
      .map((d: any) => [d.getPolicyname(), d.getEnforcementlevel(), d.getMessage().split("\n").pop()]);
    expect(diagnostics).toEqual([
      [
        "beluga-image-no-latest",
        analyzerProto.EnforcementLevel.ADVISORY,
        'Deployment full-dev/full-front (container "front") runs image "registry.beluga.internal/dev/core/full-front:latest" tagged latest, which moves; use the version the build produced, e.g. :1.4.2.',
      ],
    ]);
  });
});
