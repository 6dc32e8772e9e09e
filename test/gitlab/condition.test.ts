import {
  all,
  any,
  defined,
  equals,
  evaluateCondition,
  matches,
  notEquals,
  notMatches,
  renderCondition,
} from "../../constructs/gitlab/condition";

describe("condition", () => {
  it("renders GitLab's expression syntax, parenthesising || inside &&", () => {
    const c = all(
      defined("CI_DEPLOY_FREEZE"),
      equals("BELUGA_CHANGE_ID", null),
      any(equals("A", "x"), notEquals("B", { variable: "C" })),
      matches("CI_COMMIT_TAG", "^v[0-9]+"),
    );
    expect(renderCondition(c)).toBe(
      '$CI_DEPLOY_FREEZE && $BELUGA_CHANGE_ID == null && ($A == "x" || $B != $C) && $CI_COMMIT_TAG =~ /^v[0-9]+/',
    );
  });

  it("evaluates like GitLab: unset is null, `$VAR` needs a non-empty value, variables compare to variables", () => {
    expect(evaluateCondition(equals("X", null), {})).toBe(true);
    expect(evaluateCondition(equals("X", null), { X: "" })).toBe(false);
    expect(evaluateCondition(defined("X"), { X: "" })).toBe(false);
    expect(evaluateCondition(defined("X"), { X: "1" })).toBe(true);
    expect(
      evaluateCondition(equals("CI_COMMIT_BRANCH", { variable: "CI_DEFAULT_BRANCH" }), {
        CI_COMMIT_BRANCH: "main",
        CI_DEFAULT_BRANCH: "main",
      }),
    ).toBe(true);
    expect(evaluateCondition(equals("CI_COMMIT_BRANCH", { variable: "CI_DEFAULT_BRANCH" }), { CI_DEFAULT_BRANCH: "main" })).toBe(false);
    expect(evaluateCondition(matches("T", "^v[0-9]+$"), { T: "v12" })).toBe(true);
    expect(evaluateCondition(matches("T", "^v[0-9]+$"), {})).toBe(false);
    expect(evaluateCondition(any(defined("A"), defined("B")), { B: "1" })).toBe(true);
    expect(evaluateCondition(all(defined("A"), defined("B")), { B: "1" })).toBe(false);
  });

  it("renders and evaluates a non-match, which an unset variable satisfies (the freeze rule without a change id)", () => {
    const frozen = all(defined("CI_DEPLOY_FREEZE"), notMatches("BELUGA_CHANGE_ID", "^CHG-[0-9]{6}$"));
    expect(renderCondition(frozen)).toBe("$CI_DEPLOY_FREEZE && $BELUGA_CHANGE_ID !~ /^CHG-[0-9]{6}$/");
    expect(evaluateCondition(frozen, { CI_DEPLOY_FREEZE: "true" })).toBe(true);
    expect(evaluateCondition(frozen, { CI_DEPLOY_FREEZE: "true", BELUGA_CHANGE_ID: "CHG-42" })).toBe(true);
    expect(evaluateCondition(frozen, { CI_DEPLOY_FREEZE: "true", BELUGA_CHANGE_ID: "CHG-004242" })).toBe(false);
  });
});
