import { detectE2eRunner } from './e2eRunner';

describe('detectE2eRunner', () => {
  it('checks the CI variables in order, else local', () => {
    expect(detectE2eRunner({ GITHUB_ACTIONS: 'true' })).toBe('github-actions');
    expect(detectE2eRunner({ CI: 'true', GITLAB_CI: 'true' })).toBe(
      'gitlab-ci',
    );
    expect(detectE2eRunner({ CIRCLECI: 'true' })).toBe('circleci');
    expect(detectE2eRunner({ JENKINS_URL: 'https://ci' })).toBe('jenkins');
    expect(detectE2eRunner({ BUILDKITE: 'true' })).toBe('buildkite');
    expect(detectE2eRunner({ DRONE: 'true' })).toBe('drone');
    expect(detectE2eRunner({ CI: '1' })).toBe('local'); // ork: CI == "true" only
    expect(detectE2eRunner({ CI: 'true' })).toBe('ci');
    expect(detectE2eRunner({})).toBe('local');
    expect(detectE2eRunner({ GITHUB_ACTIONS: '' })).toBe('local');
  });
});
