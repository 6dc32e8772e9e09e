import { ACCESS_LEVELS, accessLevelName, accessLevelNumber } from "../../../../constructs/gitlab/io/project";

describe("access levels", () => {
  it("maps the upstream provider's role names to GitLab's numbers and back", () => {
    expect(Object.entries(ACCESS_LEVELS).map(([name]) => accessLevelName(accessLevelNumber(name as keyof typeof ACCESS_LEVELS)))).toEqual(
      Object.keys(ACCESS_LEVELS),
    );
    expect([accessLevelNumber("no one"), accessLevelNumber("reporter"), accessLevelNumber("maintainer")]).toEqual([0, 20, 40]);
  });

  it("reads a number GitLab does not define as unknown", () => {
    expect(accessLevelName(35)).toBeUndefined();
    expect(accessLevelName(undefined)).toBeUndefined();
  });

  it("fails when a role name is not GitLab's, listing the allowed ones", () => {
    expect(() => accessLevelNumber("boss" as never)).toThrow(
      'unknown GitLab access level "boss"; use one of no one, minimal, guest, reporter, developer, maintainer, owner, admin',
    );
  });
});
