import { InvalidArgumentError } from "commander";
import { oneOf, positiveInt } from "../../../platform/lab/bench/bench-options";

describe("positiveInt", () => {
  it("accepts an integer ≥ 1", () => {
    expect(positiveInt("--runs")("7")).toBe(7);
  });

  it.each(["0", "-2", "1.5", "five"])("fails when the value is %s, naming the option", (value) => {
    const parse = () => positiveInt("--runs")(value);
    expect(parse).toThrow(InvalidArgumentError);
    expect(parse).toThrow(`--runs must be an integer ≥ 1 (got ${value})`);
  });
});

describe("oneOf", () => {
  it("accepts a listed choice", () => {
    expect(oneOf("--app", ["sinistre", "souscription"])("souscription")).toBe("souscription");
  });

  it("fails when the value is not listed, listing the choices", () => {
    expect(() => oneOf("--app", ["sinistre", "souscription"])("sinistr")).toThrow(
      "--app must be one of sinistre, souscription (got sinistr)",
    );
  });
});
