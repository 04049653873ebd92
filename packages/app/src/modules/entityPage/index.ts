export { catalogEntityPage } from './catalogEntityPage';
