import { checkReleaseWindow, monthDay } from "../../constructs/policy";
import { environments } from "../../environments";

const train = {
  policy: "release-train" as const,
  windows: [
    { from: "04-01", to: "04-30" },
    { from: "10-01", to: "10-31" },
  ],
};

describe("release windows", () => {
  it("reads the month-day in Europe/Paris (22:30 UTC on 31 March is already April in Paris)", () => {
    expect(monthDay(new Date("2026-03-31T22:30:00Z"))).toBe("04-01");
  });

  it("lets a release-train app deploy to Prod inside a window, bounds included", () => {
    expect(checkReleaseWindow("gestion-contrats", train, environments.get("prod"), new Date("2026-10-31T12:00:00Z"))).toEqual({
      gate: "release-window",
      passed: true,
      allowed: true,
      messages: ["gestion-contrats: 10-31 is inside the release window 10-01 → 10-31."],
    });
  });

  it("fails when a release-train app deploys to Prod outside its windows without an emergency change", () => {
    expect(checkReleaseWindow("gestion-contrats", train, environments.get("prod"), new Date("2026-11-22T10:00:00Z"))).toEqual({
      gate: "release-window",
      passed: false,
      allowed: false,
      messages: [
        "gestion-contrats: 11-22 is outside the release windows (04-01 → 04-30, 10-01 → 10-31), so Prod refuses this deploy; wait for the next window or give an emergency change id (BELUGA_CHANGE_ID=CHG-123456 or --emergency-change).",
      ],
    });
  });

  it("allows it outside a window under an emergency change, and says so for the log", () => {
    expect(
      checkReleaseWindow("gestion-contrats", train, environments.get("prod"), new Date("2026-11-22T10:00:00Z"), "CHG-004711").messages,
    ).toEqual([
      "gestion-contrats: 11-22 is outside the release windows (04-01 → 04-30, 10-01 → 10-31); deploying to Prod under emergency change CHG-004711.",
    ]);
  });

  it("fails when the emergency change id is malformed", () => {
    expect(
      checkReleaseWindow("gestion-contrats", train, environments.get("prod"), new Date("2026-11-22T10:00:00Z"), "urgent!").allowed,
    ).toBe(false);
  });

  it("fails when a change id is malformed, in every environment, even inside a window: no record may carry it", () => {
    const inWindow = new Date("2026-10-15T10:00:00Z");
    expect(checkReleaseWindow("gestion-contrats", train, environments.get("dev"), inWindow, "CHG0042001")).toEqual({
      gate: "release-window",
      passed: false,
      allowed: false,
      messages: [
        'gestion-contrats: change id "CHG0042001" (BELUGA_CHANGE_ID) is malformed: ids look like CHG-123456 (^CHG-[0-9]{6}$); give the id as the change-management tool issued it, so Dev refuses this deploy.',
      ],
    });
    expect(checkReleaseWindow("gestion-contrats", train, environments.get("prod"), inWindow, "CHG-004711").allowed).toBe(true);
  });

  it("reads the id format of the instance's change management", () => {
    const jira = { variable: "CHANGE", idPattern: "^OPS-[0-9]+$", example: "OPS-42" };
    const outside = new Date("2026-11-22T10:00:00Z");
    expect(checkReleaseWindow("gestion-contrats", train, environments.get("prod"), outside, "OPS-7", jira).allowed).toBe(true);
    expect(checkReleaseWindow("gestion-contrats", train, environments.get("prod"), outside, "CHG-004711", jira).messages).toEqual([
      'gestion-contrats: change id "CHG-004711" (CHANGE) is malformed: ids look like OPS-42 (^OPS-[0-9]+$); give the id as the change-management tool issued it, so Prod refuses this deploy.',
    ]);
    expect(checkReleaseWindow("gestion-contrats", train, environments.get("prod"), outside, undefined, jira).messages[0]).toContain(
      "(CHANGE=OPS-42 or --emergency-change)",
    );
  });

  it("never holds back other environments or continuous apps", () => {
    expect(checkReleaseWindow("gestion-contrats", train, environments.get("re7"), new Date("2026-11-22T10:00:00Z")).allowed).toBe(true);
    expect(
      checkReleaseWindow("sinistre", { policy: "continuous" }, environments.get("prod"), new Date("2026-11-22T10:00:00Z")).allowed,
    ).toBe(true);
  });
});
