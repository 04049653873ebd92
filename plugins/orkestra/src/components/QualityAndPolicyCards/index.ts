export { QualityAndPolicyCards } from './QualityAndPolicyCards';
