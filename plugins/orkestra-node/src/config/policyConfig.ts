import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { PolicyConfig } from '@orkspace/backstage-plugin-orkestra-common';

/**
 * `orkestra.policy`, validated: the rules every version is evaluated
 * against, and whether templates may force a publish.
 *
 * @public
 */
export interface OrkestraPolicyConfig {
  /** What the backend evaluates and the publishing actions enforce. */
  policy: PolicyConfig;
  /** `orkestra.policy.allowForcedPublish`: may a template force or skip gates? Default false. */
  allowForcedPublish: boolean;
}

const MATURITIES = ['alpha', 'beta', 'stable'];
const GATES = ['simulate', 'e2e'];
const DEPRECATION_HANDLING = ['warn', 'warn-then-fail'];

function readRules(config: Config | undefined): PolicyConfig {
  if (!config) return {};
  const minMaturity = config.getOptionalString('minMaturity');
  if (minMaturity && !MATURITIES.includes(minMaturity)) {
    throw new InputError(
      `orkestra.policy.minMaturity must be alpha, beta or stable; got "${minMaturity}"`,
    );
  }
  const requiredGates = config.getOptionalStringArray('requiredGates') ?? [];
  for (const gate of requiredGates) {
    if (!GATES.includes(gate)) {
      throw new InputError(
        `orkestra.policy.requiredGates may list simulate and e2e; got "${gate}"`,
      );
    }
  }
  const deprecation = config.getOptionalString('deprecation');
  if (deprecation && !DEPRECATION_HANDLING.includes(deprecation)) {
    throw new InputError(
      `orkestra.policy.deprecation must be warn or warn-then-fail; got "${deprecation}"`,
    );
  }
  return {
    allowedRegistries: config.getOptionalStringArray('allowedRegistries'),
    minMaturity: minMaturity as PolicyConfig['minMaturity'],
    requiredGates: requiredGates as PolicyConfig['requiredGates'],
    deprecation: deprecation as PolicyConfig['deprecation'],
  };
}

/**
 * Reads and validates `orkestra.policy`. Throws an InputError naming the bad key.
 *
 * @public
 */
export function readPolicyConfig(root: Config): OrkestraPolicyConfig {
  const config = root.getOptionalConfig('orkestra.policy');
  return {
    policy: readRules(config),
    allowForcedPublish:
      config?.getOptionalBoolean('allowForcedPublish') ?? false,
  };
}
