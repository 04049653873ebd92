import { ConfigReader } from '@backstage/config';
import { readGateRunnerConfig } from './gateRunnerConfig';

describe('readGateRunnerConfig', () => {
  it('reads commands, timeouts in seconds with defaults, env and runner', () => {
    const config = new ConfigReader({
      orkestra: {
        gates: {
          runner: 'buildkite',
          simulate: {
            command: ['ork', 'simulate', '-f', '{file}'],
            env: { KUBECONFIG: '/dev/null' },
          },
          e2e: { command: ['ork', 'e2e', '-f', '{file}'], timeout: 90 },
        },
      },
    });
    expect(readGateRunnerConfig(config)).toEqual({
      runner: 'buildkite',
      simulate: {
        command: ['ork', 'simulate', '-f', '{file}'],
        timeoutMs: 600_000,
        env: { KUBECONFIG: '/dev/null' },
      },
      e2e: { command: ['ork', 'e2e', '-f', '{file}'], timeoutMs: 90_000 },
    });
  });

  it('defaults the e2e timeout to 1800 s and allows no gates at all', () => {
    expect(
      readGateRunnerConfig(
        new ConfigReader({ orkestra: { gates: { e2e: { command: ['x'] } } } }),
      ),
    ).toEqual({ e2e: { command: ['x'], timeoutMs: 1_800_000 } });
    expect(readGateRunnerConfig(new ConfigReader({}))).toEqual({});
  });

  it('rejects an empty command and a non-positive timeout', () => {
    expect(() =>
      readGateRunnerConfig(
        new ConfigReader({
          orkestra: { gates: { simulate: { command: [] } } },
        }),
      ),
    ).toThrow(/orkestra\.gates\.simulate\.command/);
    expect(() =>
      readGateRunnerConfig(
        new ConfigReader({
          orkestra: { gates: { e2e: { command: ['x'], timeout: 0 } } },
        }),
      ),
    ).toThrow(/orkestra\.gates\.e2e\.timeout/);
  });
});
