export * from './gateStates';
export * from './policyStatuses';
export * from './deprecationPhases';
export * from './syncRunStatuses';
export * from './patternKinds';
export * from './policyRules';
