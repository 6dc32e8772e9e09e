/**
 * One measured run of one benchmark variant, in its own process so its peak RSS is its own.
 * Usage (from estate-bench.ts): bench-variant.ts <variant> <apps> <cacheDir> <run>
 * Prints one JSON line: { variant, ms, maxRssMb, outputs, bytes }.
 */
import { App } from "cdk8s";
import { AppChart, type K8sObject } from "../../../../constructs/k8s";
import type { AppDeclaration } from "../../../../constructs/model";
import { DeclarationError } from "../../../../constructs/resolve";
import { loadEstate } from "../../../estate/estate-source";
import { renderEstate } from "../../../estate/render-estate";

/** The variants a run can measure. */
export const BENCH_VARIANTS = ["baseline", "cold", "warm", "floor"] as const;
export type BenchVariant = (typeof BENCH_VARIANTS)[number];

/** What one run reports. */
export interface VariantRun {
  readonly variant: BenchVariant;
  readonly ms: number;
  readonly maxRssMb: number;
  readonly outputs: number;
  readonly bytes: number;
}

/** The app whose declaration the warm variant changes: a new version, as a release would. */
export function changedEstate(apps: readonly AppDeclaration[], run: string): AppDeclaration[] {
  const index = Math.min(10, apps.length - 1);
  return apps.map((app, i) => {
    if (i !== index) return app;
    const [name, component] = Object.entries(app.components)[0];
    return { ...app, components: { ...app.components, [name]: { ...component, image: { ...component.image, version: `9.9.${run}` } } } };
  });
}

async function main(): Promise<void> {
  const [variant, appsArg, cacheDir, run] = process.argv.slice(2) as [BenchVariant, string, string, string];
  const estate = loadEstate("synthetic", { apps: Number(appsArg) });
  let outputs = 0;
  let bytes = 0;
  let started = 0;
  // The estate is a façade over the instance, so the constructs (cdk8s included) are loaded before any
  // timed section, as in a real `estate render`. Baseline and floor time after loading; cold and warm
  // time from the renderEstate call, which loads the compiled render code (workers load their own).
  if (variant === "baseline") {
    // The straightforward way: one cdk8s App per environment holding every app's chart, one synthYaml.
    started = performance.now();
    for (const env of estate.environments.list) {
      const app = new App({ outdir: "/nonexistent-cdk8s-outdir" });
      for (const declaration of estate.apps) {
        try {
          new AppChart(app, declaration.name, { app: estate.resolve(declaration, env), env });
          outputs++;
        } catch (error) {
          if (!(error instanceof DeclarationError)) throw error;
        }
      }
      bytes += app.synthYaml().length;
    }
  } else if (variant === "floor") {
    // The serialization floor: the same objects, already built, through JSON.stringify only.
    const objects: (readonly K8sObject[])[] = [];
    for (const env of estate.environments.list) {
      for (const declaration of estate.apps) {
        try {
          objects.push(estate.render(declaration, env).objects);
        } catch (error) {
          if (!(error instanceof DeclarationError)) throw error;
        }
      }
    }
    started = performance.now();
    for (const list of objects) {
      bytes += JSON.stringify(list).length;
      outputs++;
    }
  } else {
    const apps = variant === "warm" ? changedEstate(estate.apps, run) : estate.apps;
    started = performance.now();
    for await (const result of renderEstate({ ...estate, apps }, { cacheDir })) {
      outputs++;
      // The bench consumes nothing: a cached output stays unread, as for any consumer that does not need it.
      if (result.ok) bytes += result.bytes;
    }
  }
  const ms = performance.now() - started;
  const report: VariantRun = { variant, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, outputs, bytes };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
