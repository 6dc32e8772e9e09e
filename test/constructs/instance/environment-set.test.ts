import { EnvironmentSet, InstanceError, defineInstance } from "../../../constructs/instance";
import { dev, environmentList, int, prod, re7 } from "../../../environments";
import { catalog } from "../../../platform/catalog";

describe("EnvironmentSet", () => {
  const environments = EnvironmentSet.of(environmentList);

  it("keeps the promotion order and each environment's predecessor", () => {
    expect(environments.names).toEqual(["dev", "int", "re7", "prod"]);
    expect(environments.names.map((n) => environments.previous(n)?.name)).toEqual([undefined, "dev", "int", "re7"]);
    expect(environments.describe()).toBe("dev (Dev), int (Int), re7 (RE7), prod (Prod)");
    expect(environments.display("re7")).toBe("RE7");
  });

  it("fails when an environment promotes from a later or unknown one", () => {
    expect(() => EnvironmentSet.of([{ ...dev, promotesFrom: "int" }, int])).toThrow(
      new InstanceError([
        'environment dev: promotesFrom "int" is not an earlier environment (earlier: none); list environments in promotion order and promote from one before it',
      ]),
    );
  });

  it("fails when a name is declared twice, reporting every problem at once", () => {
    const twice = () => EnvironmentSet.of([dev, { ...int, name: "dev", promotesFrom: undefined }, { ...re7, name: "Bad Name" }]);
    expect(twice).toThrow(InstanceError);
    try {
      twice();
    } catch (error) {
      expect((error as InstanceError).messages).toEqual([
        "environment Bad Name: name: an environment name is 1 to 8 lowercase letters or digits, starting with a letter; fix environments/Bad Name.ts",
        "environment dev is declared twice; environment names are stack names and must be unique",
      ]);
    }
  });

  it("fails when an instance has no environment", () => {
    expect(() => defineInstance({ catalog, environments: [] })).toThrow(
      "an instance needs at least one environment; add one file to environments/",
    );
  });

  it("accepts a pattern and traits as data: a namespace pattern without {app} is refused", () => {
    expect(() => EnvironmentSet.of([{ ...prod, promotesFrom: undefined, namespacePattern: "{env}-only" }])).toThrow(
      "environment prod: namespacePattern: the namespace pattern must contain {app}; fix environments/prod.ts",
    );
  });
});
