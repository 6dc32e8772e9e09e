import { checkPromotion, ledgerFromStackOutputs, recordDeployment } from "../../constructs/policy";
import { environments } from "../../environments";
import { digestOf } from "../fixtures/declarations";

const A = digestOf("api-1");
const B = digestOf("api-2");
const at = new Date("2026-04-14T08:00:00Z");

describe("promotion by digest", () => {
  const ledger = recordDeployment(
    recordDeployment({ entries: [] }, "sinistre", "dev", { api: A }, at),
    "sinistre",
    "int",
    { api: A },
    at,
    "ci-bot",
  );

  it("orders environments dev → int → re7 → prod from each environment's promotesFrom", () => {
    expect(environments.names.map((e) => environments.previous(e)?.name)).toEqual([undefined, "dev", "int", "re7"]);
  });

  it("lets a digest reach RE7 after Int", () => {
    const decision = checkPromotion(ledger, "sinistre", environments.get("re7"), environments, { api: A });
    expect(decision).toMatchObject({ gate: "promotion", passed: true, allowed: true });
  });

  it("fails when Prod gets a digest that never ran in RE7, naming what RE7 ran and the fix", () => {
    const withRe7 = recordDeployment(ledger, "sinistre", "re7", { api: A }, at);
    expect(checkPromotion(withRe7, "sinistre", environments.get("prod"), environments, { api: B })).toEqual({
      gate: "promotion",
      passed: false,
      allowed: false,
      messages: [
        `sinistre: api ${B} has not been verified in RE7 (RE7 ran ${A}); deploy this digest to RE7 first, then promote it to Prod.`,
      ],
      refusals: [
        `sinistre: api ${B} has not been verified in RE7 (RE7 ran ${A}); deploy this digest to RE7 first, then promote it to Prod.`,
      ],
    });
  });

  it("refuses naming only the workloads that fail when the others are verified", () => {
    const withRe7 = recordDeployment(ledger, "sinistre", "re7", { api: A, batch: A }, at);
    const decision = checkPromotion(withRe7, "sinistre", environments.get("prod"), environments, { api: B, batch: A });
    expect(decision.refusals).toEqual([
      `sinistre: api ${B} has not been verified in RE7 (RE7 ran ${A}); deploy this digest to RE7 first, then promote it to Prod.`,
    ]);
    expect(decision.messages).toHaveLength(2);
  });

  it("fails when a digest skips an environment (Dev straight to RE7)", () => {
    const devOnly = recordDeployment({ entries: [] }, "sinistre", "dev", { api: B }, at);
    expect(checkPromotion(devOnly, "sinistre", environments.get("re7"), environments, { api: B }).allowed).toBe(false);
  });

  it("fails when the digest is missing", () => {
    expect(checkPromotion(ledger, "sinistre", environments.get("int"), environments, { api: undefined }).messages[0]).toBe(
      "sinistre: api has no digest, so its promotion to Int cannot be verified; deploy by digest (stack config beluga:digests or BELUGA_DIGEST_API).",
    );
  });

  it("does not mix apps that share a workload name", () => {
    expect(checkPromotion(ledger, "souscription", environments.get("int"), environments, { api: A }).allowed).toBe(false);
  });

  it("rebuilds the record from a stack's digests output", () => {
    expect(ledgerFromStackOutputs("sinistre", "re7", { digests: { api: A } }, at).entries).toEqual([
      { app: "sinistre", workload: "api", env: "re7", digest: A, at: "2026-04-14T08:00:00.000Z" },
    ]);
  });
});
