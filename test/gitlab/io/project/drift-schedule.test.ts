import * as pulumi from "@pulumi/pulumi";
import { DRIFT_SCHEDULE, SCHEDULE_VARIABLE, onDriftSchedule } from "../../../../constructs/gitlab/drift-jobs";
import { evaluateCondition } from "../../../../constructs/gitlab/condition";
import { DriftSchedule } from "../../../../constructs/gitlab/io/project";
import { DeclarationError } from "../../../../constructs/resolve";
import { recordingMocks, valueOf } from "../../../constructs/pulumi/mocks";

const D = "pulumi-nodejs:dynamic/gitlab";
const secret = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });

describe("DriftSchedule", () => {
  const registrations = recordingMocks("prod");
  const dependencies = new Map<string, string[]>();
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: any, callback: unknown) => unknown };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    dependencies.set(req.getName(), req.getDependenciesList());
    return register(req, callback);
  };

  const connection = { url: "https://gitlab.beluga.internal", token: pulumi.secret("admin-token") };
  const drift = new DriftSchedule("beluga-drift", { project: "beluga/apps", connection });
  const registered = Promise.all([drift, drift.schedule, drift.variable].map((r) => valueOf(r.urn)));
  const inputsOf = (name: string) => registrations.find((r) => r.name === name)!.inputs;

  it("schedules the root pipeline's repository every day at 06:00 Europe/Paris on main, under its component", async () => {
    const [, scheduleUrn, variableUrn] = await registered;
    expect(registrations.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
      [
        "beluga:gitlab:DriftSchedule beluga-drift",
        `${D}:PipelineSchedule beluga-drift-schedule`,
        `${D}:PipelineScheduleVariable beluga-drift-schedule-BELUGA_SCHEDULE`,
      ].sort(),
    );
    expect(inputsOf("beluga-drift-schedule")).toMatchObject({
      project: "beluga/apps",
      ref: "refs/heads/main",
      cron: "0 6 * * *",
      cronTimezone: "Europe/Paris",
      active: true,
      connection: secret({ url: "https://gitlab.beluga.internal", token: "admin-token" }),
    });
    for (const urn of [scheduleUrn, variableUrn]) expect(urn).toMatch(/^urn:pulumi:prod::test::beluga:gitlab:DriftSchedule\$/);
  });

  it("sets BELUGA_SCHEDULE=drift on the schedule, the value the drift jobs' rule requires", async () => {
    const [, scheduleUrn] = await registered;
    expect(inputsOf("beluga-drift-schedule-BELUGA_SCHEDULE")).toMatchObject({
      project: "beluga/apps",
      key: "BELUGA_SCHEDULE",
      value: "drift",
      variableType: "env_var",
    });
    // The schedule id is the schedule's output: the variable waits for it.
    expect(dependencies.get("beluga-drift-schedule-BELUGA_SCHEDULE")).toContain(scheduleUrn);
    const scheduled = { CI_PIPELINE_SOURCE: "schedule", CI_COMMIT_BRANCH: "main", CI_DEFAULT_BRANCH: "main" };
    expect(evaluateCondition(onDriftSchedule, { ...scheduled, [SCHEDULE_VARIABLE]: DRIFT_SCHEDULE })).toBe(true);
    expect(evaluateCondition(onDriftSchedule, { ...scheduled, [SCHEDULE_VARIABLE]: "nightly" })).toBe(false);
  });

  it("takes another branch, cron and time zone", async () => {
    const weekly = new DriftSchedule("weekly-drift", {
      project: "beluga/apps",
      connection,
      defaultBranch: "trunk",
      cron: "0 7 * * 1",
      cronTimezone: "UTC",
    });
    await valueOf(weekly.schedule.urn);
    expect(inputsOf("weekly-drift-schedule")).toMatchObject({ ref: "refs/heads/trunk", cron: "0 7 * * 1", cronTimezone: "UTC" });
  });

  it("fails when the cron is not five fields and the time zone is unknown, reporting both", () => {
    const build = () => new DriftSchedule("bad-drift", { project: "beluga/apps", connection, cron: "every day", cronTimezone: "Paris" });
    expect(build).toThrow(DeclarationError);
    expect(build).toThrow(
      [
        'bad-drift: cron ("every day") is not a five-field cron expression; give minute hour day month weekday, e.g. "0 6 * * *" (every day at 06:00)',
        'bad-drift: cronTimezone ("Paris") is not an IANA time zone; give a zone name such as "Europe/Paris" or "UTC"',
      ].join("\n"),
    );
  });
});
