export { OrkestraPage } from './OrkestraPage';
export { SourcesTable } from './SourcesTable';
export type { SourcesTableProps } from './SourcesTable';
