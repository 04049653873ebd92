import { PolicyStatus, worstPolicyStatus } from '.';

describe('worstPolicyStatus', () => {
  it.each<[PolicyStatus[], PolicyStatus]>([
    [[], 'pass'],
    [['pass'], 'pass'],
    [['pass', 'warn'], 'warn'],
    [['warn', 'pass'], 'warn'],
    [['warn', 'fail', 'pass'], 'fail'],
    [['fail', 'warn'], 'fail'],
  ])('%j → %s', (statuses, expected) => {
    expect(worstPolicyStatus(statuses)).toBe(expected);
  });
});
