import {
  type PipelineScheduleInputs,
  type PipelineScheduleOutputs,
  pipelineScheduleProvider,
  pipelineScheduleVariableProvider,
  projectProvider,
} from "../../../../constructs/gitlab/io/project";
import { type GitlabApiDouble, gitlabApiDouble } from "./gitlab-api-double";

describe("pipelineScheduleProvider and pipelineScheduleVariableProvider (against the GitLab API double)", () => {
  let gitlab: GitlabApiDouble;
  let inputs: PipelineScheduleInputs;
  let projectId: number;
  beforeEach(async () => {
    gitlab = gitlabApiDouble("admin-token");
    const connection = { url: await gitlab.start(), token: "admin-token" };
    const project = await projectProvider.create({ connection, name: "apps", namespaceId: 42 });
    projectId = Number(project.id);
    inputs = {
      connection,
      project: project.id,
      description: "Beluga drift",
      ref: "refs/heads/main",
      cron: "0 6 * * *",
      cronTimezone: "Europe/Paris",
      active: true,
    };
  });
  afterEach(() => gitlab.stop());

  const stored = () => [...gitlab.project(projectId)!.pipelineSchedules.values()];
  const withVariable = async (): Promise<{ schedule: PipelineScheduleOutputs; id: string }> => {
    const { outs: schedule } = await pipelineScheduleProvider.create(inputs);
    const { id } = await pipelineScheduleVariableProvider.create({
      connection: inputs.connection,
      project: inputs.project,
      pipelineScheduleId: schedule.pipelineScheduleId,
      key: "BELUGA_SCHEDULE",
      value: "drift",
    });
    return { schedule, id };
  };

  it("creates the schedule daily at 06:00 Europe/Paris on main, owned by the token's user, and moves it in place", async () => {
    const { id, outs } = await pipelineScheduleProvider.create(inputs);
    expect(id).toBe(`${projectId}:${outs.pipelineScheduleId}`);
    expect(outs.owner).toBe("root");
    expect(stored()).toEqual([
      expect.objectContaining({
        description: "Beluga drift",
        ref: "refs/heads/main",
        cron: "0 6 * * *",
        cron_timezone: "Europe/Paris",
        active: true,
      }),
    ]);
    const later = { ...inputs, cron: "30 5 * * 1-5" };
    expect(await pipelineScheduleProvider.diff(id, outs, later)).toMatchObject({ changes: true, replaces: [] });
    await pipelineScheduleProvider.update(id, outs, later);
    expect(stored()[0].cron).toBe("30 5 * * 1-5");
    expect(await pipelineScheduleProvider.diff(id, outs, { ...inputs, project: "99" })).toMatchObject({ replaces: ["project"] });
    expect(await pipelineScheduleProvider.diff(id, outs, inputs)).toMatchObject({ changes: false });
  });

  it("reads a schedule paused in the UI, and deletes it", async () => {
    const { id, outs } = await pipelineScheduleProvider.create(inputs);
    stored()[0].active = false;
    const read = await pipelineScheduleProvider.read(id, outs);
    expect(read.props).toMatchObject({ active: false });
    expect(await pipelineScheduleProvider.diff(id, read.props as PipelineScheduleOutputs, inputs)).toMatchObject({ changes: true });
    await pipelineScheduleProvider.delete(id, outs);
    expect(stored()).toEqual([]);
    expect((await pipelineScheduleProvider.read(id, outs)).id).toBe("");
  });

  it("fails when the cron is not five fields", async () => {
    await expect(pipelineScheduleProvider.create({ ...inputs, cron: "daily" })).rejects.toThrow(
      `Could not create the pipeline schedule "Beluga drift" (daily on refs/heads/main) in project ${projectId} on ${inputs.connection.url}: GitLab answered 400 ({"cron":[" is invalid syntax"]}); GitLab refused the values; correct them in the declaration.`,
    );
  });

  it("gives the schedule its variable, reads it from the schedule, changes its value in place and deletes it", async () => {
    const { schedule, id } = await withVariable();
    expect(id).toBe(`${projectId}:${schedule.pipelineScheduleId}:BELUGA_SCHEDULE`);
    expect(stored()[0].variables).toEqual([{ key: "BELUGA_SCHEDULE", value: "drift", variable_type: "env_var" }]);
    const props = {
      connection: inputs.connection,
      project: inputs.project,
      pipelineScheduleId: schedule.pipelineScheduleId,
      key: "BELUGA_SCHEDULE",
      value: "drift",
      variableType: "env_var" as const,
    };
    stored()[0].variables[0].value = "nightly";
    expect((await pipelineScheduleVariableProvider.read(id, props)).props).toMatchObject({ value: "nightly" });
    expect(await pipelineScheduleVariableProvider.diff(id, { ...props, value: "nightly" }, props)).toMatchObject({
      changes: true,
      replaces: [],
    });
    await pipelineScheduleVariableProvider.update(id, { ...props, value: "nightly" }, props);
    expect(stored()[0].variables[0].value).toBe("drift");
    expect(await pipelineScheduleVariableProvider.diff(id, props, { ...props, key: "OTHER" })).toMatchObject({
      replaces: ["key"],
      deleteBeforeReplace: true,
    });
    await pipelineScheduleVariableProvider.delete(id, props);
    expect(stored()[0].variables).toEqual([]);
    expect((await pipelineScheduleVariableProvider.read(id, props)).id).toBe("");
    expect(gitlab.unhandled).toEqual([]);
  });

  it("fails when the schedule already has the variable", async () => {
    const { schedule } = await withVariable();
    await expect(
      pipelineScheduleVariableProvider.create({
        connection: inputs.connection,
        project: inputs.project,
        pipelineScheduleId: schedule.pipelineScheduleId,
        key: "BELUGA_SCHEDULE",
        value: "drift",
      }),
    ).rejects.toThrow(
      `Could not create variable BELUGA_SCHEDULE of pipeline schedule ${schedule.pipelineScheduleId} in project ${projectId} on ${inputs.connection.url}: GitLab answered 400 ({"key":["has already been taken"]}); GitLab refused the values; correct them in the declaration.`,
    );
  });
});
