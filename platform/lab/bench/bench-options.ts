/**
 * Command-line parsing shared by the cluster benchmarks (`bench:deploy`, `bench:fleet`): a usage
 * mistake is commander's one-line error and exit code, never a stack trace.
 */
import { InvalidArgumentError } from "commander";

/** A commander argument parser accepting an integer ≥ 1, its message naming the option. */
export const positiveInt =
  (name: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be an integer ≥ 1 (got ${value})`);
    return n;
  };

/** A commander argument parser accepting one of `choices`, its message listing them. */
export const oneOf =
  <T extends string>(name: string, choices: readonly T[]) =>
  (value: string): T => {
    if (!(choices as readonly string[]).includes(value))
      throw new InvalidArgumentError(`${name} must be one of ${choices.join(", ")} (got ${value})`);
    return value as T;
  };
