import type { Gitlab } from "@gitbeaker/rest";
import type * as pulumi from "@pulumi/pulumi";

/**
 * Which GitLab instance the project resources talk to, and as whom. Always handed to resources as a
 * Pulumi secret, so the token is stored encrypted in the stack state.
 */
export interface GitlabConnection {
  /** Instance URL, e.g. `https://gitlab.beluga.internal` (no `/api/v4`). */
  readonly url: string;
  /** A token allowed to administer projects of the group (Maintainer or Owner, `api` scope). */
  readonly token: string;
}

/** A connection as programs give it: the token usually comes from `config.requireSecret`. */
export type GitlabConnectionInput = pulumi.Input<{ readonly url: pulumi.Input<string>; readonly token: pulumi.Input<string> }>;

/** The @gitbeaker/rest client. */
export type GitlabApi = InstanceType<typeof Gitlab>;

/**
 * Opens a @gitbeaker/rest client on the connection. The module is required here, not imported at the
 * top: dynamic providers are serialized with their closure, and capturing the whole client library
 * (or, under Jest, a module missing from Node's require cache) would bloat or break serialization.
 */
export function openGitlab(connection: GitlabConnection): GitlabApi {
  if (!connection || typeof connection.url !== "string" || typeof connection.token !== "string") {
    throw new Error("GitLab connection is missing: give { url, token } (BELUGA_GITLAB_URL and BELUGA_GITLAB_TOKEN) as a Pulumi secret.");
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rest = require("@gitbeaker/rest") as typeof import("@gitbeaker/rest");
  return new rest.Gitlab({ host: connection.url.replace(/\/+$/, ""), token: connection.token });
}

/** HTTP status of a failed @gitbeaker call, if GitLab answered. */
export function gitlabStatus(error: unknown): number | undefined {
  const response = (error as { cause?: { response?: { status?: number } } })?.cause?.response;
  return typeof response?.status === "number" ? response.status : undefined;
}

/** True when GitLab answered 404: the resource (or its project) is gone. */
export function isGitlabNotFound(error: unknown): boolean {
  return gitlabStatus(error) === 404;
}

/**
 * Turns a failed call into a sentence naming what was attempted, what GitLab said and what to do, so
 * `pulumi up` shows a message rather than a gitbeaker stack. `action` reads like
 * `create project "souscription"`.
 */
export function gitlabFailure(error: unknown, action: string, connection: Pick<GitlabConnection, "url">): Error {
  const status = gitlabStatus(error);
  const said = (error as { cause?: { description?: string } })?.cause?.description ?? (error as Error)?.message ?? String(error);
  const where = connection?.url ?? "GitLab";
  if (status === undefined) {
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
    return new Error(
      `Could not ${action}: GitLab at ${where} did not answer (${cause?.code ?? cause?.message ?? said}); check the URL and that the instance is reachable.`,
    );
  }
  const fix: Record<number, string> = {
    401: "the token was rejected; check the connection token (BELUGA_GITLAB_TOKEN) is valid and not expired",
    403: "the token may not do this; it needs the api scope and Maintainer (or Owner) role on the group, and some settings need GitLab Premium",
    404: "the project or resource does not exist, or the token cannot see it; check the namespace id and the project",
    409: "it already exists; import it into the stack or remove it in GitLab",
  };
  const advice =
    fix[status] ??
    (status === 400 || status === 422
      ? "GitLab refused the values; correct them in the declaration"
      : "retry later, and check the GitLab logs if it persists");
  return new Error(`Could not ${action} on ${where}: GitLab answered ${status} (${said}); ${advice}.`);
}
