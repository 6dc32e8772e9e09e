/**
 * gitlab-ci-local (4.65.1, the real runner) with one fidelity fix for `--shell-isolation`.
 *
 * gitlab-ci-local re-copies the tracked files into a job's build folder before each script block,
 * with `rsync --delete --delete-excluded`: the `after_script` block then starts in a copy where
 * everything the job's `script` wrote (untracked files: `releases/`, `.beluga/outcome.json`) is gone,
 * and the artifacts, collected after `after_script`, are empty. A GitLab runner runs `after_script` in
 * the same working directory as `script`. Here the copy is made once per job, as a runner does.
 */
import { Utils } from "gitlab-ci-local/src/utils.js";

const copyTrackedFiles = Utils.rsyncTrackedFiles;
const copied = new Set();
Utils.rsyncTrackedFiles = async function (cwd, stateDir, target) {
  const key = `${cwd}\0${stateDir}\0${target}`;
  if (copied.has(key)) return { hrdeltatime: [0, 0] };
  copied.add(key);
  return copyTrackedFiles.call(this, cwd, stateDir, target);
};

await import("gitlab-ci-local/src/index.js");
