import { type ProjectAccessTokenInputs, projectAccessTokenProvider, projectProvider } from "../../../../constructs/gitlab/io/project";
import { type GitlabApiDouble, gitlabApiDouble } from "./gitlab-api-double";

describe("projectAccessTokenProvider (against the GitLab API double)", () => {
  let gitlab: GitlabApiDouble;
  let inputs: ProjectAccessTokenInputs;
  let projectId: number;
  beforeEach(async () => {
    gitlab = gitlabApiDouble("admin-token");
    const connection = { url: await gitlab.start(), token: "admin-token" };
    const project = await projectProvider.create({ connection, name: "sinistre", namespaceId: 42 });
    projectId = Number(project.id);
    inputs = { connection, project: project.id, name: "sinistre-mr-bot", scopes: ["api"], accessLevel: "reporter" };
  });
  afterEach(() => gitlab.stop());

  const stored = () => [...gitlab.project(projectId)!.accessTokens.values()];

  it("creates the MR-bot token as a reporter with GitLab's default lifetime when no expiry is given", async () => {
    const { id, outs } = await projectAccessTokenProvider.create(inputs);
    expect(id).toBe(`${projectId}:${outs.tokenId}`);
    expect(stored()).toEqual([
      expect.objectContaining({
        name: "sinistre-mr-bot",
        scopes: ["api"],
        access_level: 20,
        active: true,
        expires_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      }),
    ]);
    expect(outs).toMatchObject({ token: `glpat-double${outs.tokenId}`, accessLevel: "reporter", userId: expect.any(Number) });
    expect(outs.expiresAt).toBeUndefined();
  });

  it("reissues the token when its role changes, and keeps it when only the expiry it never had stays unset", async () => {
    const { id, outs } = await projectAccessTokenProvider.create(inputs);
    expect(await projectAccessTokenProvider.diff(id, outs, { ...inputs, accessLevel: "developer" })).toMatchObject({
      replaces: ["accessLevel"],
    });
    expect(await projectAccessTokenProvider.diff(id, outs, inputs)).toMatchObject({ changes: false });
  });

  it("reads a token that expired or was revoked as gone, and revokes it on delete", async () => {
    const { id, outs } = await projectAccessTokenProvider.create(inputs);
    expect((await projectAccessTokenProvider.read(id, outs)).props).toMatchObject({ token: outs.token, accessLevel: "reporter" });
    stored()[0].active = false;
    expect(await projectAccessTokenProvider.read(id, outs)).toEqual({ id: "", props: {} });
    await projectAccessTokenProvider.delete(id, outs);
    expect(stored()[0].revoked).toBe(true);
  });

  it("fails when the token is rejected, naming the bot token and the project", async () => {
    await expect(projectAccessTokenProvider.create({ ...inputs, connection: { ...inputs.connection, token: "nope" } })).rejects.toThrow(
      `Could not create project access token "sinistre-mr-bot" in project ${projectId} on ${inputs.connection.url}: GitLab answered 401 (401 Unauthorized); the token was rejected; check the connection token (BELUGA_GITLAB_TOKEN) is valid and not expired.`,
    );
  });
});
