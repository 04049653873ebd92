export { orkestraPlugin as default } from './plugin';
