import type { Cache } from "./pipeline-model";

/**
 * How jobs get the repository's node_modules: from the runner cache keyed on package-lock.json, and
 * `npm ci` only when that cache missed (a new lockfile gives a new key, so an out-of-date
 * node_modules is never reused). Saves a full install per job on the 400+ deploys a year, and keeps
 * a job run in place (gitlab-ci-local's shell executor) from reinstalling the working copy.
 * @see https://docs.gitlab.com/ci/caching/#cache-nodejs-dependencies
 */
export const NODE_CACHE: Cache = { key: { files: ["package-lock.json"] }, paths: ["node_modules/"], policy: "pull-push" };

/**
 * First script line of every job that runs the repository's npm scripts: on a cache miss, `npm ci`
 * and the record of the lockfile it installed from, so the set-up the npm scripts run (which decides
 * from that record) does not install a second time.
 */
export const INSTALL_DEPENDENCIES = "test -d node_modules || { npm ci && bash platform/local/node-modules-state.sh record; }";
