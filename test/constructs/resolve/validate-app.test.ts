import type { AppDeclaration } from "../../../constructs/model";
import { DeclarationError, validateApp } from "../../../constructs/resolve";
import { catalog } from "../../../platform/catalog";
import { environments } from "../../../environments";
import { fullApp, minimalApp } from "../../fixtures/declarations";

/** Validates a mutated declaration and returns every message (or [] when valid). */
function messages(mutate: (app: any) => void, base: () => AppDeclaration = minimalApp): string[] {
  const app = base();
  mutate(app);
  try {
    validateApp(app, catalog, environments.names);
    return [];
  } catch (error) {
    if (error instanceof DeclarationError) return error.messages;
    throw error;
  }
}

describe("validateApp", () => {
  it("accepts the minimal and the full declarations", () => {
    expect(messages(() => undefined)).toEqual([]);
    expect(messages(() => undefined, fullApp)).toEqual([]);
  });

  it.each<[string, (app: any) => void, string[]]>([
    [
      "an unknown field is given",
      (a) => (a.components.api.replica = 2),
      [
        "mini: components.api.replica is not a known field; replica counts go under scaling: scaling: { min, max } to autoscale, or scaling: { replicas: <n> } for a fixed count",
      ],
    ],
    ["a required field is missing", (a) => delete a.team, ["mini: team is required (string); add team"]],
    [
      "a field has the wrong type",
      (a) => (a.components.api.scaling = { min: "2", max: 4 }),
      ['mini: components.api.scaling.min ("2") must be a number; write it as a number'],
    ],
    [
      "an enum value is unknown",
      (a) => (a.criticality = "high"),
      ['mini: criticality ("high") must be one of "critical", "standard"; pick one of the allowed values'],
    ],
    [
      "the release policy is unknown",
      (a) => (a.release = { policy: "weekly" }),
      ['mini: release.policy ("weekly") must be one of "continuous", "release-train"; set policy to one of the allowed values'],
    ],
    [
      "a memory quantity uses decimal units",
      (a) => (a.components.api.resources = { memory: { request: "1GB" } }),
      [
        'mini: components.api.resources.memory.request ("1GB") must be a memory quantity in binary units such as 256Mi or 2Gi; use Mi or Gi (1GB → 1Gi, 512M → 512Mi)',
      ],
    ],
    [
      "a CPU quantity is malformed",
      (a) => (a.components.api.resources = { cpu: { limit: "2 cores" } }),
      [
        'mini: components.api.resources.cpu.limit ("2 cores") must be a CPU quantity such as 250m, 1 or 1.5; write millicores with m (0.25 → 250m) or whole cores',
      ],
    ],
    [
      "a digest is malformed",
      (a) => (a.components.api.image.digest = "sha256:abc"),
      [
        'mini: components.api.image.digest ("sha256:abc") must be a digest sha256:<64 hex characters>; copy the digest printed by the image build',
      ],
    ],
    [
      "a port is out of range",
      (a) => (a.components.api.ports = [{ name: "http", port: 80 }]),
      ["mini: components.api.ports.0.port (80) must be ≥ 1024; raise it to 1024 or more"],
    ],
    [
      "the app name is not a DNS label",
      (a) => (a.name = "Mini_App"),
      [
        "Mini_App: name (\"Mini_App\") must be a DNS-1123 label: lowercase letters, digits and '-', starting with a letter; rename it in lowercase kebab-case",
      ],
    ],
    [
      "the app name is too long for its Prod namespace",
      (a) => (a.name = "n".repeat(59)),
      [
        `${"n".repeat(59)}: name ("${"n".repeat(59)}") is 59 characters; the namespace <app>-prod with the instance label <app>-<component>-prod of even a one-character component would exceed the Kubernetes limit, so at most 56 are allowed; shorten the name`,
      ],
    ],
    [
      "a component name is too long once prefixed by the app",
      (a) => (a.components = { ["c".repeat(60)]: a.components.api }),
      [
        `mini: components.${"c".repeat(60)} ("${"c".repeat(60)}") is 60 characters; the instance label and default route host mini-${"c".repeat(60)}-prod would exceed the Kubernetes limit, so at most 53 are allowed; shorten the name`,
      ],
    ],
    [
      "the team is not a DNS label",
      (a) => (a.team = "Core Team"),
      ['mini: team ("Core Team") must be a DNS-1123 label; use the team\'s lowercase kebab-case id'],
    ],
    [
      "nothing is declared",
      (a) => (a.components = {}),
      ["mini: components declares no component and no batch; declare at least one component or batch"],
    ],
    [
      "a release window ends before it starts",
      (a) => (a.release = { policy: "release-train", windows: [{ from: "12-15", to: "01-15" }] }),
      ["mini: release.windows.0 (12-15 → 01-15) ends before it starts; windows do not wrap around the new year: split it in two"],
    ],
    [
      "the socle is unknown",
      (a) => (a.components.api.image.socle = "java8"),
      [
        'mini: components.api.image.socle ("java8") is not a socle of the platform catalog; use one of java21-spring, java17-spring, java11-tomcat, node22, nginx-static, python312',
      ],
    ],
    [
      "the version is latest",
      (a) => (a.components.api.image.version = "latest"),
      ['mini: components.api.image.version ("latest") is not an immutable version; use the version tag the build produced, e.g. 1.4.2'],
    ],
    [
      "two ports share a name",
      (a) =>
        (a.components.api.ports = [
          { name: "http", port: 8080 },
          { name: "http", port: 8081 },
        ]),
      ['mini: components.api.ports.1.name ("http") is declared twice; give each port a distinct name'],
    ],
    [
      "two ports share a number",
      (a) =>
        (a.components.api.ports = [
          { name: "http", port: 8080 },
          { name: "admin", port: 8080 },
        ]),
      ["mini: components.api.ports.1.port (8080) is already used by another port of api; give each port a distinct number"],
    ],
    [
      "a probe names an undeclared port",
      (a) => (a.components.api.probes = { readiness: { type: "tcp", port: "admin" } }),
      ['mini: components.api.probes.readiness.port ("admin") is not a declared port; use one of http'],
    ],
    [
      "a network probe is declared without ports",
      (a) => {
        a.components.api.ports = [];
        a.components.api.probes = { liveness: { type: "http", path: "/live" } };
      },
      ["mini: components.api.probes.liveness is a http probe but api declares no port; declare a port or use an exec probe"],
    ],
    [
      "a route exposes a component without ports",
      (a) => {
        a.components.api.ports = [];
        a.components.api.routes = [{}];
      },
      ["mini: components.api.routes.0 exposes api, which declares no port; declare an http port or remove the route"],
    ],
    [
      "a route names an undeclared port",
      (a) => (a.components.api.routes = [{ port: "admin" }]),
      ['mini: components.api.routes.0.port ("admin") is not a declared port; use one of http'],
    ],
    [
      "a route host is not a DNS label",
      (a) => (a.components.api.routes = [{ host: "www.example.com" }]),
      [
        "mini: components.api.routes.0.host (\"www.example.com\") must be a single DNS label (the environment's route domain is appended); use lowercase letters, digits and '-', e.g. espace-client",
      ],
    ],
    [
      "the metrics port is undeclared",
      (a) => (a.components.api.observability = { metricsPort: "metrics" }),
      ['mini: components.api.observability.metricsPort ("metrics") is not a declared port; use one of http'],
    ],
    [
      "fixed replicas are combined with an HPA",
      (a) => (a.components.api.scaling = { replicas: 2, min: 2, max: 4 }),
      [
        "mini: components.api.scaling sets both replicas and min/max; use min/max to autoscale, or replicas alone for a fixed count (the HPA then holds it)",
      ],
    ],
    [
      "min is given without max",
      (a) => (a.components.api.scaling = { min: 2 }),
      ["mini: components.api.scaling sets min without max; set both min and max"],
    ],
    [
      "max is below min",
      (a) => (a.components.api.scaling = { min: 2, max: 1 }),
      ["mini: components.api.scaling.max (1) must be ≥ scaling.min (2); raise max or lower min"],
    ],
    [
      "a CPU request exceeds its limit",
      (a) => (a.components.api.resources = { cpu: { request: "2", limit: "1" } }),
      ["mini: components.api.resources.cpu.request (2) must be ≤ cpu.limit (1); lower the request or raise the limit"],
    ],
    [
      "a memory request exceeds its limit",
      (a) => (a.components.api.resources = { memory: { request: "2Gi", limit: "1Gi" } }),
      ["mini: components.api.resources.memory.request (2Gi) must be ≤ memory.limit (1Gi); lower the request or raise the limit"],
    ],
    [
      "an env var name is invalid",
      (a) => (a.components.api.env = { "1BAD": "x" }),
      ["mini: components.api.env.1BAD is not a valid environment variable name; use letters, digits and '_', not starting with a digit"],
    ],
    [
      "a secret is given as a literal",
      (a) => (a.components.api.env = { DB_PASSWORD: "hunter2" }),
      [
        'mini: components.api.env.DB_PASSWORD holds a literal value but its name says it is a secret; secret values never go in declarations; reference it instead: { secret: { name: "<secret>", key: "db_password" } } or { pulumiSecret: "<config key>" }',
      ],
    ],
    [
      "an env var reads a config key that does not exist",
      (a) => (a.components.api.env = { QUEUE: { config: "queue" } }),
      [
        'mini: components.api.env.QUEUE.config ("queue") is not a key of the component\'s config; add it to config or use one of (no config declared)',
      ],
    ],
    [
      "a dependency is malformed",
      (a) => (a.components.api.dependsOn = ["a/b/c!"]),
      [
        'mini: components.api.dependsOn.0 ("a/b/c!") must be <component>, <component>:<port> or <app>/<component>:<port>; name a component of this app, or another app\'s component and port',
      ],
    ],
    [
      "a dependency names an unknown component",
      (a) => (a.components.api.dependsOn = ["db"]),
      ['mini: components.api.dependsOn.0 ("db") is not a component of mini; use one of (none)'],
    ],
    [
      "a cross-app dependency names no port",
      (a) => (a.components.api.dependsOn = ["sinistre/api"]),
      [
        'mini: components.api.dependsOn.0 ("sinistre/api") calls another app without naming the port; a cross-app call opens only the port it names, never the callee\'s management port; write "sinistre/api:<port>", e.g. "sinistre/api:http"',
      ],
    ],
    [
      "a same-app dependency names a port the callee does not declare",
      (a) => {
        a.components.web = { image: a.components.api.image, dependsOn: ["api:admin"] };
      },
      ['mini: components.web.dependsOn.0 ("api:admin"): api has no port "admin"; use one of http'],
    ],
    [
      "an egress names a host",
      (a) => (a.components.api.egress = [{ host: "pricing.example.com", ports: [443] }]),
      [
        'mini: components.api.egress.0.host ("pricing.example.com") cannot be enforced: a NetworkPolicy matches IP addresses, never host names; declare the address block it resolves to ({ cidr: "192.0.2.0/24", ports: [443] }), or ask the platform team to catalogue the service in platform/catalog and declare { service: "<name>" } (catalogued: souscription-db, sinistre-db, contracts-mq, pricing)',
      ],
    ],
    [
      "an egress names a service the catalog does not have",
      (a) => (a.batches = { sync: { image: a.components.api.image, schedule: "0 1 * * *", egress: [{ service: "oracle" }] } }),
      [
        'mini: batches.sync.egress.0.service ("oracle") is not a shared service of the platform catalog; use one of souscription-db, sinistre-db, contracts-mq, pricing, or ask the platform team to catalogue it (or declare its { cidr, ports })',
      ],
    ],
    [
      "an egress names a port the service does not offer",
      (a) => (a.components.api.egress = [{ service: "pricing", ports: [443] }]),
      ["mini: components.api.egress.0.ports.0 (443) is not a port of pricing; use one of 80, or omit ports to use them all"],
    ],
    [
      "an egress declares both a service and a CIDR",
      (a) => (a.components.api.egress = [{ service: "pricing", cidr: "192.0.2.0/24", ports: [80] }]),
      [
        'mini: components.api.egress.0 declares service and cidr together; declare exactly one of { service: "<catalogued service>" } or { cidr: "<block>", ports: [<port>] }',
      ],
    ],
    [
      "an external egress is not a CIDR",
      (a) => (a.components.api.egress = [{ cidr: "192.0.2.300/24", ports: [443] }]),
      [
        'mini: components.api.egress.0.cidr ("192.0.2.300/24") is not an IPv4 CIDR block; write an address block such as "192.0.2.0/24" or "192.0.2.10/32"',
      ],
    ],
    [
      "an external egress is too wide and lists no port",
      (a) => (a.components.api.egress = [{ cidr: "0.0.0.0/0" }]),
      [
        'mini: components.api.egress.0.cidr ("0.0.0.0/0") opens 4294967296 addresses; an app may open a /16 at most; narrow it to the destination\'s addresses, or ask the platform team to catalogue the service',
        "mini: components.api.egress.0.ports is missing: an external call opens only the ports it lists; list the ports, e.g. ports: [443]",
      ],
    ],
    [
      "a component depends on itself",
      (a) => (a.components.api.dependsOn = ["api"]),
      ["mini: components.api.dependsOn.0 names the component itself; remove it"],
    ],
    [
      "the grace period does not outlast the drain",
      (a) => (a.components.api.shutdown = { drainSeconds: 20, gracePeriodSeconds: 20 }),
      [
        "mini: components.api.shutdown.gracePeriodSeconds (20) must be greater than drainSeconds (20) or in-flight requests are killed; raise it to at least 30",
      ],
    ],
    [
      "a config file set name is too long",
      (a) => (a.components.api.configFiles = { ["f".repeat(60)]: { mountPath: "/c", files: {} } }),
      [
        `mini: components.api.configFiles.${"f".repeat(60)} ("${"f".repeat(60)}") is 60 characters; the ConfigMap name mini-api-${"f".repeat(60)} would exceed the Kubernetes limit, so at most 54 are allowed; shorten the name`,
      ],
    ],
    [
      "a batch reuses a component name",
      (a) => (a.batches = { api: { image: a.components.api.image, schedule: "0 1 * * *" } }),
      ['mini: batches.api uses the name of component "api"; give the batch a distinct name: both become objects named <app>-<name>'],
    ],
    [
      "a batch name is too long for a CronJob",
      (a) => (a.batches = { ["b".repeat(48)]: { image: a.components.api.image, schedule: "0 1 * * *" } }),
      [
        `mini: batches.${"b".repeat(48)} ("${"b".repeat(48)}") is 48 characters; the CronJob name mini-${"b".repeat(48)} (52 characters at most: Kubernetes appends an 11-character Job suffix) or the instance label mini-${"b".repeat(48)}-prod would exceed the Kubernetes limit, so at most 47 are allowed; shorten the name`,
      ],
    ],
    [
      "a batch schedule is invalid",
      (a) => (a.batches = { nightly: { image: a.components.api.image, schedule: "0 25 * * *" } }),
      [
        'mini: batches.nightly.schedule ("0 25 * * *") is not a valid cron schedule: hour "25" is outside 0-23; write five fields "minute hour day-of-month month day-of-week", e.g. "30 2 * * *"',
      ],
    ],
    [
      "an override names an undeclared component",
      (a) => (a.environments = { prod: { components: { web: { scaling: { min: 2, max: 3 } } } } }),
      [
        "mini: environments.prod.components.web overrides a component that is not declared; declare components.web or fix the name (declared: api)",
      ],
    ],
    [
      "an override names an undeclared batch",
      (a) => (a.environments = { dev: { batches: { nightly: { suspend: true } } } }),
      ["mini: environments.dev.batches.nightly overrides a batch that is not declared; declare batches.nightly or fix the name"],
    ],
    [
      "an override pins latest",
      (a) => (a.environments = { dev: { components: { api: { image: { version: "latest" } } } } }),
      [
        'mini: environments.dev.components.api.image.version ("latest") is not an immutable version; use the version tag the build produced, e.g. 1.4.2',
      ],
    ],
    [
      "an override sets an invalid batch schedule",
      (a) => {
        a.batches = { nightly: { image: a.components.api.image, schedule: "0 1 * * *" } };
        a.environments = { re7: { batches: { nightly: { schedule: "every day" } } } };
      },
      [
        'mini: environments.re7.batches.nightly.schedule ("every day") is not a valid cron schedule: expected 5 fields (minute hour day-of-month month day-of-week), got 2; write five fields "minute hour day-of-month month day-of-week", e.g. "30 2 * * *"',
      ],
    ],
  ])("fails when %s", (_case, mutate, expected) => {
    expect(messages(mutate)).toEqual(expected);
  });

  it("reports every problem at once", () => {
    const found = messages((a) => {
      a.components.api.scaling = { min: 3, max: 1 };
      a.components.api.image.version = "latest";
      a.components.api.env = { API_TOKEN: "abc" };
    });
    expect(found).toHaveLength(3);
  });

  it("names an unnamed declaration so the message still says which input failed", () => {
    expect(messages((a) => delete a.name)[0]).toBe("<unnamed app>: name is required (string); add name");
  });
});
