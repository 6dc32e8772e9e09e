import { type ProjectVariableInputs, projectProvider, projectVariableProvider } from "../../../../constructs/gitlab/io/project";
import { type GitlabApiDouble, gitlabApiDouble } from "./gitlab-api-double";

describe("projectVariableProvider (against the GitLab API double)", () => {
  let gitlab: GitlabApiDouble;
  let inputs: ProjectVariableInputs;
  let projectId: number;
  beforeEach(async () => {
    gitlab = gitlabApiDouble("admin-token");
    const connection = { url: await gitlab.start(), token: "admin-token" };
    const project = await projectProvider.create({ connection, name: "sinistre", namespaceId: 42 });
    projectId = Number(project.id);
    inputs = { connection, project: project.id, key: "SONAR_TOKEN", value: "sqa_0123456789abcdef", masked: true, protected: true };
  });
  afterEach(() => gitlab.stop());

  const stored = () => gitlab.project(projectId)!.variables;

  it("creates a masked, protected variable in the all-environments scope", async () => {
    const { id, outs } = await projectVariableProvider.create(inputs);
    expect(id).toBe(`${projectId}:SONAR_TOKEN:*`);
    expect(stored()).toEqual([
      expect.objectContaining({
        key: "SONAR_TOKEN",
        value: "sqa_0123456789abcdef",
        masked: true,
        protected: true,
        environment_scope: "*",
        variable_type: "env_var",
      }),
    ]);
    expect(outs).toMatchObject({ value: "sqa_0123456789abcdef", masked: true, protected: true, environmentScope: "*" });
  });

  it("rotates the value in place, and replaces the variable when its key changes", async () => {
    const { id, outs } = await projectVariableProvider.create(inputs);
    const rotated = { ...inputs, value: "sqa_fedcba9876543210" };
    expect(await projectVariableProvider.diff(id, outs, rotated)).toMatchObject({ changes: true, replaces: [] });
    await projectVariableProvider.update(id, outs, rotated);
    expect(stored()[0].value).toBe("sqa_fedcba9876543210");
    expect(await projectVariableProvider.diff(id, outs, { ...inputs, key: "SONAR_LOGIN" })).toMatchObject({
      changes: true,
      replaces: ["key"],
      deleteBeforeReplace: true,
    });
  });

  it("targets its own scope when the same key exists for another environment", async () => {
    const { id, outs } = await projectVariableProvider.create(inputs);
    await projectVariableProvider.create({ ...inputs, environmentScope: "prod", value: "sqa_prodprodprodprod" });
    await projectVariableProvider.update(id, outs, { ...inputs, value: "sqa_allallallallall1" });
    expect(stored().map((v) => `${v.environment_scope}=${v.value}`)).toEqual(["*=sqa_allallallallall1", "prod=sqa_prodprodprodprod"]);
    await projectVariableProvider.delete(id, outs);
    expect(stored().map((v) => v.environment_scope)).toEqual(["prod"]);
  });

  it("reads a value and flags changed out of band, so a refresh shows the drift", async () => {
    const { id, outs } = await projectVariableProvider.create(inputs);
    Object.assign(stored()[0], { value: "changed-in-the-ui", protected: false });
    const read = await projectVariableProvider.read(id, outs);
    expect(read.props).toMatchObject({ value: "changed-in-the-ui", protected: false });
    expect(await projectVariableProvider.diff(id, read.props as typeof outs, inputs)).toMatchObject({ changes: true, replaces: [] });
    stored().length = 0;
    expect(await projectVariableProvider.read(id, outs)).toEqual({ id: "", props: {} });
  });

  it("fails when a masked value cannot be masked, naming the variable", async () => {
    await expect(projectVariableProvider.create({ ...inputs, value: "short" })).rejects.toThrow(
      `Could not create CI/CD variable SONAR_TOKEN (scope *) in project ${projectId} on ${inputs.connection.url}: GitLab answered 400 ({"value":["is invalid"]}); GitLab refused the values; correct them in the declaration.`,
    );
    expect(stored()).toEqual([]);
  });

  it("fails when the token is rejected", async () => {
    await expect(projectVariableProvider.create({ ...inputs, connection: { ...inputs.connection, token: "nope" } })).rejects.toThrow(
      /GitLab answered 401 \(401 Unauthorized\); the token was rejected/,
    );
  });
});
