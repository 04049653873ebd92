/**
 * Environment variables checked, in order, to name the e2e runner (spec §10),
 * with the value that counts: `"true"` exactly, or (`JENKINS_URL`) any.
 */
const RUNNER_ENV: Array<[string, string, 'true' | 'set']> = [
  ['GITHUB_ACTIONS', 'github-actions', 'true'],
  ['GITLAB_CI', 'gitlab-ci', 'true'],
  ['CIRCLECI', 'circleci', 'true'],
  ['JENKINS_URL', 'jenkins', 'set'],
  ['BUILDKITE', 'buildkite', 'true'],
  ['DRONE', 'drone', 'true'],
  ['CI', 'ci', 'true'],
];

/**
 * Names the e2e runner like `ork push` (push.go `detectRunner`): the first
 * CI variable that is `"true"` (`JENKINS_URL`: non-empty), else `local`. So
 * `CI=1` is `local`, as `ork` records it; `orkestra.gates.runner` overrides.
 *
 * @public
 */
export function detectE2eRunner(env: NodeJS.ProcessEnv): string {
  for (const [name, runner, counts] of RUNNER_ENV) {
    if (counts === 'set' ? env[name] : env[name] === 'true') return runner;
  }
  return 'local';
}
