import * as pulumi from "@pulumi/pulumi";
import { type ProjectInputs, projectProvider } from "../../../../constructs/gitlab/io/project";
import { type GitlabApiDouble, gitlabApiDouble } from "./gitlab-api-double";

describe("projectProvider (against the GitLab API double)", () => {
  let gitlab: GitlabApiDouble;
  let inputs: ProjectInputs;
  beforeEach(async () => {
    gitlab = gitlabApiDouble("admin-token");
    const url = await gitlab.start();
    inputs = {
      connection: { url, token: "admin-token" },
      name: "souscription",
      path: "souscription",
      namespaceId: 42,
      defaultBranch: "main",
      onlyAllowMergeIfPipelineSucceeds: true,
      onlyAllowMergeIfAllDiscussionsAreResolved: true,
      squashOption: "default_on",
      removeSourceBranchAfterMerge: true,
      mergeMethod: "merge",
    };
  });
  afterEach(() => gitlab.stop());

  it("creates the project with the merge settings, and reports where it lives", async () => {
    const { id, outs } = await projectProvider.create(inputs);
    const stored = gitlab.project(Number(id))!;
    expect(stored).toMatchObject({
      path_with_namespace: "beluga/souscription",
      only_allow_merge_if_pipeline_succeeds: true,
      only_allow_merge_if_all_discussions_are_resolved: true,
      squash_option: "default_on",
      remove_source_branch_after_merge: true,
      merge_method: "merge",
    });
    expect(outs).toMatchObject({
      pathWithNamespace: "beluga/souscription",
      webUrl: "https://gitlab.double/beluga/souscription",
      squashOption: "default_on",
      namespaceId: 42,
    });
    expect(outs.connection).toEqual(inputs.connection);
    expect(gitlab.unhandled).toEqual([]);
  });

  it("updates editable settings in place", async () => {
    const { id, outs } = await projectProvider.create(inputs);
    const news = { ...inputs, squashOption: "always" as const, mergeMethod: "ff" as const };
    expect(await projectProvider.diff(id, outs, news)).toMatchObject({ changes: true, replaces: [] });
    const updated = await projectProvider.update(id, outs, news);
    expect(gitlab.project(Number(id))).toMatchObject({ squash_option: "always", merge_method: "ff" });
    expect(updated.outs).toMatchObject({ squashOption: "always", mergeMethod: "ff" });
    expect(gitlab.calls).toContain(`PUT /api/v4/projects/${id}`);
  });

  it("reads the live settings, so a refresh shows a change made in the GitLab UI", async () => {
    const { id, outs } = await projectProvider.create(inputs);
    gitlab.project(Number(id))!.squash_option = "never";
    const read = await projectProvider.read(id, outs);
    expect(read).toMatchObject({ id, props: { squashOption: "never" } });
    expect(await projectProvider.diff(id, read.props as typeof outs, inputs)).toMatchObject({ changes: true, replaces: [] });
  });

  it("sets the CI config path on create, reads it back, and puts it back in place when changed in the UI", async () => {
    // Given a project whose pipelines come from the root pipeline of another project
    const root = { ...inputs, ciConfigPath: ".gitlab-ci.yml@beluga/platform" };
    const { id, outs } = await projectProvider.create(root);
    expect(gitlab.project(Number(id))!.ci_config_path).toBe(".gitlab-ci.yml@beluga/platform");
    expect(outs.ciConfigPath).toBe(".gitlab-ci.yml@beluga/platform");
    // When someone resets it to the project's own file in the UI, then a refresh sees it and the diff is an in-place update
    gitlab.project(Number(id))!.ci_config_path = "";
    const read = await projectProvider.read(id, outs);
    expect(read.props.ciConfigPath).toBe("");
    expect(await projectProvider.diff(id, read.props as typeof outs, root)).toMatchObject({ changes: true, replaces: [] });
    // When updated, then GitLab has the declared path again
    await projectProvider.update(id, read.props as typeof outs, root);
    expect(gitlab.project(Number(id))!.ci_config_path).toBe(".gitlab-ci.yml@beluga/platform");
  });

  it("leaves GitLab's CI config path alone when none is declared, reading its unset value as empty", async () => {
    const { id, outs } = await projectProvider.create(inputs);
    expect(gitlab.project(Number(id))!.ci_config_path).toBeNull();
    expect(outs.ciConfigPath).toBe("");
    expect(await projectProvider.diff(id, outs, inputs)).toMatchObject({ changes: false });
  });

  it("reads a project deleted out of band as gone", async () => {
    const { id, outs } = await projectProvider.create(inputs);
    gitlab.projects.delete(Number(id));
    expect(await projectProvider.read(id, outs)).toEqual({ id: "", props: {} });
  });

  it("replaces the project when its path or namespace changes, and sees no change when nothing does", async () => {
    const { id, outs } = await projectProvider.create(inputs);
    expect(await projectProvider.diff(id, outs, { ...inputs, path: "souscription-v2" })).toMatchObject({
      changes: true,
      replaces: ["path"],
    });
    expect(await projectProvider.diff(id, outs, { ...inputs, namespaceId: 43 })).toMatchObject({
      changes: true,
      replaces: ["namespaceId"],
    });
    expect(await projectProvider.diff(id, outs, inputs)).toMatchObject({ changes: false, replaces: [] });
  });

  it("leaves a setting the declaration does not give to GitLab", async () => {
    const { id, outs } = await projectProvider.create({ ...inputs, mergeMethod: undefined });
    expect(outs.mergeMethod).toBe("merge");
    expect(await projectProvider.diff(id, { ...outs, mergeMethod: "ff" }, { ...inputs, mergeMethod: undefined })).toMatchObject({
      changes: false,
    });
  });

  it("deletes the project, and deleting it again is not an error", async () => {
    const { id, outs } = await projectProvider.create(inputs);
    await projectProvider.delete(id, outs);
    expect(gitlab.project(Number(id))).toBeUndefined();
    await expect(projectProvider.delete(id, outs)).resolves.toBeUndefined();
  });

  it("fails when the token is rejected, naming the project and the fix", async () => {
    const wrong = { ...inputs, connection: { ...inputs.connection, token: "expired" } };
    await expect(projectProvider.create(wrong)).rejects.toThrow(
      `Could not create project "souscription" in namespace 42 on ${inputs.connection.url}: GitLab answered 401 (401 Unauthorized); the token was rejected; check the connection token (BELUGA_GITLAB_TOKEN) is valid and not expired.`,
    );
    expect(gitlab.projects.size).toBe(0);
  });

  it("fails when the path is already taken in the group", async () => {
    await projectProvider.create(inputs);
    await expect(projectProvider.create(inputs)).rejects.toThrow(
      /^Could not create project "souscription" in namespace 42 on .*: GitLab answered 400 \(.*has already been taken.*\); GitLab refused the values; correct them in the declaration\.$/,
    );
  });

  it("fails when GitLab cannot be reached, saying so rather than showing a stack", async () => {
    await gitlab.stop();
    await expect(projectProvider.read("7", { ...inputs, pathWithNamespace: "beluga/souscription", webUrl: "" })).rejects.toThrow(
      /^Could not read project 7 \("beluga\/souscription"\): GitLab at http:\/\/127\.0\.0\.1:\d+ did not answer \(.+\); check the URL and that the instance is reachable\.$/,
    );
    gitlab = gitlabApiDouble("admin-token");
    await gitlab.start();
  });
});

describe("projectProvider as the Pulumi engine runs it", () => {
  it("still creates and deletes the project once serialized and loaded back, as the dynamic provider host does", async () => {
    const gitlab = gitlabApiDouble("admin-token");
    const url = await gitlab.start();
    try {
      // Given the provider serialized the way pulumi.dynamic.Resource serializes it
      const { text } = await pulumi.runtime.serializeFunction(() => projectProvider, { allowSecrets: true });
      const module = { exports: {} as { handler: () => typeof projectProvider } };
      new Function("module", "exports", "require", text)(module, module.exports, require);
      const loaded = module.exports.handler();
      // When it runs create and delete
      const inputs = { connection: { url, token: "admin-token" }, name: "sinistre", path: "sinistre", namespaceId: 42 };
      const { id, outs } = await loaded.create(inputs);
      expect(gitlab.project(Number(id))?.path_with_namespace).toBe("beluga/sinistre");
      await loaded.delete(id, outs);
      // Then GitLab saw it, and the closure did not drag the client library along
      expect(gitlab.projects.size).toBe(0);
      expect(text.length).toBeLessThan(20_000);
    } finally {
      await gitlab.stop();
    }
  });
});
