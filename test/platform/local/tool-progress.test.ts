import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import {
  doneLine,
  failedLine,
  formatDuration,
  formatEstimate,
  parseEstimate,
  planLine,
  run,
  secondsLeft,
  startLine,
  summaryLine,
} from "../../../platform/local/tool-progress";

const repo = path.resolve(__dirname, "../../..");
const kubernetes = { index: 1, count: 5, name: "kubernetes", version: "v1.36.1" };

describe("build-tools progress lines", () => {
  it("formats measured durations and coarse estimates", () => {
    expect([0, 42, 59.6, 60, 492, 3599, 3600, 3725].map(formatDuration)).toEqual([
      "0s",
      "42s",
      "1m00s",
      "1m00s",
      "8m12s",
      "59m59s",
      "1h00m",
      "1h02m",
    ]);
    expect([32, 2, 73, 540, 1111].map(formatEstimate)).toEqual(["about 30 s", "about 5 s", "about 1 min", "about 9 min", "about 19 min"]);
    expect(formatEstimate(undefined)).toBeUndefined();
    expect(formatEstimate(0)).toBeUndefined();
    expect(["", "0", "-3", "abc", undefined, "451"].map(parseEstimate)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      451,
    ]);
  });

  it("says how many tools are to build, the cold estimate and the cores it was measured on", () => {
    expect(
      planLine({ prefix: "setup", estimates: [540, 32, 73, 224, 451], cached: 0, measuredCores: 2, cores: 2, logDir: "/c/.logs" }),
    ).toBe("setup: building tools (5 to build, about 22 min cold on 2 cores); logs in /c/.logs");
    expect(planLine({ prefix: "build-tools", estimates: [32], cached: 4, measuredCores: 2, cores: 8 })).toBe(
      "build-tools: building tools (1 to build, 4 cached, about 30 s cold on 2 cores; this machine has 8)",
    );
    expect(planLine({ prefix: "setup", estimates: [60, undefined], cached: 0, measuredCores: 2, cores: 2 })).toBe(
      "setup: building tools (2 to build, about 1 min cold on 2 cores + 1 not measured)",
    );
    expect(planLine({ prefix: "setup", estimates: [undefined], cached: 0 })).toBe(
      "setup: building tools (1 to build, no measured build time)",
    );
  });

  it("prints a line as a tool starts and as it finishes, with the time left", () => {
    expect(startLine(kubernetes, 540)).toBe("[1/5] kubernetes v1.36.1 … building (about 9 min)");
    expect(startLine(kubernetes, undefined)).toBe("[1/5] kubernetes v1.36.1 … building (no measured build time)");
    expect(doneLine(kubernetes, 492, 590)).toBe("[1/5] kubernetes v1.36.1 built in 8m12s · 9m50s left (est.)");
    expect(doneLine({ ...kubernetes, index: 5 }, 451, 0)).toBe("[5/5] kubernetes v1.36.1 built in 7m31s");
    expect(doneLine({ ...kubernetes, index: 2 }, 30, 0)).toBe("[2/5] kubernetes v1.36.1 built in 30s");
    expect(failedLine(kubernetes, 62, "/c/.logs/kubernetes.log")).toBe(
      "[1/5] kubernetes v1.36.1 FAILED after 1m02s; last lines of /c/.logs/kubernetes.log:",
    );
    expect(summaryLine("setup", 5, 0, 1111, 1100, "/c/tools")).toBe(
      "setup: 5 tools built in 18m31s (estimated about 18 min), under /c/tools",
    );
    expect(summaryLine("build-tools", 1, 1, 70, undefined)).toBe("build-tools: 1 tool built in 1m10s; 1 FAILED (see above)");
  });

  it("scales what is left by the pace so far", () => {
    expect(secondsLeft(0, 0, 600)).toBe(600); // nothing built yet: the estimates as they are
    expect(secondsLeft(500, 250, 600)).toBe(300); // twice as fast as measured
    expect(secondsLeft(500, 1000, 600)).toBe(1200);
    expect(secondsLeft(500, 250, 0)).toBe(0);
  });

  it("takes build-tools.sh's command line", () => {
    expect(run(["start", "--index", "2", "--count", "3", "--name", "etcd", "--version", "v3.6.8", "--estimate", "32"])).toBe(
      "[2/3] etcd v3.6.8 … building (about 30 s)",
    );
    expect(
      run([
        "done",
        "--index",
        "1",
        "--count",
        "3",
        "--name",
        "kubernetes",
        "--version",
        "v1.36.1",
        "--seconds",
        "300",
        "--estimated-done",
        "600",
        "--actual-done",
        "300",
        "--estimated-left",
        "200",
      ]),
    ).toBe("[1/3] kubernetes v1.36.1 built in 5m00s · 1m40s left (est.)");
    expect(run(["plan", "--prefix", "setup", "--cached", "0", "--estimates", "600,0", "--measured-cores", "2", "--cores", "2"])).toBe(
      "setup: building tools (2 to build, about 10 min cold on 2 cores + 1 not measured)",
    );
    expect(() => run(["frobnicate"])).toThrow(/unknown command/);
    expect(() => run(["start", "--bogus", "1"])).toThrow();
  });

  it("has a measured cold build time for every buildable tool in tools.json", () => {
    const tools = JSON.parse(readFileSync(path.join(repo, "platform/local/tools.json"), "utf8"));
    expect(tools.coldBuildCores).toBeGreaterThan(0);
    for (const t of tools.tools.filter((x: any) => !x.unavailable)) {
      expect([t.name, Number.isInteger(t.coldBuildSeconds) && t.coldBuildSeconds > 0]).toEqual([t.name, true]);
    }
  });

  const node22 = path.join(repo, "node_modules/.bin/node");
  (existsSync(node22) ? it : it.skip)("runs as a script with the project's Node (type stripping), as build-tools.sh calls it", () => {
    const out = execFileSync(
      node22,
      [
        "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON",
        path.join(repo, "platform/local/tool-progress.ts"),
        "start",
        "--index",
        "1",
        "--count",
        "1",
        "--name",
        "kwok",
        "--version",
        "v0.8.0",
        "--estimate",
        "73",
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    expect(out).toBe("[1/1] kwok v0.8.0 … building (about 1 min)\n");
  });
});
