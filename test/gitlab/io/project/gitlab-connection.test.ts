import { gitlabFailure, gitlabStatus, isGitlabNotFound, openGitlab } from "../../../../constructs/gitlab/io/project";
import { gitlabApiDouble } from "./gitlab-api-double";

describe("gitlab connection", () => {
  it("opens a @gitbeaker/rest client that authenticates with the token", async () => {
    const gitlab = gitlabApiDouble("admin-token");
    const url = await gitlab.start();
    try {
      const missing = await openGitlab({ url: `${url}/`, token: "admin-token" })
        .Projects.show(1)
        .catch((e: unknown) => e);
      expect(isGitlabNotFound(missing)).toBe(true);
      const refused = await openGitlab({ url, token: "other" })
        .Projects.show(1)
        .catch((e: unknown) => e);
      expect(gitlabStatus(refused)).toBe(401);
      expect(gitlab.calls).toEqual(["GET /api/v4/projects/1", "GET /api/v4/projects/1"]);
    } finally {
      await gitlab.stop();
    }
  });

  it("fails when the connection is missing, saying what to give", () => {
    expect(() => openGitlab(undefined as never)).toThrow(
      "GitLab connection is missing: give { url, token } (BELUGA_GITLAB_URL and BELUGA_GITLAB_TOKEN) as a Pulumi secret.",
    );
  });

  it("words each kind of refusal as what to do", () => {
    const refusal = (status: number, description: string) =>
      Object.assign(new Error(description), { cause: { description, response: { status } } });
    const at = { url: "https://gitlab.beluga.internal" };
    expect(gitlabFailure(refusal(403, "403 Forbidden"), 'protect environment "prod" of project 7', at).message).toBe(
      'Could not protect environment "prod" of project 7 on https://gitlab.beluga.internal: GitLab answered 403 (403 Forbidden); the token may not do this; it needs the api scope and Maintainer (or Owner) role on the group, and some settings need GitLab Premium.',
    );
    expect(gitlabFailure(refusal(500, "boom"), "read project 7", at).message).toBe(
      "Could not read project 7 on https://gitlab.beluga.internal: GitLab answered 500 (boom); retry later, and check the GitLab logs if it persists.",
    );
  });
});
