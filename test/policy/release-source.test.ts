import type { AppDeclaration } from "../../constructs/model";
import { type StackRecord, checkPromotion, releasePlan } from "../../constructs/policy";
import { environments } from "../../environments";
import { digestOf } from "../fixtures/declarations";

/** Two components at 4.13.0 / 4.12.0; the declaration still carries the 4.12.0 digests (bootstrap). */
const app = (): AppDeclaration => ({
  name: "shop",
  team: "core",
  criticality: "standard",
  release: { policy: "continuous" },
  components: {
    api: { image: { socle: "java21-spring", artifact: "shop-api", version: "4.13.0", digest: digestOf("api-4.12.0") } },
    web: { image: { socle: "nginx-static", artifact: "shop-web", version: "4.12.0", digest: digestOf("web-4.12.0") } },
  },
});
const API_413 = digestOf("api-4.13.0");
const WEB_412 = digestOf("web-4.12.0");
const WEB_NEW = digestOf("web-4.12.0-rebuilt");
const ok = (env: string, digests: Record<string, string>, versions: Record<string, string>): StackRecord => ({
  env,
  digests,
  versions,
  lastUpdate: { result: "succeeded", endTime: "2026-11-29T10:00:00.000Z" },
});

describe("releasePlan (the version of record)", () => {
  it("keeps what Dev runs for a component this pipeline did not rebuild: no rollback to the declared digest", () => {
    // Pipeline 2 rebuilt only web; Dev runs api 4.13.0 from pipeline 1.
    const current = ok("dev", { api: API_413, web: WEB_412 }, { api: "4.13.0", web: "4.12.0" });
    const plan = releasePlan(app(), environments.get("dev"), { current, built: { web: WEB_NEW } });
    expect(plan.digests).toEqual({ api: API_413, web: WEB_NEW });
    expect(plan.sources).toEqual({ api: "kept", web: "built" });
    expect(plan.notes).toContain(`shop: api 4.13.0 kept: dev already runs it (${API_413})`);
  });

  it("falls back to the declaration when the environment runs another version or never ran the app", () => {
    const current = ok("dev", { api: digestOf("api-4.11.0") }, { api: "4.11.0" });
    expect(releasePlan(app(), environments.get("dev"), { current }).sources).toEqual({ api: "declared", web: "declared" });
    expect(releasePlan(app(), environments.get("dev"), {}).digests).toEqual({});
  });

  it("gives Int exactly what Dev runs, and the promotion gate passes on it", () => {
    const previous = ok("dev", { api: API_413, web: WEB_NEW }, { api: "4.13.0", web: "4.12.0" });
    const plan = releasePlan(app(), environments.get("int"), { previous });
    expect(plan.digests).toEqual({ api: API_413, web: WEB_NEW });
    expect(plan.sources).toEqual({ api: "promoted", web: "promoted" });
    expect(checkPromotion(plan.ledger, "shop", environments.get("int"), environments, plan.digests).passed).toBe(true);
  });

  it("counts a digest the pipeline also built as promoted when the previous environment runs it", () => {
    const previous = ok("re7", { api: API_413, web: WEB_412 }, { api: "4.13.0", web: "4.12.0" });
    expect(releasePlan(app(), environments.get("prod"), { previous, built: { api: API_413 } }).sources.api).toBe("promoted");
  });

  it("fails the promotion gate when the pipeline brings a digest the previous environment does not run", () => {
    const previous = ok("re7", { api: API_413, web: WEB_412 }, { api: "4.13.0", web: "4.12.0" });
    const plan = releasePlan(app(), environments.get("prod"), { previous, built: { api: digestOf("never-in-re7") } });
    expect(plan.sources.api).toBe("built");
    const decision = checkPromotion(plan.ledger, "shop", environments.get("prod"), environments, plan.digests);
    expect(decision.passed).toBe(false);
    expect(decision.messages.join("\n")).toContain(`api ${digestOf("never-in-re7")} has not been verified in RE7 (RE7 ran ${API_413})`);
  });

  it("fails when the previous environment's last update failed: what it reports is not trusted", () => {
    const previous: StackRecord = { ...ok("int", { api: API_413 }, { api: "4.13.0" }), lastUpdate: { result: "failed" } };
    const plan = releasePlan(app(), environments.get("re7"), { previous });
    expect(plan.ledger.entries).toEqual([]);
    expect(plan.sources.api).toBe("declared");
    expect(plan.notes[0]).toBe("shop: the previous environment's stack (int) last update failed; what it reports running is not used.");
    expect(checkPromotion(plan.ledger, "shop", environments.get("re7"), environments, { api: API_413 }).passed).toBe(false);
  });

  it("does not reuse the previous environment's digest for another version than the declared one", () => {
    const previous = ok("dev", { api: digestOf("api-4.12.0") }, { api: "4.12.0" });
    expect(releasePlan(app(), environments.get("int"), { previous }).sources.api).toBe("declared");
  });
});
