import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Command, Option } from "commander";
import { Beluga } from "../../constructs/beluga";
import type { AppDeclaration, ReleasePolicy } from "../../constructs/model";
import { catalogEntities, catalogInfoPath, renderCatalogInfo } from "../backstage";
import { REPO_ROOT } from "../repo-root";
import {
  COMPONENT_KINDS,
  type ComponentKind,
  type NewAppRequest,
  checkNewApp,
  newAppDeclaration,
  newAppFiles,
  parseComponent,
  parseWindow,
} from "../scaffold/app-scaffold";
import { encryptionSalt } from "../scaffold/stack-salt";
import { RefusedError, UsageError, guarded } from "./cli-errors";

/** Options of `beluga new app`, as commander parses them. */
interface NewAppOptions {
  team: string;
  criticality: "critical" | "standard";
  releasePolicy: ReleasePolicy["policy"];
  window?: string[];
  component: string[];
  socle?: string;
}

/**
 * `beluga new app <name>`: scaffolds `apps/<name>/` (the declaration, its Pulumi program and stack files
 * for every environment of the instance) and generates its GitLab pipeline and Backstage catalog-info.yaml. Refuses, writing nothing,
 * a taken or invalid name, an unknown kind or socle (usage error, exit 2), and proves before writing that
 * the new app resolves, renders and keeps its zero-downtime contract in every environment.
 */
export function newCommand(beluga: Beluga, root: string = REPO_ROOT): Command {
  const program = new Command("new").description("scaffold something new in this repository (an app)");
  const socles = Object.keys(beluga.instance.catalog.socles);
  program
    .command("app")
    .description("scaffold apps/<name>/ (app.ts, index.ts, Pulumi stack files) and generate its pipeline")
    .argument("<name>", "app name: a DNS label, unique in the repository")
    .requiredOption("--team <team>", "owning team (RBAC group team-<team>)")
    .addOption(
      new Option("--criticality <level>", "critical apps get stricter rules").choices(["critical", "standard"]).default("standard"),
    )
    .addOption(
      new Option("--release-policy <policy>", "continuous delivery, or a release train with Prod windows")
        .choices(["continuous", "release-train"])
        .default("continuous"),
    )
    .option("--window <from:to>", "a release-train window MM-DD:MM-DD, e.g. 04-01:04-30 (repeat for more)", collect)
    .requiredOption(
      "--component <spec>",
      `a component or batch as name:kind or name:kind:socle (repeat for more); kind one of ${COMPONENT_KINDS.join(", ")}; socle from the catalog (${socles.join(", ")})`,
      collect,
    )
    .option("--socle <socle>", "socle of components that name none")
    .action(
      guarded("new app", async (name: string, options: NewAppOptions) => {
        const request = requestOf(name, options);
        const problems = checkNewApp(request, beluga.instance, [...beluga.appNames, ...existingFolder(root, name)]);
        if (problems.length > 0) {
          throw new UsageError(
            problems.length === 1 ? problems[0] : `${problems.length} problems; nothing was written:\n  ✗ ${problems.join("\n  ✗ ")}`,
            "beluga new app --help shows every option",
          );
        }
        const declaration = newAppDeclaration(request, beluga.instance);
        proveInEveryEnvironment(beluga, declaration);
        console.log(`new app: Pulumi encryption salt for ${beluga.environments.names.length} stacks (about a second each) …`);
        const files = newAppFiles(request, declaration, beluga.instance, () => encryptionSalt());
        for (const [path, content] of files) {
          mkdirSync(dirname(join(root, path)), { recursive: true });
          writeFileSync(join(root, path), path.endsWith(".ts") ? formatTypeScript(content, join(root, path)) : content);
          console.log(`new app: wrote ${path}`);
        }
        // The declaration as the repository will load it from now on (apps/<name>/app.ts, discovered).
        const written = loadWritten(join(root, "apps", name, "app"));
        const withApp = new Beluga(beluga.instance, [...beluga.apps, written]);
        const pipelines = withApp.pipelines();
        if (pipelines.messages.length > 0) throw new RefusedError("the generated pipeline has problems", pipelines.messages);
        for (const [path, content] of pipelines.files) {
          if (!path.startsWith(`apps/${name}/`)) continue;
          writeFileSync(join(root, path), content);
          console.log(`new app: wrote ${path} (npm run gitlab -- generate)`);
        }
        writeFileSync(join(root, catalogInfoPath(name)), renderCatalogInfo(catalogEntities(withApp, written)));
        console.log(`new app: wrote ${catalogInfoPath(name)} (npm run -s beluga -- catalog generate)`);
        console.log(
          [
            "",
            `next: 1. put each artifact's sources in apps/${name}/src/<artifact>/ with a Makefile (test, build)`,
            `      2. review apps/${name}/app.ts (ports, probes, routes, scaling) and run npm run synth && npm run contract -- --app ${name}`,
            "      3. commit and push: the pipeline builds the images and deploys Dev, then promotes",
          ].join("\n"),
        );
      }),
    );
  return program;
}

/** Repeatable option: every occurrence, in order. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function requestOf(name: string, options: NewAppOptions): NewAppRequest {
  const release: ReleasePolicy =
    options.releasePolicy === "release-train"
      ? { policy: "release-train", windows: (options.window ?? []).map(parseWindow) }
      : { policy: "continuous" };
  if (options.releasePolicy !== "release-train" && options.window) {
    throw new UsageError("--window applies to --release-policy release-train only", "drop --window or add --release-policy release-train");
  }
  return {
    name,
    team: options.team,
    criticality: options.criticality,
    release,
    socle: options.socle,
    components: options.component.map((arg) => {
      const c = parseComponent(arg);
      return { name: c.name, kind: c.kind as ComponentKind, socle: c.socle };
    }),
  };
}

/** A folder apps/<name>/ that exists without declaring an app is taken too. */
function existingFolder(root: string, name: string): string[] {
  return existsSync(join(root, "apps", name)) ? [name] : [];
}

/** Resolves, renders and checks the contract of the new app in every environment before anything is written. */
function proveInEveryEnvironment(beluga: Beluga, declaration: AppDeclaration): void {
  const withApp = new Beluga(beluga.instance, [...beluga.apps, declaration]);
  const refuted: string[] = [];
  for (const env of withApp.environments.list) {
    const report = withApp.contract(withApp.render(declaration, env));
    for (const c of report.components.filter((r) => r.verdict === "refuted"))
      refuted.push(`${env.displayName}: ${c.name}: ${c.refutations.join("; ")}`);
  }
  if (refuted.length > 0)
    throw new RefusedError("the scaffolded app would not keep its zero-downtime contract; nothing was written", refuted);
}

/** Formats like `npm run format` (prettier with the repository's config), in a child process so it works under any loader. */
function formatTypeScript(source: string, filepath: string): string {
  const bin = require.resolve("prettier/bin/prettier.cjs", { paths: [REPO_ROOT] });
  return execFileSync(process.execPath, [bin, "--stdin-filepath", filepath], { input: source, encoding: "utf8" });
}

function loadWritten(file: string): AppDeclaration {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(file) as Record<string, AppDeclaration>;
  return Object.values(exported)[0];
}
