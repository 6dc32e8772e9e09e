import { all, any, defined, equals, evaluateCondition, matches, notEquals, renderCondition } from "../../constructs/gitlab/condition";

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
});
