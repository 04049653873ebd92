import { PolicyResult } from '@orkspace/backstage-plugin-orkestra-common';

/** What a template shows of a publish: a heading and one sentence. */
export interface PublishSummary {
  /** Never "Published" alone for a forced version or one that does not pass policy. */
  headline: string;
  summary: string;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * Says in words what was published: whether the gates were forced, and the
 * portal policy's verdict with its reasons.
 */
export function publishSummary(input: {
  reference: string;
  /** Which gates were skipped on request (force, skipSimulate, skipE2e). */
  skippedGates: Array<'simulate' | 'e2e'>;
  policy: PolicyResult;
}): PublishSummary {
  const { reference, skippedGates, policy } = input;
  const forced = skippedGates.length > 0;
  // One sentence: the reasons' own full stops would break it up.
  const reasons = policy.reasons
    .map(reason => reason.message.replace(/\.$/, ''))
    .join('; ');

  let verdict: string;
  if (policy.status === 'fail')
    verdict = `It fails the portal policy: ${reasons}`;
  else if (policy.status === 'warn')
    verdict = `It passes the portal policy with warnings: ${reasons}`;
  else verdict = 'It passes the portal policy';

  const how = forced
    ? ` with the ${skippedGates.join(' and ')} ${
        skippedGates.length > 1 ? 'gates' : 'gate'
      } forced: recorded as skipped, not passed, like ork push --force`
    : '';
  const summary = `${reference} was published${how}. ${sentence(verdict)}`;

  let headline = forced ? 'Published with forced gates' : 'Published';
  if (policy.status === 'fail') headline += ', failing the portal policy';
  else if (policy.status === 'warn')
    headline += forced ? ' and policy warnings' : ' with policy warnings';
  return { headline, summary };
}
