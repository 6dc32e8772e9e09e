import type { EnvName } from "../model";
import { INSTALL_DEPENDENCIES } from "./node-dependencies";
import { onMergeRequest, onTag } from "./pipeline-conditions";
import type { Changes, Job } from "./pipeline-model";

/** `<app>:preview:<env>`. */
export const previewJobName = (app: string, env: EnvName): string => `${app}:preview:${env}`;
/** `<app>:mr-note`. */
export const mrNoteJobName = (app: string): string => `${app}:mr-note`;
/** `<app>:release-notes`. */
export const releaseNotesJobName = (app: string): string => `${app}:release-notes`;
/** Folder of the preview JSON files, one per environment. */
export const PREVIEW_DIR = ".beluga/preview";
/** `.beluga/preview/<env>.json`: the mr-note command reads the environment from the file name. */
export const previewFileOf = (env: EnvName): string => `${PREVIEW_DIR}/${env}.json`;

/**
 * `pulumi preview --json` of one environment on a merge request, for the reviewer note. Read-only on
 * the stack, so no resource group: previews never wait behind a deploy. It starts at once (`needs: []`)
 * and previews what the MR declares (digests come from the declaration; images are built on the
 * default branch only).
 */
export function previewJob(app: string, env: EnvName, changes: Changes): Job {
  return {
    name: previewJobName(app, env),
    stage: "preview",
    interruptible: true,
    rules: [{ if: onMergeRequest, changes }],
    needs: [],
    script: [INSTALL_DEPENDENCIES, `npm run preview -- --app ${app} --env ${env} --out ${previewFileOf(env)}`],
    artifacts: { paths: [previewFileOf(env)], expireIn: "1 week", when: "always" },
  };
}

/**
 * Turns the previews of `envs` (the environments with `pipeline.mergeRequestPreview`, in promotion
 * order) into one reviewer note on the MR (risky changes first), edited in place on each push. Posts
 * with the MR-note bot's token (`BELUGA_MR_BOT_TOKEN`, masked, not protected: MR pipelines run on
 * unprotected branches).
 */
export function mrNoteJob(app: string, envs: readonly EnvName[], changes: Changes): Job {
  return {
    name: mrNoteJobName(app),
    stage: "preview",
    interruptible: true,
    rules: [{ if: onMergeRequest, changes }],
    needs: envs.map((env) => ({ job: previewJobName(app, env) })),
    script: [INSTALL_DEPENDENCIES, `npm run gitlab -- mr-note --app ${app} --post ${envs.map((env) => previewFileOf(env)).join(" ")}`],
  };
}

/** On a tag: the app's release notes per month, from the release records, as a job artifact. */
export function releaseNotesJob(app: string): Job {
  return {
    name: releaseNotesJobName(app),
    stage: "release",
    rules: [{ if: onTag }],
    needs: [],
    script: [INSTALL_DEPENDENCIES, `npm run gitlab -- release-notes --app ${app} --records releases --out release-notes`],
    artifacts: { paths: ["release-notes/"], expireIn: "1 year" },
  };
}
