import { type DeployTokenInputs, deployTokenProvider, projectProvider } from "../../../../constructs/gitlab/io/project";
import { type GitlabApiDouble, gitlabApiDouble } from "./gitlab-api-double";

describe("deployTokenProvider (against the GitLab API double)", () => {
  let gitlab: GitlabApiDouble;
  let inputs: DeployTokenInputs;
  let projectId: number;
  beforeEach(async () => {
    gitlab = gitlabApiDouble("admin-token");
    const connection = { url: await gitlab.start(), token: "admin-token" };
    const project = await projectProvider.create({ connection, name: "sinistre", namespaceId: 42 });
    projectId = Number(project.id);
    inputs = {
      connection,
      project: project.id,
      name: "sinistre-registry",
      username: "sinistre-registry",
      scopes: ["read_registry", "write_registry"],
      expiresAt: "2027-01-31",
    };
  });
  afterEach(() => gitlab.stop());

  const stored = () => [...gitlab.project(projectId)!.deployTokens.values()];

  it("creates the registry token and keeps the secret GitLab shows once", async () => {
    const { id, outs } = await deployTokenProvider.create(inputs);
    expect(id).toBe(`${projectId}:${outs.deployTokenId}`);
    expect(stored()).toEqual([
      expect.objectContaining({
        name: "sinistre-registry",
        username: "sinistre-registry",
        scopes: ["read_registry", "write_registry"],
        revoked: false,
      }),
    ]);
    expect(outs).toMatchObject({ token: `gldt-double${outs.deployTokenId}`, expiresAt: "2027-01-31" });
  });

  it("reissues the token for any change but the connection, which changes in place", async () => {
    const { id, outs } = await deployTokenProvider.create(inputs);
    expect(await deployTokenProvider.diff(id, outs, { ...inputs, scopes: ["read_registry"] })).toMatchObject({ replaces: ["scopes"] });
    const rotated = { ...inputs, connection: { ...inputs.connection, token: "rotated-admin-token" } };
    expect(await deployTokenProvider.diff(id, outs, rotated)).toMatchObject({ changes: true, replaces: [] });
    expect((await deployTokenProvider.update(id, outs, rotated)).outs).toEqual({ ...outs, connection: rotated.connection });
  });

  it("reads a token revoked in the UI as gone, and revokes it on delete", async () => {
    const { id, outs } = await deployTokenProvider.create(inputs);
    expect((await deployTokenProvider.read(id, outs)).props).toMatchObject({ token: outs.token, username: "sinistre-registry" });
    await deployTokenProvider.delete(id, outs);
    expect(stored()[0].revoked).toBe(true);
    expect(await deployTokenProvider.read(id, outs)).toEqual({ id: "", props: {} });
  });

  it("fails when a scope is not a deploy-token scope", async () => {
    await expect(deployTokenProvider.create({ ...inputs, scopes: ["api" as never] })).rejects.toThrow(
      `Could not create deploy token "sinistre-registry" in project ${projectId} on ${inputs.connection.url}: GitLab answered 400 (scopes does not have a valid value); GitLab refused the values; correct them in the declaration.`,
    );
  });
});
