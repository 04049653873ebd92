export { QualityCard } from './QualityCard';
