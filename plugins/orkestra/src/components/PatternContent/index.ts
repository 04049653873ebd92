export { PatternContent } from './PatternContent';
