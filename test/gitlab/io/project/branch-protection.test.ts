import { type BranchProtectionInputs, branchProtectionProvider, projectProvider } from "../../../../constructs/gitlab/io/project";
import { type GitlabApiDouble, gitlabApiDouble } from "./gitlab-api-double";

describe("branchProtectionProvider (against the GitLab API double)", () => {
  let gitlab: GitlabApiDouble;
  let inputs: BranchProtectionInputs;
  let projectId: number;
  beforeEach(async () => {
    gitlab = gitlabApiDouble("admin-token");
    const connection = { url: await gitlab.start(), token: "admin-token" };
    // Given a project whose default branch GitLab protected on creation (README initialized)
    const project = await projectProvider.create({
      connection,
      name: "sinistre",
      path: "sinistre",
      namespaceId: 42,
      defaultBranch: "main",
      initializeWithReadme: true,
    });
    projectId = Number(project.id);
    inputs = {
      connection,
      project: project.id,
      branch: "main",
      pushAccessLevel: "no one",
      mergeAccessLevel: "maintainer",
      allowForcePush: false,
    };
  });
  afterEach(() => gitlab.stop());

  const stored = () => gitlab.project(projectId)!.protectedBranches.get("main")!;

  it("takes over GitLab's own protection of the default branch with the declared levels", async () => {
    expect(stored().push_access_levels[0].access_level).toBe(40);
    const { id, outs } = await branchProtectionProvider.create(inputs);
    expect(id).toBe(`${projectId}:main`);
    expect(stored()).toMatchObject({
      push_access_levels: [{ access_level: 0 }],
      merge_access_levels: [{ access_level: 40 }],
      allow_force_push: false,
    });
    expect(outs).toMatchObject({ pushAccessLevel: "no one", mergeAccessLevel: "maintainer", allowForcePush: false });
    expect(gitlab.calls.filter((c) => c.includes("protected_branches"))).toEqual([
      `POST /api/v4/projects/${projectId}/protected_branches`,
      `DELETE /api/v4/projects/${projectId}/protected_branches/main`,
      `POST /api/v4/projects/${projectId}/protected_branches`,
    ]);
  });

  it("allows force push in place, and re-protects when an access level changes", async () => {
    const { id, outs } = await branchProtectionProvider.create(inputs);
    const forcePush = { ...inputs, allowForcePush: true };
    expect(await branchProtectionProvider.diff(id, outs, forcePush)).toMatchObject({ changes: true, replaces: [] });
    await branchProtectionProvider.update(id, outs, forcePush);
    expect(stored().allow_force_push).toBe(true);
    expect(await branchProtectionProvider.diff(id, outs, { ...inputs, pushAccessLevel: "developer" })).toMatchObject({
      changes: true,
      replaces: ["pushAccessLevel"],
      deleteBeforeReplace: true,
    });
  });

  it("reads the live levels, so a refresh shows a protection loosened in the UI", async () => {
    const { id, outs } = await branchProtectionProvider.create(inputs);
    stored().allow_force_push = true;
    expect((await branchProtectionProvider.read(id, outs)).props).toMatchObject({ allowForcePush: true, pushAccessLevel: "no one" });
    gitlab.project(projectId)!.protectedBranches.delete("main");
    expect(await branchProtectionProvider.read(id, outs)).toEqual({ id: "", props: {} });
  });

  it("unprotects the branch on delete", async () => {
    const { id, outs } = await branchProtectionProvider.create(inputs);
    await branchProtectionProvider.delete(id, outs);
    expect(gitlab.project(projectId)!.protectedBranches.size).toBe(0);
  });

  it("fails when the token is rejected, naming the branch and the project", async () => {
    await expect(branchProtectionProvider.create({ ...inputs, connection: { ...inputs.connection, token: "nope" } })).rejects.toThrow(
      `Could not protect branch "main" of project ${projectId} on ${inputs.connection.url}: GitLab answered 401 (401 Unauthorized); the token was rejected;`,
    );
  });
});
