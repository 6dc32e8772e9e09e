import {
  branchProtectionProvider,
  deployTokenProvider,
  projectAccessTokenProvider,
  projectEnvironmentProvider,
  projectFreezePeriodProvider,
  projectProtectedEnvironmentProvider,
  projectProvider,
  projectVariableProvider,
  type ProjectOutputs,
} from "../../../../constructs/gitlab/io/project";

/**
 * Opt-in: the same providers against a real GitLab, to check what gitlab-api-double.ts only assumes.
 * Needs BELUGA_GITLAB_URL, BELUGA_GITLAB_TOKEN (api scope, Maintainer or Owner of the group) and
 * BELUGA_GITLAB_NAMESPACE_ID (the group's id). BELUGA_GITLAB_PREMIUM=1 adds the protected environment
 * (a Premium feature). Creates a throwaway project `beluga-opt-in-<timestamp>` and deletes it at the end
 * (on Premium the deletion may be delayed by the group's retention setting).
 */
const url = process.env.BELUGA_GITLAB_URL;
const token = process.env.BELUGA_GITLAB_TOKEN;
const namespaceId = Number(process.env.BELUGA_GITLAB_NAMESPACE_ID);
const premium = process.env.BELUGA_GITLAB_PREMIUM === "1";

(url && token && namespaceId ? describe : describe.skip)("GitLab project providers against a real GitLab (opt-in)", () => {
  const connection = { url: url!, token: token! };
  const path = `beluga-opt-in-${Date.now()}`;
  let project: { id: string; outs: ProjectOutputs } | undefined;
  jest.setTimeout(120_000);

  afterAll(async () => {
    if (project) await projectProvider.delete(project.id, project.outs);
  });

  it("creates, reads and updates a throwaway project", async () => {
    project = await projectProvider.create({
      connection,
      name: path,
      path,
      namespaceId,
      defaultBranch: "main",
      initializeWithReadme: true,
      visibilityLevel: "private",
      onlyAllowMergeIfPipelineSucceeds: true,
      onlyAllowMergeIfAllDiscussionsAreResolved: true,
      squashOption: "default_on",
      removeSourceBranchAfterMerge: true,
      mergeMethod: "merge",
    });
    expect(project.outs).toMatchObject({ path, namespaceId, squashOption: "default_on", onlyAllowMergeIfPipelineSucceeds: true });
    const updated = await projectProvider.update(project.id, project.outs, { ...project.outs, squashOption: "always" });
    expect((await projectProvider.read(project.id, updated.outs)).props).toMatchObject({ squashOption: "always" });
  });

  it("takes over the default branch protection, then loosens and removes it", async () => {
    const inputs = {
      connection,
      project: project!.id,
      branch: "main",
      pushAccessLevel: "no one" as const,
      mergeAccessLevel: "maintainer" as const,
      allowForcePush: false,
    };
    const { id, outs } = await branchProtectionProvider.create(inputs);
    expect(outs).toMatchObject({ pushAccessLevel: "no one", mergeAccessLevel: "maintainer", allowForcePush: false });
    await branchProtectionProvider.update(id, outs, { ...inputs, allowForcePush: true });
    expect((await branchProtectionProvider.read(id, outs)).props).toMatchObject({ allowForcePush: true });
    await branchProtectionProvider.delete(id, outs);
    expect(await branchProtectionProvider.read(id, outs)).toEqual({ id: "", props: {} });
  });

  it("creates, retiers, stops and deletes an environment", async () => {
    const { id, outs } = await projectEnvironmentProvider.create({ connection, project: project!.id, name: "prod", tier: "production" });
    await projectEnvironmentProvider.update(id, outs, { connection, project: project!.id, name: "prod", tier: "staging" });
    expect((await projectEnvironmentProvider.read(id, outs)).props).toMatchObject({ tier: "staging" });
    if (premium) {
      const protection = await projectProtectedEnvironmentProvider.create({
        connection,
        project: project!.id,
        environment: "prod",
        deployAccessLevels: [{ accessLevel: "maintainer" }],
        requiredApprovalCount: 1,
      });
      expect(protection.outs).toMatchObject({ deployAccessLevels: [{ accessLevel: "maintainer" }], requiredApprovalCount: 1 });
      await projectProtectedEnvironmentProvider.delete(protection.id, protection.outs);
    }
    await projectEnvironmentProvider.delete(id, outs);
    expect(await projectEnvironmentProvider.read(id, outs)).toEqual({ id: "", props: {} });
  });

  it("creates, moves and deletes a freeze period in Europe/Paris", async () => {
    const inputs = { connection, project: project!.id, freezeStart: "0 0 1 5 *", freezeEnd: "0 0 1 10 *", cronTimezone: "Europe/Paris" };
    const { id, outs } = await projectFreezePeriodProvider.create(inputs);
    await projectFreezePeriodProvider.update(id, outs, { ...inputs, freezeEnd: "0 0 1 9 *" });
    expect((await projectFreezePeriodProvider.read(id, outs)).props).toMatchObject({
      freezeEnd: "0 0 1 9 *",
      cronTimezone: "Europe/Paris",
    });
    await projectFreezePeriodProvider.delete(id, outs);
  });

  it("creates, rotates and deletes a masked protected variable", async () => {
    const inputs = { connection, project: project!.id, key: "BELUGA_OPT_IN", value: "opt-in-0123456789", masked: true, protected: true };
    const { id, outs } = await projectVariableProvider.create(inputs);
    await projectVariableProvider.update(id, outs, { ...inputs, value: "opt-in-9876543210" });
    expect((await projectVariableProvider.read(id, outs)).props).toMatchObject({
      value: "opt-in-9876543210",
      masked: true,
      protected: true,
      environmentScope: "*",
    });
    await projectVariableProvider.delete(id, outs);
    expect(await projectVariableProvider.read(id, outs)).toEqual({ id: "", props: {} });
  });

  it("issues and revokes a registry deploy token and a reporter project access token", async () => {
    const deploy = await deployTokenProvider.create({
      connection,
      project: project!.id,
      name: `${path}-registry`,
      scopes: ["read_registry", "write_registry"],
    });
    expect(deploy.outs.token).toEqual(expect.any(String));
    await deployTokenProvider.delete(deploy.id, deploy.outs);
    expect(await deployTokenProvider.read(deploy.id, deploy.outs)).toEqual({ id: "", props: {} });
    const bot = await projectAccessTokenProvider.create({
      connection,
      project: project!.id,
      name: `${path}-mr-bot`,
      scopes: ["api"],
      accessLevel: "reporter",
    });
    expect(bot.outs).toMatchObject({ accessLevel: "reporter", token: expect.any(String) });
    await projectAccessTokenProvider.delete(bot.id, bot.outs);
    expect(await projectAccessTokenProvider.read(bot.id, bot.outs)).toEqual({ id: "", props: {} });
  });

  it("fails when the token is rejected, naming the project", async () => {
    await expect(
      projectProvider.read(project!.id, { ...project!.outs, connection: { url: url!, token: "glpat-not-a-real-token" } }),
    ).rejects.toThrow(/GitLab answered 401 .*the token was rejected/);
  });
});
