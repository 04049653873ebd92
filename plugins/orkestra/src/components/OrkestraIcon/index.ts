export { OrkestraIcon } from './OrkestraIcon';
