import {
  type ProjectProtectedEnvironmentInputs,
  projectProtectedEnvironmentProvider,
  projectProvider,
} from "../../../../constructs/gitlab/io/project";
import { type GitlabApiDouble, gitlabApiDouble } from "./gitlab-api-double";

describe("projectProtectedEnvironmentProvider (against the GitLab API double)", () => {
  let gitlab: GitlabApiDouble;
  let inputs: ProjectProtectedEnvironmentInputs;
  let projectId: number;
  beforeEach(async () => {
    gitlab = gitlabApiDouble("admin-token");
    const connection = { url: await gitlab.start(), token: "admin-token" };
    const project = await projectProvider.create({ connection, name: "sinistre", namespaceId: 42 });
    projectId = Number(project.id);
    inputs = {
      connection,
      project: project.id,
      environment: "prod",
      deployAccessLevels: [{ accessLevel: "maintainer" }],
      requiredApprovalCount: 2,
    };
  });
  afterEach(() => gitlab.stop());

  const stored = () => gitlab.project(projectId)!.protectedEnvironments.get("prod");

  it("protects the environment for maintainers with the required approvals", async () => {
    const { id, outs } = await projectProtectedEnvironmentProvider.create(inputs);
    expect(id).toBe(`${projectId}:prod`);
    expect(stored()).toMatchObject({ deploy_access_levels: [{ access_level: 40 }], required_approval_count: 2 });
    expect(outs).toMatchObject({ deployAccessLevels: [{ accessLevel: "maintainer" }], requiredApprovalCount: 2 });
  });

  it("changes the approval count in place, and re-protects when who may deploy changes", async () => {
    const { id, outs } = await projectProtectedEnvironmentProvider.create(inputs);
    const one = { ...inputs, requiredApprovalCount: 1 };
    expect(await projectProtectedEnvironmentProvider.diff(id, outs, one)).toMatchObject({ changes: true, replaces: [] });
    await projectProtectedEnvironmentProvider.update(id, outs, one);
    expect(stored()!.required_approval_count).toBe(1);
    expect(
      await projectProtectedEnvironmentProvider.diff(id, outs, { ...inputs, deployAccessLevels: [{ accessLevel: "developer" }] }),
    ).toMatchObject({ replaces: ["deployAccessLevels"], deleteBeforeReplace: true });
  });

  it("reads approvals lowered in the UI, and unprotects on delete", async () => {
    const { id, outs } = await projectProtectedEnvironmentProvider.create(inputs);
    stored()!.required_approval_count = 0;
    expect((await projectProtectedEnvironmentProvider.read(id, outs)).props).toMatchObject({ requiredApprovalCount: 0 });
    await projectProtectedEnvironmentProvider.delete(id, outs);
    expect(stored()).toBeUndefined();
    expect(await projectProtectedEnvironmentProvider.read(id, outs)).toEqual({ id: "", props: {} });
  });

  it("fails when a deploy access level is not one GitLab allows for environments", async () => {
    await expect(
      projectProtectedEnvironmentProvider.create({ ...inputs, deployAccessLevels: [{ accessLevel: "reporter" }] }),
    ).rejects.toThrow(
      `Could not protect environment "prod" of project ${projectId} on ${inputs.connection.url}: GitLab answered 400 ({"deploy_access_levels":["is invalid"]}); GitLab refused the values; correct them in the declaration.`,
    );
  });
});
