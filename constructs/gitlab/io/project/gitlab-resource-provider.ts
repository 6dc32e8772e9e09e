import type * as pulumi from "@pulumi/pulumi";
import {
  type GitlabApi,
  type GitlabConnection,
  type GitlabConnectionInput,
  gitlabFailure,
  isGitlabNotFound,
  openGitlab,
} from "./gitlab-connection";
import { type DiffRule, diffInputs } from "./provider-diff";

/** What the inputs of every GitLab resource hold: the connection its provider opens for each call. */
export interface GitlabResourceInputs {
  /** Secret; see `GitlabConnection`. */
  readonly connection: GitlabConnection;
}

/** Args of a GitLab resource with inputs `I`: each input possibly an Output, the connection as programs give it. */
export type GitlabResourceArgs<I extends GitlabResourceInputs> = {
  readonly [K in keyof I]: K extends "connection" ? GitlabConnectionInput : pulumi.Input<I[K]>;
};

/**
 * The resource options a GitLab resource passes to `pulumi.dynamic.Resource`: the caller's, with `outputs`
 * (always the connection, plus any secret GitLab returns such as a token) added to the secret outputs.
 */
export function withSecretOutputs(opts: pulumi.CustomResourceOptions | undefined, ...outputs: string[]): pulumi.CustomResourceOptions {
  return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...outputs] };
}

/**
 * What a GitLab call reports about a resource, merged by the skeleton over the inputs to make the state:
 * every output the inputs lack (ids, secrets shown once), plus any input as GitLab normalized it.
 */
export type GitlabResourceState<I, O> = Omit<O, keyof I> & Partial<O>;

/** One call of a provider operation, and the words that name it when GitLab refuses it. */
export interface GitlabOperation<Args extends unknown[], Result> {
  /**
   * What was attempted, for `gitlabFailure`: reads like `create project "souscription" in namespace 42`.
   * Given the operation's arguments, without the client.
   */
  readonly action: (...args: Args) => string;
  /** The REST calls, through the client opened on the resource's connection. */
  readonly call: (api: GitlabApi, ...args: Args) => Promise<Result>;
}

/**
 * What `gitlabResourceProvider` builds a resource's provider from: the diff rule, and one call per operation,
 * each given its arguments in the order the Pulumi engine passes them.
 */
export interface GitlabResourceSpec<I extends GitlabResourceInputs, O extends I> {
  /** Inputs that replace the resource and inputs GitLab edits in place; the connection always edits in place. */
  readonly diff: DiffRule & { readonly replace: readonly (keyof I & string)[]; readonly update: readonly (keyof I & string)[] };
  /** Creates the resource; returns its Pulumi id and what GitLab reported. */
  readonly create: GitlabOperation<[inputs: I], { id: string; state: GitlabResourceState<I, O> }>;
  /**
   * Reads the live resource; returns what GitLab reported, or `undefined` when GitLab still lists it but
   * it no longer counts (a revoked token), so it reads as gone. A 404 reads as gone without asking.
   */
  readonly read: GitlabOperation<[id: string, props: O], Partial<O> | undefined>;
  /**
   * Edits the resource in place; returns what GitLab reported.
   * @default - nothing to call: only the connection changes in place (`diff.update` is empty), the state stays
   */
  readonly update?: GitlabOperation<[id: string, olds: O, news: I], GitlabResourceState<I, O>>;
  /** Deletes the resource. A 404 counts as done: it is already gone. */
  readonly delete: GitlabOperation<[id: string, props: O], void>;
}

/**
 * The dynamic provider `gitlabResourceProvider` returns: `pulumi.dynamic.ResourceProvider`'s operations,
 * all present and typed with the resource's inputs `I` and state `O`.
 */
export interface GitlabResourceProvider<I, O> {
  /** `diffInputs` of the previous state and the new inputs under the spec's rule. */
  diff(id: string, olds: O, news: I): Promise<pulumi.dynamic.DiffResult>;
  /** Creates the resource; the state is the inputs with what GitLab reported over them. */
  create(inputs: I): Promise<{ id: string; outs: O }>;
  /** Refreshes the state from GitLab; an empty id when the resource is gone. */
  read(id: string, props: O): Promise<{ id: string; props: Partial<O> }>;
  /** Applies the changed inputs in place. */
  update(id: string, olds: O, news: I): Promise<{ outs: O }>;
  /** Deletes the resource, or does nothing if it is already gone. */
  delete(id: string, props: O): Promise<void>;
}

/**
 * The CRUD skeleton every GitLab dynamic provider shares: each operation opens a @gitbeaker/rest client on
 * the connection (the new inputs' for create and update, the state's otherwise), runs the spec's call, and
 * turns a failure into `gitlabFailure(error, action, connection)`. GitLab answering 404 means the resource
 * is gone: read returns an empty id (Pulumi then drops it from the state) and delete returns.
 *
 * The returned object is serialized with its closure by `pulumi.dynamic.Resource`: calls must reach the
 * client only through `api`, never import @gitbeaker/rest (see `openGitlab`).
 *
 * @example
 * export const thingProvider = gitlabResourceProvider<ThingInputs, ThingOutputs>({
 *   diff: { replace: ["project"], update: ["name"] },
 *   create: { action: (inputs) => `create thing "${inputs.name}"`, call: async (api, inputs) => ({ id: "…", state: {…} }) },
 *   …
 * });
 */
export function gitlabResourceProvider<I extends GitlabResourceInputs, O extends I>(
  spec: GitlabResourceSpec<I, O>,
): GitlabResourceProvider<I, O> {
  return {
    async diff(_id: string, olds: O, news: I): Promise<pulumi.dynamic.DiffResult> {
      return diffInputs({ ...olds } as Record<string, unknown>, { ...news } as Record<string, unknown>, spec.diff);
    },

    async create(inputs: I): Promise<{ id: string; outs: O }> {
      const api = openGitlab(inputs.connection);
      try {
        const { id, state } = await spec.create.call(api, inputs);
        return { id, outs: { ...inputs, ...state } as O };
      } catch (error) {
        throw gitlabFailure(error, spec.create.action(inputs), inputs.connection);
      }
    },

    async read(id: string, props: O): Promise<{ id: string; props: Partial<O> }> {
      const api = openGitlab(props.connection);
      try {
        const state = await spec.read.call(api, id, props);
        return state === undefined ? { id: "", props: {} } : { id, props: { ...props, ...state } };
      } catch (error) {
        if (isGitlabNotFound(error)) return { id: "", props: {} };
        throw gitlabFailure(error, spec.read.action(id, props), props.connection);
      }
    },

    async update(id: string, olds: O, news: I): Promise<{ outs: O }> {
      if (spec.update === undefined) return { outs: { ...olds, connection: news.connection } };
      const api = openGitlab(news.connection);
      try {
        const state = await spec.update.call(api, id, olds, news);
        return { outs: { ...news, ...state } as O };
      } catch (error) {
        throw gitlabFailure(error, spec.update.action(id, olds, news), news.connection);
      }
    },

    async delete(id: string, props: O): Promise<void> {
      const api = openGitlab(props.connection);
      try {
        await spec.delete.call(api, id, props);
      } catch (error) {
        if (isGitlabNotFound(error)) return;
        throw gitlabFailure(error, spec.delete.action(id, props), props.connection);
      }
    },
  };
}
