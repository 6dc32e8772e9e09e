import {
  type CatalogSpec,
  CatalogSpec as CatalogSchema,
  type ChangeManagement,
  DEFAULT_CHANGE_MANAGEMENT,
  type EnvironmentDeclaration,
  type EnvironmentSpec,
  changeManagementProblems,
} from "../model";
import { EnvironmentSet } from "./environment-set";
import { InstanceError } from "./instance-error";

/**
 * One company's data the library renders: its catalog (base and socle images, profiles, probe
 * defaults) and its environments in promotion order. The library never imports an instance; every
 * entry point takes one, so two instances (a test estate, another business unit) live side by side.
 */
export interface BelugaInstance {
  /** A name for messages (`beluga`, `test-estate`). */
  readonly name: string;
  readonly catalog: CatalogSpec;
  readonly environments: EnvironmentSet;
  /** The one change-id variable and format of the freeze rule, the release-window gate and the release record. */
  readonly changeManagement: ChangeManagement;
}

/** What `defineInstance` takes. */
export interface BelugaInstanceProps {
  /** @default "beluga" */
  readonly name?: string;
  readonly catalog: CatalogSpec;
  /** In promotion order. */
  readonly environments: readonly (EnvironmentDeclaration | EnvironmentSpec)[];
  /** @default DEFAULT_CHANGE_MANAGEMENT (`BELUGA_CHANGE_ID`, `^CHG-[0-9]{6}$`, e.g. `CHG-123456`) */
  readonly changeManagement?: ChangeManagement;
}

/**
 * Validates and builds an instance; every problem is reported at once.
 * @throws InstanceError
 * @example
 * export const instance = defineInstance({ catalog, environments: [dev, int, re7, prod] });
 */
export function defineInstance(props: BelugaInstanceProps): BelugaInstance {
  const catalog = CatalogSchema.safeParse(props.catalog);
  const problems = catalog.success
    ? []
    : catalog.error.issues.map((i) => `catalog: ${i.path.join(".")}: ${i.message}; fix platform/catalog`);
  const changeManagement = props.changeManagement ?? DEFAULT_CHANGE_MANAGEMENT;
  problems.push(...changeManagementProblems(changeManagement).map((p) => `${p}; fix the instance's changeManagement`));
  let environments: EnvironmentSet | undefined;
  try {
    environments = EnvironmentSet.of(props.environments);
  } catch (error) {
    if (!(error instanceof InstanceError)) throw error;
    problems.push(...error.messages);
  }
  if (problems.length > 0 || !environments || !catalog.success) throw new InstanceError(problems);
  return { name: props.name ?? "beluga", catalog: catalog.data, environments, changeManagement };
}
