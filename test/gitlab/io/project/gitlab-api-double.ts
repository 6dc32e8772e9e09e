import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * TEST DOUBLE of the GitLab REST v4 endpoints the project providers call through @gitbeaker/rest,
 * in-process on 127.0.0.1 (port 0), state in memory, in GitLab's snake_case JSON shapes.
 *
 * Endpoints (all under /api/v4, project id numeric or URL-encoded `group/path`):
 *   POST projects · GET|PUT|DELETE projects/:id
 *   POST projects/:id/protected_branches (params in the query string, as gitbeaker sends them)
 *   GET|PATCH|DELETE projects/:id/protected_branches/:name
 *   POST projects/:id/environments · GET|PUT|DELETE …/environments/:id · POST …/environments/:id/stop
 *   POST projects/:id/protected_environments · GET|PUT|DELETE …/protected_environments/:name
 *   POST projects/:id/freeze_periods · GET|PUT|DELETE …/freeze_periods/:id
 *   POST projects/:id/variables · GET|PUT|DELETE …/variables/:key (filter[environment_scope])
 *   POST projects/:id/deploy_tokens · GET|DELETE …/deploy_tokens/:id
 *   POST projects/:id/access_tokens · GET|DELETE …/access_tokens/:id
 *   POST projects/:id/pipeline_schedules · GET|PUT|DELETE …/pipeline_schedules/:id (GET lists its variables)
 *   POST projects/:id/pipeline_schedules/:id/variables · PUT|DELETE …/pipeline_schedules/:id/variables/:key
 * Anything else answers 404 and is recorded in `unhandled`, so a test notices a provider calling an
 * endpoint the double does not model.
 *
 * Validations it does: PRIVATE-TOKEN (401), known namespace (404), path taken in the namespace (400),
 * enum values (squash_option, merge_method, visibility, tier, variable_type, scopes, access levels:
 * 400), protected branch already there (409), deleting an environment that is not stopped (403),
 * variable key syntax, duplicate key in a scope, masked values (8+ characters of the masking alphabet,
 * one line) and ambiguous keys without filter (400/409), five-field crons (400), a schedule's
 * required fields (400) and duplicate schedule variable keys (400). A project created
 * with `initialize_with_readme` gets its default branch protected (Maintainers push and merge), as
 * GitLab's default branch protection does.
 *
 * What real GitLab does differently: project deletion is immediate here (GitLab deletes in the
 * background, and on Premium only after the group's retention delay, the path staying taken); no
 * permissions beyond the one token, no licence tiers (protected environments and approval counts are
 * Premium on real GitLab), no pagination headers, no rate limits; error bodies follow GitLab's shapes
 * but not always its exact wording; revoked tokens are kept and reported `revoked`/`active: false`.
 * Schedules: no `next_run_at` computed from the cron (null here), the owner is always `root` (the one
 * token's user), the time zone is not checked against GitLab's list.
 */
export interface GitlabApiDouble {
  /** Projects by id, mutable for out-of-band changes in tests. */
  readonly projects: Map<number, DoubleProject>;
  /** `METHOD /api/v4/…` of every request, query stripped. */
  readonly calls: string[];
  /** Requests no route matched. */
  readonly unhandled: string[];
  start(): Promise<string>;
  stop(): Promise<void>;
  /** The project with that id or `group/path`. */
  project(idOrPath: number | string): DoubleProject | undefined;
}

/** A project as the double stores it: GitLab's project JSON plus its sub-resources. */
export type DoubleProject = Record<string, any> & {
  id: number;
  protectedBranches: Map<string, Record<string, any>>;
  environments: Map<number, Record<string, any>>;
  protectedEnvironments: Map<string, Record<string, any>>;
  freezePeriods: Map<number, Record<string, any>>;
  variables: Array<Record<string, any>>;
  deployTokens: Map<number, Record<string, any>>;
  accessTokens: Map<number, Record<string, any>>;
  /** Pipeline schedules by id, each with its `variables` list. */
  pipelineSchedules: Map<number, Record<string, any>>;
};

type Params = Record<string, any>;
type Reply = [status: number, body?: unknown];
const SUB_RESOURCES = [
  "protectedBranches",
  "environments",
  "protectedEnvironments",
  "freezePeriods",
  "variables",
  "deployTokens",
  "accessTokens",
  "pipelineSchedules",
];
const ENUMS: Record<string, readonly string[]> = {
  squash_option: ["never", "always", "default_on", "default_off"],
  merge_method: ["merge", "rebase_merge", "ff"],
  visibility: ["private", "internal", "public"],
  tier: ["production", "staging", "testing", "development", "other"],
  variable_type: ["env_var", "file"],
};
const DEPLOY_SCOPES = ["read_repository", "read_registry", "write_registry", "read_package_registry", "write_package_registry"];
const ACCESS_SCOPES = ["api", "read_api", "read_registry", "write_registry", "read_repository", "write_repository", "create_runner"];
const LEVEL_NAMES: Record<number, string> = { 0: "No one", 30: "Developers + Maintainers", 40: "Maintainers", 60: "Admins" };
const MASKABLE = /^[A-Za-z0-9+/=@:.~_-]{8,}$/;
const CRON = /^\S+( \S+){4}$/;

/** A double accepting `token`, with the given groups (namespace id → full path). */
export function gitlabApiDouble(token: string, namespaces: Record<number, string> = { 42: "beluga" }): GitlabApiDouble {
  const projects = new Map<number, DoubleProject>();
  const calls: string[] = [];
  const unhandled: string[] = [];
  let nextId = 100;
  const project = (idOrPath: number | string) =>
    [...projects.values()].find((p) => String(p.id) === String(idOrPath) || p.path_with_namespace === idOrPath);
  const bad = (field: string, message: string): Reply => [400, { message: { [field]: [message] } }];
  const badEnum = (params: Params): Reply | undefined => {
    const wrong = Object.keys(ENUMS).find((k) => params[k] !== undefined && !ENUMS[k].includes(params[k]));
    return wrong ? [400, { error: `${wrong} does not have a valid value` }] : undefined;
  };
  const level = (n: number) => ({
    id: nextId++,
    access_level: n,
    access_level_description: LEVEL_NAMES[n] ?? String(n),
    user_id: null,
    group_id: null,
  });
  const projectJson = (p: DoubleProject) => Object.fromEntries(Object.entries(p).filter(([k]) => !SUB_RESOURCES.includes(k)));

  function projects_(method: string, id: string | undefined, params: Params): Reply {
    if (method === "POST" && id === undefined) {
      if (!params.name && !params.path) return [400, { error: "name, path are missing, at least one parameter must be provided" }];
      const namespace = namespaces[params.namespace_id];
      if (!namespace) return [404, { message: "404 Namespace Not Found" }];
      const path =
        params.path ??
        String(params.name)
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-");
      if (project(`${namespace}/${path}`))
        return [400, { message: { path: ["has already been taken"], name: ["has already been taken"] } }];
      const invalid = badEnum(params);
      if (invalid) return invalid;
      const pid = nextId++;
      const p: DoubleProject = {
        id: pid,
        name: params.name ?? path,
        path,
        path_with_namespace: `${namespace}/${path}`,
        namespace: { id: Number(params.namespace_id), full_path: namespace },
        description: params.description ?? null,
        default_branch: params.default_branch ?? "main",
        visibility: params.visibility ?? "private",
        web_url: `https://gitlab.double/${namespace}/${path}`,
        only_allow_merge_if_pipeline_succeeds: params.only_allow_merge_if_pipeline_succeeds ?? false,
        only_allow_merge_if_all_discussions_are_resolved: params.only_allow_merge_if_all_discussions_are_resolved ?? false,
        squash_option: params.squash_option ?? "default_off",
        remove_source_branch_after_merge: params.remove_source_branch_after_merge ?? true,
        merge_method: params.merge_method ?? "merge",
        ci_config_path: params.ci_config_path ?? null,
        protectedBranches: new Map(),
        environments: new Map(),
        protectedEnvironments: new Map(),
        freezePeriods: new Map(),
        variables: [],
        deployTokens: new Map(),
        accessTokens: new Map(),
        pipelineSchedules: new Map(),
      };
      if (params.initialize_with_readme)
        p.protectedBranches.set(p.default_branch, {
          id: nextId++,
          name: p.default_branch,
          push_access_levels: [level(40)],
          merge_access_levels: [level(40)],
          allow_force_push: false,
        });
      projects.set(pid, p);
      return [201, projectJson(p)];
    }
    const p = id === undefined ? undefined : project(id);
    if (!p) return [404, { message: "404 Project Not Found" }];
    if (method === "GET") return [200, projectJson(p)];
    if (method === "DELETE") return (projects.delete(p.id), [202, { message: "202 Accepted" }]);
    if (method === "PUT") {
      const invalid = badEnum(params);
      if (invalid) return invalid;
      for (const key of [
        "name",
        "description",
        "default_branch",
        "visibility",
        "only_allow_merge_if_pipeline_succeeds",
        "only_allow_merge_if_all_discussions_are_resolved",
        "squash_option",
        "remove_source_branch_after_merge",
        "merge_method",
        "ci_config_path",
      ]) {
        if (params[key] !== undefined) p[key] = params[key];
      }
      return [200, projectJson(p)];
    }
    return [405, { message: "405 Method Not Allowed" }];
  }

  function sub(
    p: DoubleProject,
    method: string,
    kind: string,
    key: string | undefined,
    action: string | undefined,
    params: Params,
  ): Reply | undefined {
    const notFound: Reply = [404, { message: "404 Not found" }];
    if (kind === "protected_branches") {
      if (method === "POST" && key === undefined) {
        if (p.protectedBranches.has(params.name)) return [409, { message: `Protected branch '${params.name}' already exists` }];
        const branch = {
          id: nextId++,
          name: params.name,
          push_access_levels: [level(Number(params.push_access_level ?? 40))],
          merge_access_levels: [level(Number(params.merge_access_level ?? 40))],
          allow_force_push: params.allow_force_push === true,
        };
        p.protectedBranches.set(params.name, branch);
        return [201, branch];
      }
      const branch = key === undefined ? undefined : p.protectedBranches.get(key);
      if (!branch) return notFound;
      if (method === "GET") return [200, branch];
      if (method === "PATCH")
        return (params.allow_force_push !== undefined && (branch.allow_force_push = params.allow_force_push), [200, branch]);
      if (method === "DELETE") return (p.protectedBranches.delete(branch.name), [204]);
    }
    if (kind === "environments") {
      if (method === "POST" && key === undefined) {
        if ([...p.environments.values()].some((e) => e.name === params.name)) return bad("name", "has already been taken");
        const invalid = badEnum(params);
        if (invalid) return invalid;
        const env = {
          id: nextId++,
          name: params.name,
          slug: String(params.name).replace(/[^a-z0-9]+/g, "-"),
          external_url: params.external_url ?? null,
          state: "available",
          tier: params.tier ?? "other",
        };
        p.environments.set(env.id, env);
        return [201, env];
      }
      const env = p.environments.get(Number(key));
      if (!env) return notFound;
      if (method === "POST" && action === "stop") return ((env.state = "stopped"), [200, env]);
      if (method === "GET") return [200, env];
      if (method === "PUT")
        return (
          badEnum(params) ??
          (Object.assign(
            env,
            params.tier !== undefined ? { tier: params.tier } : {},
            params.external_url !== undefined ? { external_url: params.external_url } : {},
          ),
          [200, env])
        );
      if (method === "DELETE")
        return env.state !== "stopped" ? [403, { message: "403 Forbidden" }] : (p.environments.delete(env.id), [204]);
    }
    if (kind === "protected_environments") {
      if (method === "POST" && key === undefined) {
        if (p.protectedEnvironments.has(params.name)) return [409, { message: `Protected environment '${params.name}' already exists` }];
        const levels = (params.deploy_access_levels ?? []) as Params[];
        if (levels.length === 0 || levels.some((l) => l.access_level !== undefined && ![30, 40, 60].includes(l.access_level)))
          return bad("deploy_access_levels", "is invalid");
        const env = {
          name: params.name,
          deploy_access_levels: levels.map((l) => ({
            ...level(l.access_level ?? 40),
            user_id: l.user_id ?? null,
            group_id: l.group_id ?? null,
          })),
          required_approval_count: params.required_approval_count ?? 0,
        };
        p.protectedEnvironments.set(env.name, env);
        return [201, env];
      }
      const env = key === undefined ? undefined : p.protectedEnvironments.get(key);
      if (!env) return notFound;
      if (method === "GET") return [200, env];
      if (method === "PUT")
        return (params.required_approval_count !== undefined && (env.required_approval_count = params.required_approval_count), [200, env]);
      if (method === "DELETE") return (p.protectedEnvironments.delete(env.name), [204]);
    }
    if (kind === "freeze_periods") {
      for (const field of ["freeze_start", "freeze_end"])
        if (params[field] !== undefined && !CRON.test(params[field])) return bad(field, " is invalid syntax");
      if (method === "POST" && key === undefined) {
        if (!params.freeze_start || !params.freeze_end) return [400, { error: "freeze_start, freeze_end are missing" }];
        const freeze = {
          id: nextId++,
          freeze_start: params.freeze_start,
          freeze_end: params.freeze_end,
          cron_timezone: params.cron_timezone ?? "UTC",
        };
        p.freezePeriods.set(freeze.id, freeze);
        return [201, freeze];
      }
      const freeze = p.freezePeriods.get(Number(key));
      if (!freeze) return notFound;
      if (method === "GET") return [200, freeze];
      if (method === "PUT")
        return (
          Object.assign(
            freeze,
            ...["freeze_start", "freeze_end", "cron_timezone"].filter((f) => params[f] !== undefined).map((f) => ({ [f]: params[f] })),
          ),
          [200, freeze]
        );
      if (method === "DELETE") return (p.freezePeriods.delete(freeze.id), [204]);
    }
    if (kind === "variables") return variables(p, method, key, params);
    if (kind === "deploy_tokens") {
      if (method === "POST" && key === undefined) {
        const scopes = params.scopes as string[] | undefined;
        if (!params.name || !scopes?.length || scopes.some((s) => !DEPLOY_SCOPES.includes(s)))
          return [400, { error: "scopes does not have a valid value" }];
        const id = nextId++;
        const token = {
          id,
          name: params.name,
          username: params.username ?? `gitlab+deploy-token-${id}`,
          expires_at: params.expires_at ? `${params.expires_at}T00:00:00.000Z` : null,
          revoked: false,
          expired: false,
          scopes,
        };
        p.deployTokens.set(id, token);
        return [201, { ...token, token: `gldt-double${id}` }];
      }
      const token = p.deployTokens.get(Number(key));
      if (!token) return notFound;
      if (method === "GET") return [200, token];
      if (method === "DELETE") return ((token.revoked = true), [204]);
    }
    if (kind === "access_tokens") {
      if (method === "POST" && key === undefined) {
        const scopes = params.scopes as string[] | undefined;
        if (!params.name || !scopes?.length || scopes.some((s) => !ACCESS_SCOPES.includes(s)))
          return [400, { error: "scopes does not have a valid value" }];
        if (params.access_level !== undefined && ![10, 20, 30, 40, 50].includes(params.access_level))
          return [400, { error: "access_level does not have a valid value" }];
        const id = nextId++;
        const expires = params.expires_at ?? new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
        const token = {
          id,
          user_id: nextId++,
          name: params.name,
          scopes,
          expires_at: expires,
          active: true,
          revoked: false,
          access_level: params.access_level ?? 40,
          created_at: new Date().toISOString(),
        };
        p.accessTokens.set(id, token);
        return [201, { ...token, token: `glpat-double${id}` }];
      }
      const token = p.accessTokens.get(Number(key));
      if (!token) return notFound;
      if (method === "GET") return [200, token];
      if (method === "DELETE") return (Object.assign(token, { revoked: true, active: false }), [204]);
    }
    return undefined;
  }

  function schedules(
    p: DoubleProject,
    method: string,
    key: string | undefined,
    action: string | undefined,
    name: string | undefined,
    params: Params,
  ): Reply {
    const notFound: Reply = [404, { message: "404 Not found" }];
    if (params.cron !== undefined && !CRON.test(params.cron)) return bad("cron", " is invalid syntax");
    if (method === "POST" && key === undefined) {
      const missing = ["description", "ref", "cron"].filter((f) => !params[f]);
      if (missing.length > 0) return [400, { error: `${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} missing` }];
      const now = new Date().toISOString();
      const schedule = {
        id: nextId++,
        description: params.description,
        ref: params.ref,
        cron: params.cron,
        cron_timezone: params.cron_timezone ?? "UTC",
        next_run_at: null,
        active: params.active ?? true,
        created_at: now,
        updated_at: now,
        owner: { id: 1, username: "root", name: "Administrator" },
        variables: [] as Array<Record<string, any>>,
      };
      p.pipelineSchedules.set(schedule.id, schedule);
      const { variables: _, ...created } = schedule;
      return [201, created];
    }
    const schedule = p.pipelineSchedules.get(Number(key));
    if (!schedule) return notFound;
    if (action === undefined) {
      if (method === "GET") return [200, schedule];
      if (method === "PUT") {
        for (const f of ["description", "ref", "cron", "cron_timezone", "active"]) if (params[f] !== undefined) schedule[f] = params[f];
        schedule.updated_at = new Date().toISOString();
        const { variables: _, ...edited } = schedule;
        return [200, edited];
      }
      if (method === "DELETE") return (p.pipelineSchedules.delete(schedule.id), [200, schedule]);
      return [405, { message: "405 Method Not Allowed" }];
    }
    if (action !== "variables") return [404, { error: "404 Not Found" }];
    const list = schedule.variables as Array<Record<string, any>>;
    if (method === "POST" && name === undefined) {
      if (!/^[A-Za-z0-9_]{1,255}$/.test(params.key ?? "")) return bad("key", "can contain only letters, digits and '_'.");
      if (list.some((v) => v.key === params.key)) return bad("key", "has already been taken");
      const invalid = badEnum(params);
      if (invalid) return invalid;
      const variable = { key: params.key, value: params.value ?? "", variable_type: params.variable_type ?? "env_var" };
      list.push(variable);
      return [201, variable];
    }
    const variable = list.find((v) => v.key === name);
    if (!variable) return [404, { message: "404 Variable Not Found" }];
    if (method === "PUT") {
      const invalid = badEnum(params);
      if (invalid) return invalid;
      for (const f of ["value", "variable_type"]) if (params[f] !== undefined) variable[f] = params[f];
      return [200, variable];
    }
    if (method === "DELETE") return (list.splice(list.indexOf(variable), 1), [202, variable]);
    return [405, { message: "405 Method Not Allowed" }];
  }

  function variables(p: DoubleProject, method: string, key: string | undefined, params: Params): Reply {
    if (method === "POST" && key === undefined) {
      const scope = params.environment_scope ?? "*";
      if (!/^[A-Za-z0-9_]{1,255}$/.test(params.key ?? "")) return bad("key", "can contain only letters, digits and '_'.");
      if (p.variables.some((v) => v.key === params.key && v.environment_scope === scope))
        return bad("key", `(${params.key}) has already been taken`);
      const invalid = badEnum(params);
      if (invalid) return invalid;
      if (params.masked && !MASKABLE.test(params.value ?? "")) return bad("value", "is invalid");
      const variable = {
        key: params.key,
        value: params.value ?? "",
        masked: params.masked ?? false,
        protected: params.protected ?? false,
        environment_scope: scope,
        variable_type: params.variable_type ?? "env_var",
        raw: params.raw ?? false,
        description: params.description ?? null,
      };
      p.variables.push(variable);
      return [201, variable];
    }
    const scope = params.filter?.environment_scope;
    const matches = p.variables.filter((v) => v.key === key && (scope === undefined || v.environment_scope === scope));
    if (matches.length === 0) return [404, { message: "404 Variable Not Found" }];
    if (matches.length > 1)
      return [409, { message: "There are multiple variables with provided parameters. Please use 'filter[environment_scope]'" }];
    const variable = matches[0];
    if (method === "GET") return [200, variable];
    if (method === "DELETE") return (p.variables.splice(p.variables.indexOf(variable), 1), [204]);
    if (method === "PUT") {
      const next = {
        ...variable,
        ...Object.fromEntries(
          ["value", "masked", "protected", "variable_type", "raw", "description"]
            .filter((f) => params[f] !== undefined)
            .map((f) => [f, params[f]]),
        ),
      };
      if (next.masked && !MASKABLE.test(next.value)) return bad("value", "is invalid");
      return badEnum(params) ?? (Object.assign(variable, next), [200, variable]);
    }
    return [405, { message: "405 Method Not Allowed" }];
  }

  function route(method: string, segments: string[], params: Params): Reply {
    if (segments[0] !== "projects") return [404, { error: "404 Not Found" }];
    const [, id, kind, key, action, actionKey] = segments;
    if (kind === undefined) return projects_(method, id, params);
    const p = project(id);
    if (!p) return [404, { message: "404 Project Not Found" }];
    // The only route three levels deep: a schedule variable's key (`pipeline_schedules/:id/variables/:key`).
    if (kind === "pipeline_schedules") return schedules(p, method, key, action, actionKey, params);
    return sub(p, method, kind, key, action, params) ?? [404, { error: "404 Not Found" }];
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://double");
      const call = `${req.method} ${url.pathname}`;
      calls.push(call);
      const send = ([status, body]: Reply) =>
        res
          .writeHead(status, body === undefined ? {} : { "content-type": "application/json" })
          .end(body === undefined ? undefined : JSON.stringify(body));
      if (req.headers["private-token"] !== token) return send([401, { message: "401 Unauthorized" }]);
      if (!url.pathname.startsWith("/api/v4/")) return (unhandled.push(call), send([404, { error: "404 Not Found" }]));
      const segments = url.pathname.slice("/api/v4/".length).split("/").filter(Boolean).map(decodeURIComponent);
      const reply = route(req.method ?? "GET", segments, { ...queryParams(url.searchParams), ...(data ? JSON.parse(data) : {}) });
      if (reply[0] === 404 && (reply[1] as Params)?.error === "404 Not Found") unhandled.push(call);
      send(reply);
    });
  });
  return {
    projects,
    calls,
    unhandled,
    project,
    start: () =>
      new Promise<string>((ok) => server.listen(0, "127.0.0.1", () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** Query parameters as Rails reads them: `a[b]=c` nests, `a[]=x` lists, `true`/`false`/digits typed. */
function queryParams(search: URLSearchParams): Params {
  const params: Params = {};
  const typed = (v: string) => (v === "true" ? true : v === "false" ? false : /^\d+$/.test(v) ? Number(v) : v);
  for (const [name, value] of search) {
    const nested = /^([^[]+)\[([^\]]*)\]$/.exec(name);
    if (!nested) params[name] = typed(value);
    else if (nested[2] === "") (params[nested[1]] ??= []).push(value);
    else (params[nested[1]] ??= {})[nested[2]] = value;
  }
  return params;
}
