/**
 * e2e: the generated GitLab pipeline of souscription, run job by job by gitlab-ci-local (the real
 * tool, shell executor) against the embedded cluster. A merged change bumps the api to 4.13.0 and
 * its image job's digest reaches the deploy jobs as BELUGA_DIGEST_API: Dev and Int deploy it, RE7
 * and Prod are the manual promotions. Prod refuses a digest RE7 never ran, then deploys the promoted
 * one, leaves a release record and posts the notification to a webhook receiver on 127.0.0.1.
 */
import { readFileSync, readdirSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { upStack } from "../../platform/deploy";
import { PipelineCheckout } from "./pipeline-checkout";
import { clusterUp, kubectl, requirePlatformEnv } from "./platform-harness";

jest.setTimeout(1_500_000);

const PIPELINE = "apps/souscription/.gitlab-ci.yml";
const PROMOTED = `sha256:${"ab".repeat(32)}`;
const NEVER_IN_RE7 = `sha256:${"cd".repeat(32)}`;

let checkout: PipelineCheckout;
let receiver: Server;
const received: Array<{ path: string; body: any }> = [];
let variables: Record<string, string>;

const liveImage = (env: string) =>
  kubectl([
    "get",
    "deployment",
    "souscription-api",
    "-n",
    `souscription-${env}`,
    "-o",
    "jsonpath={.spec.template.spec.containers[0].image}",
  ]).out;
const releaseRecords = (): string[] => {
  try {
    return (readdirSync(join(checkout.dir, "releases"), { recursive: true }) as string[]).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
};

beforeAll(async () => {
  requirePlatformEnv();
  clusterUp();
  // The platform team's own pipeline provides the namespaces; app pipelines never deploy them.
  for (const env of ["dev", "int", "re7", "prod"] as const) await upStack({ project: "platform", env });
  // What Prod runs before this release: the repository's declaration (4.12.0), whatever ran before.
  await upStack({ project: "souscription", env: "prod" });
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
    BELUGA_CHANGE_ID: "CHG-4242",
  };
});

afterAll(async () => {
  checkout?.remove();
  if (receiver) await new Promise((r) => receiver.close(r));
});

describe("souscription's generated pipeline on the embedded cluster", () => {
  it("deploys the new digest to Dev, then Int, through the generated jobs", async () => {
    for (const env of ["dev", "int"]) {
      const run = await checkout.runJob(PIPELINE, `souscription:deploy:${env}`, variables);
      expect({ env, status: run.status, tail: run.status === 0 ? "" : run.output.slice(-4000) }).toEqual({ env, status: 0, tail: "" });
      expect(run.output).toContain(`PASS  souscription:deploy:${env}`);
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
    expect(received.length).toBe(notified);
  });

  it("deploys the promoted digest to Prod, leaves the release record and posts the notification", async () => {
    const run = await checkout.runJob(PIPELINE, "souscription:deploy:prod", variables);
    expect({ status: run.status, tail: run.status === 0 ? "" : run.output.slice(-4000) }).toEqual({ status: 0, tail: "" });
    expect(liveImage("prod")).toBe(`registry.beluga.internal/release/subscription/souscription-api:4.13.0@${PROMOTED}`);

    const [file] = releaseRecords().filter((f) => f.includes("souscription-prod-"));
    const record = JSON.parse(readFileSync(join(checkout.dir, "releases", file), "utf8"));
    expect(record).toMatchObject({ app: "souscription", env: "prod", deployedBy: "m.durand", changeId: "CHG-4242" });
    expect(record.components.find((c: any) => c.name === "api")).toMatchObject({ version: "4.13.0", digest: PROMOTED });
    expect(record.components.find((c: any) => c.name === "api").lineage.socle.name).toBe("java21-spring");
    // The plain-words summary comes from the real preview the job took before deploying.
    expect(record.summary[0]).toMatch(
      /^api: new image 4\.12\.0 \(sha256:[0-9a-f]{8}\) → 4\.13\.0 \(sha256:abababab\) → rolling restart of \d+ pods, zero downtime kept/,
    );
    expect(readFileSync(join(checkout.dir, "releases", file.replace(/\.json$/, ".md")), "utf8")).toContain("## souscription → Prod");

    const prodNotes = received.filter((r) => r.body.record?.env === "prod");
    expect(prodNotes).toHaveLength(1);
    expect(prodNotes[0].path).toBe("/hooks/releases");
    expect(prodNotes[0].body.text.split("\n")[0]).toMatch(
      /^souscription deployed to Prod by m\.durand \(change CHG-4242\): .*api 4\.13\.0/,
    );
  });
});
