import { type ProjectEnvironmentInputs, projectEnvironmentProvider, projectProvider } from "../../../../constructs/gitlab/io/project";
import { type GitlabApiDouble, gitlabApiDouble } from "./gitlab-api-double";

describe("projectEnvironmentProvider (against the GitLab API double)", () => {
  let gitlab: GitlabApiDouble;
  let inputs: ProjectEnvironmentInputs;
  let projectId: number;
  beforeEach(async () => {
    gitlab = gitlabApiDouble("admin-token");
    const connection = { url: await gitlab.start(), token: "admin-token" };
    const project = await projectProvider.create({ connection, name: "sinistre", namespaceId: 42 });
    projectId = Number(project.id);
    inputs = { connection, project: project.id, name: "prod", tier: "production" };
  });
  afterEach(() => gitlab.stop());

  const stored = () => [...gitlab.project(projectId)!.environments.values()];

  it("creates the environment with its tier, updates the tier in place, and replaces it on rename", async () => {
    const { id, outs } = await projectEnvironmentProvider.create(inputs);
    expect(id).toBe(`${projectId}:${outs.environmentId}`);
    expect(stored()).toEqual([expect.objectContaining({ name: "prod", tier: "production", state: "available" })]);
    const staging = { ...inputs, tier: "staging" as const };
    expect(await projectEnvironmentProvider.diff(id, outs, staging)).toMatchObject({ changes: true, replaces: [] });
    await projectEnvironmentProvider.update(id, outs, staging);
    expect(stored()[0].tier).toBe("staging");
    expect(await projectEnvironmentProvider.diff(id, outs, { ...inputs, name: "production" })).toMatchObject({
      replaces: ["name"],
      deleteBeforeReplace: true,
    });
  });

  it("reads the live tier and external URL", async () => {
    const { id, outs } = await projectEnvironmentProvider.create(inputs);
    Object.assign(stored()[0], { tier: "other", external_url: "https://sinistre.apps.beluga.internal" });
    expect((await projectEnvironmentProvider.read(id, outs)).props).toMatchObject({
      tier: "other",
      externalUrl: "https://sinistre.apps.beluga.internal",
    });
  });

  it("stops the environment before deleting it, as GitLab requires", async () => {
    const { id, outs } = await projectEnvironmentProvider.create(inputs);
    await projectEnvironmentProvider.delete(id, outs);
    expect(stored()).toEqual([]);
    expect(gitlab.calls.slice(-2)).toEqual([
      `POST /api/v4/projects/${projectId}/environments/${outs.environmentId}/stop`,
      `DELETE /api/v4/projects/${projectId}/environments/${outs.environmentId}`,
    ]);
  });

  it("fails when the environment name is already taken", async () => {
    await projectEnvironmentProvider.create(inputs);
    await expect(projectEnvironmentProvider.create(inputs)).rejects.toThrow(
      `Could not create environment "prod" in project ${projectId} on ${inputs.connection.url}: GitLab answered 400 ({"name":["has already been taken"]}); GitLab refused the values; correct them in the declaration.`,
    );
  });

  it("fails when the token is rejected", async () => {
    await expect(projectEnvironmentProvider.create({ ...inputs, connection: { ...inputs.connection, token: "nope" } })).rejects.toThrow(
      /^Could not create environment "prod" in project \d+ on .*: GitLab answered 401/,
    );
  });
});
