import { type EnvironmentDeclaration, EnvironmentSpec } from "../model";
import { InstanceError, UnknownNameError } from "./instance-error";

/**
 * The environments of an instance, in promotion order (Dev, Int, RE7, Prod here). Built once from
 * `environments/`: checks that names are unique and that each `promotesFrom` names an earlier
 * environment, so the promotion chain cannot loop.
 *
 * @example
 * const environments = EnvironmentSet.of([dev, int, re7, prod]);
 * environments.get("re7").promotesFrom; // "int"
 */
export class EnvironmentSet {
  /** Stack names in promotion order. */
  readonly names: readonly string[];
  private readonly byName: ReadonlyMap<string, EnvironmentSpec>;

  private constructor(readonly list: readonly EnvironmentSpec[]) {
    this.names = list.map((e) => e.name);
    this.byName = new Map(list.map((e) => [e.name, e]));
  }

  /** Validates the declarations (every problem at once) and builds the set. @throws InstanceError */
  static of(declarations: readonly (EnvironmentDeclaration | EnvironmentSpec)[]): EnvironmentSet {
    const problems: string[] = [];
    const specs: EnvironmentSpec[] = [];
    for (const [i, declaration] of declarations.entries()) {
      const parsed = EnvironmentSpec.safeParse(declaration);
      const label = (declaration as { name?: unknown }).name ?? `#${i + 1}`;
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          problems.push(
            `environment ${String(label)}: ${issue.path.join(".") || "(root)"}: ${issue.message}; fix environments/${String(label)}.ts`,
          );
        }
        continue;
      }
      specs.push(parsed.data);
    }
    if (declarations.length === 0) problems.push("an instance needs at least one environment; add one file to environments/");
    const seen = new Set<string>();
    for (const env of specs) {
      if (seen.has(env.name))
        problems.push(`environment ${env.name} is declared twice; environment names are stack names and must be unique`);
      if (env.promotesFrom !== undefined && !seen.has(env.promotesFrom)) {
        problems.push(
          `environment ${env.name}: promotesFrom "${env.promotesFrom}" is not an earlier environment ` +
            `(earlier: ${[...seen].join(", ") || "none"}); list environments in promotion order and promote from one before it`,
        );
      }
      seen.add(env.name);
    }
    if (problems.length > 0) throw new InstanceError(problems);
    return new EnvironmentSet(specs);
  }

  /** The environment named `name`. @throws UnknownNameError */
  get(name: string): EnvironmentSpec {
    const env = this.byName.get(name);
    if (!env) throw new UnknownNameError("environment", name, this.names);
    return env;
  }

  /** Whether `name` is one of the environments. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** How people write the environment's name (RE7 for `re7`); the name itself when unknown. */
  display(name: string): string {
    return this.byName.get(name)?.displayName ?? name;
  }

  /** The environment an image must have passed before `name`, if any. */
  previous(name: string): EnvironmentSpec | undefined {
    const from = this.get(name).promotesFrom;
    return from === undefined ? undefined : this.get(from);
  }

  /** `dev (Dev), int (Int), …` for help texts and messages. */
  describe(): string {
    return this.list.map((e) => `${e.name} (${e.displayName})`).join(", ");
  }
}
