import { type ProjectFreezePeriodInputs, projectFreezePeriodProvider, projectProvider } from "../../../../constructs/gitlab/io/project";
import { type GitlabApiDouble, gitlabApiDouble } from "./gitlab-api-double";

describe("projectFreezePeriodProvider (against the GitLab API double)", () => {
  let gitlab: GitlabApiDouble;
  let inputs: ProjectFreezePeriodInputs;
  let projectId: number;
  beforeEach(async () => {
    gitlab = gitlabApiDouble("admin-token");
    const connection = { url: await gitlab.start(), token: "admin-token" };
    const project = await projectProvider.create({ connection, name: "gestion-contrats", namespaceId: 42 });
    projectId = Number(project.id);
    inputs = { connection, project: project.id, freezeStart: "0 0 1 5 *", freezeEnd: "0 0 1 10 *", cronTimezone: "Europe/Paris" };
  });
  afterEach(() => gitlab.stop());

  const stored = () => [...gitlab.project(projectId)!.freezePeriods.values()];

  it("creates the freeze in Europe/Paris, and moves it in place", async () => {
    const { id, outs } = await projectFreezePeriodProvider.create(inputs);
    expect(id).toBe(`${projectId}:${outs.freezePeriodId}`);
    expect(stored()).toEqual([
      expect.objectContaining({ freeze_start: "0 0 1 5 *", freeze_end: "0 0 1 10 *", cron_timezone: "Europe/Paris" }),
    ]);
    const later = { ...inputs, freezeStart: "0 0 16 5 *" };
    expect(await projectFreezePeriodProvider.diff(id, outs, later)).toMatchObject({ changes: true, replaces: [] });
    await projectFreezePeriodProvider.update(id, outs, later);
    expect(stored()[0].freeze_start).toBe("0 0 16 5 *");
    expect(await projectFreezePeriodProvider.diff(id, outs, { ...inputs, project: "99" })).toMatchObject({ replaces: ["project"] });
  });

  it("reads a freeze shortened in the UI, and deletes it", async () => {
    const { id, outs } = await projectFreezePeriodProvider.create(inputs);
    stored()[0].freeze_end = "0 0 1 6 *";
    expect((await projectFreezePeriodProvider.read(id, outs)).props).toMatchObject({ freezeEnd: "0 0 1 6 *" });
    await projectFreezePeriodProvider.delete(id, outs);
    expect(stored()).toEqual([]);
  });

  it("fails when a cron is not five fields", async () => {
    await expect(projectFreezePeriodProvider.create({ ...inputs, freezeStart: "05-01" })).rejects.toThrow(
      `Could not create the freeze period 05-01 → 0 0 1 10 * in project ${projectId} on ${inputs.connection.url}: GitLab answered 400 ({"freeze_start":[" is invalid syntax"]}); GitLab refused the values; correct them in the declaration.`,
    );
  });
});
