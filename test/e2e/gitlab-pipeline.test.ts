/**
 * e2e: the generated GitLab pipeline of souscription, run job by job by gitlab-ci-local (the real
 * tool, shell executor, `--shell-isolation`: every job in a clean copy) against the embedded cluster,
 * with Pulumi state in the embedded S3 store. A merged change bumps the api to 4.13.0 and its image
 * job's digest reaches the Dev deploy as BELUGA_DIGEST_API; Int, RE7 and Prod receive what the
 * environment before them runs, read from its stack. Prod refuses a digest RE7 never ran, then deploys
 * the promoted one, leaves a release record and posts the notification to a webhook receiver on
 * 127.0.0.1. A second pipeline rebuilds only the web component: every other component keeps its digest
 * in every environment (no rollback to the digest written in app.ts). Two `up` of one stack at once:
 * the second is refused naming the lock holder, while another app's stack deploys alongside.
 */
import { readFileSync, readdirSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { readStackRecord, upStack } from "../../platform/deploy";
import { PipelineCheckout } from "./pipeline-checkout";
import { clusterUp, kubectl, requirePlatformEnv, seedStack } from "./platform-harness";

jest.setTimeout(1_500_000);

const PIPELINE = "apps/souscription/.gitlab-ci.yml";
const PROMOTED = `sha256:${"ab".repeat(32)}`;
const NEVER_IN_RE7 = `sha256:${"cd".repeat(32)}`;
const WEB_REBUILT = `sha256:${"ef".repeat(32)}`;
const ENVS = ["dev", "int", "re7", "prod"] as const;

let checkout: PipelineCheckout;
let receiver: Server;
const received: Array<{ path: string; body: any }> = [];
let variables: Record<string, string>;

const liveImage = (env: string, component = "api") =>
  kubectl([
    "get",
    "deployment",
    `souscription-${component}`,
    "-n",
    `souscription-${env}`,
    "-o",
    "jsonpath={.spec.template.spec.containers[0].image}",
  ]).out;
const digestOfImage = (image: string) => image.slice(image.indexOf("@") + 1);
/** Release records the deploy jobs kept as job artifacts (gitlab-ci-local keeps each job's under its state folder). */
const releaseRecords = (): string[] => {
  const root = join(checkout.dir, ".gitlab-ci-local", "artifacts");
  try {
    return (readdirSync(root, { recursive: true }) as string[])
      .filter((f) => /(^|\/)releases\/.*\.json$/.test(f))
      .map((f) => join(root, f));
  } catch {
    return [];
  }
};

beforeAll(async () => {
  requirePlatformEnv();
  clusterUp();
  // The platform team's own pipeline provides the namespaces; app pipelines never deploy them.
  for (const env of ENVS) await upStack({ project: "platform", env });
  // What Prod runs before this release: the repository's declaration (4.12.0), seeded.
  await seedStack({ project: "souscription", env: "prod" });
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      received.push({ path: req.url ?? "", body: JSON.parse(body) });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const port = (receiver.address() as AddressInfo).port;
  checkout = new PipelineCheckout();
  checkout.commitChange(
    "apps/souscription/app.ts",
    (t) => t.replace(/(artifact: "souscription-api",\s+version: )"4\.12\.0"/, '$1"4.13.0"'),
    "souscription: api 4.13.0",
  );
  variables = {
    BELUGA_DIGEST_API: PROMOTED,
    BELUGA_RELEASE_WEBHOOK_URL: `http://127.0.0.1:${port}/hooks/releases`,
    GITLAB_USER_LOGIN: "m.durand",
    BELUGA_CHANGE_ID: "CHG-004242",
    // The CI/CD file variables of each environment's kubeconfig: here all four are the embedded cluster's.
    ...Object.fromEntries(ENVS.map((env) => [`BELUGA_KUBECONFIG_${env.toUpperCase()}`, process.env.KUBECONFIG!])),
  };
});

afterAll(async () => {
  checkout?.remove();
  if (receiver) await new Promise((r) => receiver.close(r));
});

describe("souscription's generated pipeline on the embedded cluster", () => {
  it("deploys the new digest to Dev, then Int, through the generated jobs, each in a clean copy", async () => {
    for (const env of ["dev", "int"]) {
      const run = await checkout.runJob(PIPELINE, `souscription:deploy:${env}`, variables);
      expect({ env, status: run.status, tail: run.status === 0 ? "" : run.output.slice(-4000) }).toEqual({ env, status: 0, tail: "" });
      expect(run.output).toContain(`PASS  souscription:deploy:${env}`);
      // Int was told nothing about the new digest: it read what Dev runs from Dev's stack.
      if (env === "int") expect(run.output).toContain(`release: souscription: api 4.13.0 received from dev (${PROMOTED})`);
      // Dev pulls from the dev registry; from Int on, the promoted image comes from the release registry.
      expect(liveImage(env)).toBe(
        `registry.beluga.internal/${env === "dev" ? "dev" : "release"}/subscription/souscription-api:4.13.0@${PROMOTED}`,
      );
    }
  });

  it("promotes it to RE7 with a release record", async () => {
    const run = await checkout.runJob(PIPELINE, "souscription:deploy:re7", variables);
    expect({ status: run.status, tail: run.status === 0 ? "" : run.output.slice(-4000) }).toEqual({ status: 0, tail: "" });
    expect(run.output).toContain("gate: souscription → re7 allowed");
    expect(liveImage("re7")).toContain(`souscription-api:4.13.0@${PROMOTED}`);
    expect(releaseRecords().filter((f) => f.includes("souscription-re7-"))).toHaveLength(1);
  });

  it("fails when Prod is asked for a digest RE7 never ran: refused by the gate, nothing deployed, nothing recorded", async () => {
    const before = liveImage("prod");
    const notified = received.length;
    const run = await checkout.runJob(PIPELINE, "souscription:deploy:prod", { ...variables, BELUGA_DIGEST_API: NEVER_IN_RE7 });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain(`souscription: api ${NEVER_IN_RE7} has not been verified in RE7`);
    expect(liveImage("prod")).toBe(before);
    expect(releaseRecords().filter((f) => f.includes("souscription-prod-"))).toEqual([]);
    // The refusal is notified as clearly as a release: one post, saying it was refused and why.
    expect(received.length).toBe(notified + 1);
    expect(received[notified].body.outcome).toMatchObject({ app: "souscription", env: "prod" });
    // Why, read from the outcome file the failing command left in the job's copy for its after_script.
    expect(received[notified].body.text).toContain("has not been verified in RE7");
  });

  it("deploys the promoted digest to Prod, leaves the release record and posts the notification", async () => {
    const run = await checkout.runJob(PIPELINE, "souscription:deploy:prod", variables);
    expect({ status: run.status, tail: run.status === 0 ? "" : run.output.slice(-4000) }).toEqual({ status: 0, tail: "" });
    expect(liveImage("prod")).toBe(`registry.beluga.internal/release/subscription/souscription-api:4.13.0@${PROMOTED}`);

    const [file] = releaseRecords().filter((f) => f.includes("souscription-prod-"));
    expect(file).toBeDefined();
    const record = JSON.parse(readFileSync(file, "utf8"));
    expect(record).toMatchObject({ app: "souscription", env: "prod", deployedBy: "m.durand", changeId: "CHG-004242" });
    expect(record.components.find((c: any) => c.name === "api")).toMatchObject({ version: "4.13.0", digest: PROMOTED });
    expect(record.components.find((c: any) => c.name === "api").lineage.socle.name).toBe("java21-spring");
    // The plain-words summary comes from the real preview the job took before deploying.
    // (Other components' lines come first when the stacks still hold an earlier run's web rebuild.)
    expect(record.summary).toContainEqual(
      expect.stringMatching(
        /^api: new image 4\.12\.0 \(sha256:[0-9a-f]{8}\) → 4\.13\.0 \(sha256:abababab\) → rolling restart of \d+ pods, zero downtime kept/,
      ),
    );
    expect(readFileSync(file.replace(/\.json$/, ".md"), "utf8")).toContain("## souscription → Prod");

    const prodNotes = received.filter((r) => r.body.record?.env === "prod");
    expect(prodNotes.map((n) => n.path)).toEqual(["/hooks/releases"]);
    expect(prodNotes[0].body.text.split("\n")[0]).toMatch(
      /^souscription deployed to Prod by m\.durand \(change CHG-004242\): .*api 4\.13\.0/,
    );
  });

  it("keeps every other component's digest in every environment when a second pipeline rebuilds only web", async () => {
    const before = Object.fromEntries(ENVS.map((env) => [env, { api: liveImage(env, "api"), worker: liveImage(env, "worker") }]));
    checkout.commitChange(
      "apps/souscription/app.ts",
      (t) => t.replace(/(artifact: "souscription-web",\s+version: )"4\.12\.0"/, '$1"4.12.1"'),
      "souscription: web 4.12.1",
    );
    // Only web's image job ran in this pipeline: BELUGA_DIGEST_API is gone.
    const second = { ...variables, BELUGA_DIGEST_WEB: WEB_REBUILT };
    delete (second as Record<string, string>).BELUGA_DIGEST_API;
    for (const env of ENVS) {
      const run = await checkout.runJob(PIPELINE, `souscription:deploy:${env}`, second);
      expect({ env, status: run.status, tail: run.status === 0 ? "" : run.output.slice(-4000) }).toEqual({ env, status: 0, tail: "" });
      expect(liveImage(env, "web")).toContain(`souscription-web:4.12.1@${WEB_REBUILT}`);
      expect({ env, api: liveImage(env, "api"), worker: liveImage(env, "worker") }).toEqual({ env, ...before[env] });
      expect(liveImage(env, "api")).toContain(`souscription-api:4.13.0@${PROMOTED}`);
      // The stack in the shared backend says the same as the cluster.
      const record = await readStackRecord({ project: "souscription", env });
      expect(record).toMatchObject({
        digests: { api: PROMOTED, web: WEB_REBUILT, worker: digestOfImage(before[env].worker) },
        versions: { api: "4.13.0", web: "4.12.1" },
        lastUpdate: { result: "succeeded" },
      });
    }
  });
});

describe("the shared state backend's locks", () => {
  it("fails a second up of a stack while one runs, naming the holder, and lets another stack deploy alongside", async () => {
    const [first, second, other] = await Promise.allSettled([
      upStack({ project: "souscription", env: "dev" }),
      new Promise((r) => setTimeout(r, 1500)).then(() => upStack({ project: "souscription", env: "dev" })),
      upStack({ project: "sinistre", env: "dev" }),
    ]);
    expect(first.status).toBe("fulfilled");
    expect(other.status).toBe("fulfilled");
    expect(second.status).toBe("rejected");
    const message = String((second as PromiseRejectedResult).reason?.message ?? second);
    expect(message).toContain("the stack is currently locked");
    // The lock file names who holds it: user@host and pid.
    expect(message).toMatch(/created by \S+@\S+ \(pid \d+\)/);
  });
});
