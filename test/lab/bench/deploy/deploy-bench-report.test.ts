import {
  NO_CHANGE_GOAL,
  diffOutcome,
  isNoChangeDeploy,
  noChangeLine,
  reportedChanges,
  rollingLine,
  withoutBuiltDigests,
} from "../../../../platform/lab/bench/deploy/deploy-bench-report";

const machine = { cpus: 2, model: "AMD EPYC" };

describe("diffOutcome", () => {
  it("reads kubectl diff's exit codes: 0 nothing to change, 1 differences, both a successful diff", () => {
    expect(diffOutcome(0)).toBe("same");
    expect(diffOutcome(1)).toBe("differs");
  });

  it.each([2, 127, null])("fails when kubectl diff exits with %s", (code) => {
    expect(diffOutcome(code)).toBe("failed");
  });
});

describe("reportedChanges / isNoChangeDeploy", () => {
  // What `beluga deploy` prints per stack (platform/cli/deploy.ts), release notes and the table around it.
  const deployOutput = (...changes: string[]) =>
    [
      "[1/1] release: api keeps sha256:52d0… (what dev runs)",
      ...changes.map(
        (c, i) => `[${i + 1}/${changes.length}] pulumi up sinistre/dev (log .beluga/logs/sinistre-dev-up-1.log) … done in 3.2s (${c})`,
      ),
      "",
      "NAMESPACE     WORKLOAD      READY",
    ].join("\n");

  it("reads what each stack changed, in order", () => {
    expect(reportedChanges(deployOutput("no changes", "1 update, 2 create"))).toEqual(["no changes", "1 update, 2 create"]);
  });

  it("holds a deploy whose every stack changed nothing", () => {
    expect(isNoChangeDeploy(deployOutput("no changes"))).toBe(true);
  });

  it("fails when a stack changed something", () => {
    expect(isNoChangeDeploy(deployOutput("no changes", "1 update"))).toBe(false);
  });

  it("fails when the deploy printed no stack at all", () => {
    expect(isNoChangeDeploy("deploy: nothing to do\n")).toBe(false);
  });
});

describe("noChangeLine", () => {
  const measured = (deploySeconds: number[], floorSeconds: number[]) =>
    noChangeLine({ app: "sinistre", env: "dev", deploySeconds, floorSeconds, changedRuns: 0, machine });

  it("prints medians, min–max, the ratio of the medians and the goal, in the issue's keys", () => {
    const line = measured([9.1, 8.4, 12.25], [2.5, 2.1, 3]);
    expect(line).toEqual({
      bench: "deploy-no-change",
      app: "sinistre",
      env: "dev",
      runs: 3,
      deploy: { median: 9.1, min: 8.4, max: 12.25 },
      floor: { median: 2.5, min: 2.1, max: 3 },
      ratio: 3.64,
      goal: NO_CHANGE_GOAL,
      met: true,
      changedRuns: 0,
      machine,
    });
    expect(JSON.parse(JSON.stringify(line))).toEqual(line);
  });

  it("meets the goal at exactly 4 × the floor", () => {
    expect(measured([8], [2]).met).toBe(true);
  });

  it("fails the goal above 4 × the floor", () => {
    expect(measured([8.1], [2])).toEqual(expect.objectContaining({ ratio: 4.05, met: false }));
  });
});

describe("rollingLine", () => {
  it("keeps the keys the rolling-update line always had and adds the spreads", () => {
    expect(rollingLine([12, 11, 13.5], [10, 9.5, 10.5], machine)).toEqual({
      bench: "deploy",
      repetitions: 3,
      pulumiMedianSeconds: 12,
      kubectlMedianSeconds: 10,
      ratio: 1.2,
      pulumi: { median: 12, min: 11, max: 13.5 },
      kubectl: { median: 10, min: 9.5, max: 10.5 },
      machine,
    });
  });
});

describe("withoutBuiltDigests", () => {
  it("drops every BELUGA_DIGEST_<WORKLOAD> and keeps the rest of the job's environment", () => {
    expect(
      withoutBuiltDigests({ PATH: "/bin", BELUGA_DIGEST_API: "sha256:1", BELUGA_DIGEST_SETTLEMENT: "sha256:2", KUBECONFIG: "k" }),
    ).toEqual({
      PATH: "/bin",
      KUBECONFIG: "k",
    });
  });
});
