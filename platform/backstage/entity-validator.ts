/** A Backstage catalog entity, as written to `catalog-info.yaml`. */
export interface CatalogEntity {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly title?: string;
    readonly description?: string;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly tags?: readonly string[];
    readonly links?: ReadonlyArray<{ readonly url: string; readonly title?: string; readonly icon?: string; readonly type?: string }>;
  };
  readonly spec: Readonly<Record<string, unknown>>;
}

/**
 * Validates entities the way the Backstage catalog will when it ingests them: returns one message per
 * problem (empty when valid). Behind an interface so the rules below can be swapped for Backstage's own
 * library (`@backstage/catalog-model`: `EntityPolicies.allOf([new DefaultNamespaceEntityPolicy(),
 * new FieldFormatEntityPolicy(), new NoForeignRootFieldsEntityPolicy(), new SchemaValidEntityPolicy()])`
 * plus `entityKindSchemaValidator` of `systemEntityV1alpha1Validator`/`componentEntityV1alpha1Validator`)
 * once it is a dependency of the repository.
 */
export interface EntityValidator {
  validate(entity: CatalogEntity): Promise<string[]>;
}

/** Backstage's name format: 1–63 characters `[a-z0-9A-Z]` separated by `-`, `_` or `.`. @see https://backstage.io/docs/features/software-catalog/descriptor-format#name-required */
const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/** An entity reference `[<kind>:][<namespace>/]<name>`. @see https://backstage.io/docs/features/software-catalog/references */
const REF = /^([A-Za-z]+:)?([a-z0-9-]+\/)?[A-Za-z0-9][-A-Za-z0-9_.]*$/;
const ROOT_FIELDS = new Set(["apiVersion", "kind", "metadata", "spec", "relations", "status"]);

/**
 * The rules of Backstage's catalog model that our entities exercise, from its published JSON schemas
 * (`Entity.schema.json`, `kinds/System.v1alpha1.schema.json`, `kinds/Component.v1alpha1.schema.json`)
 * and its field-format policy: apiVersion `backstage.io/v1alpha1`, no foreign root fields, name format
 * and length, annotation keys, links with an absolute URL, System `spec.owner`, Component
 * `spec.type`/`lifecycle`/`owner` non-empty strings, `system` and `dependsOn` valid references.
 */
export class CatalogModelRules implements EntityValidator {
  async validate(entity: CatalogEntity): Promise<string[]> {
    const problems: string[] = [];
    const where = `${entity.kind}:${entity.metadata?.name}`;
    const bad = (message: string) => problems.push(`${where}: ${message}`);
    if (entity.apiVersion !== "backstage.io/v1alpha1") bad(`apiVersion ${JSON.stringify(entity.apiVersion)} is not backstage.io/v1alpha1`);
    for (const key of Object.keys(entity)) if (!ROOT_FIELDS.has(key)) bad(`unknown root field ${key}`);
    const name = entity.metadata?.name ?? "";
    if (!NAME.test(name) || name.length > 63)
      bad(`metadata.name ${JSON.stringify(name)} must be 1-63 of [a-zA-Z0-9] separated by -, _ or .`);
    for (const key of Object.keys(entity.metadata.annotations ?? {})) {
      if (!/^([a-z0-9.-]+\/)?[A-Za-z0-9][-A-Za-z0-9_.]{0,62}$/.test(key)) bad(`annotation key ${JSON.stringify(key)} is not a valid key`);
    }
    for (const link of entity.metadata.links ?? []) {
      if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(link.url)) bad(`link ${JSON.stringify(link.url)} is not an absolute URL`);
    }
    const str = (field: string) => {
      const value = entity.spec[field];
      if (typeof value !== "string" || value.length === 0) bad(`spec.${field} must be a non-empty string`);
      return typeof value === "string" ? value : "";
    };
    const ref = (field: string, value: string) => {
      if (!REF.test(value)) bad(`spec.${field} ${JSON.stringify(value)} is not an entity reference`);
    };
    if (entity.kind === "System") ref("owner", str("owner"));
    else if (entity.kind === "Component") {
      str("type");
      str("lifecycle");
      ref("owner", str("owner"));
      if (entity.spec.system !== undefined) ref("system", str("system"));
      const dependsOn = entity.spec.dependsOn;
      if (dependsOn !== undefined) {
        if (!Array.isArray(dependsOn)) bad("spec.dependsOn must be a list");
        else for (const d of dependsOn) ref("dependsOn", String(d));
      }
    } else bad(`kind ${entity.kind} is not one this generator writes (System, Component)`);
    return problems;
  }
}
