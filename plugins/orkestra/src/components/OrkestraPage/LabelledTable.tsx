import {
  Column,
  ColumnConfig,
  Row,
  SortState,
  TableBody,
  TableHeader,
  TableItem,
  TablePagination,
  TablePaginationProps,
  TableRoot,
} from '@backstage/ui';

/**
 * A column with an optional CSS width of its header (e.g. `18%`): the table
 * lays out fixed, so the header widths share the table's width out.
 */
export interface LabelledColumn<T extends TableItem> extends ColumnConfig<T> {
  cssWidth?: string;
}

/** Props of {@link LabelledTable}. */
export interface LabelledTableProps<T extends TableItem> {
  /** The table's accessible name. */
  label: string;
  columns: readonly LabelledColumn<T>[];
  data: T[];
  sort?: SortState;
  pagination?: TablePaginationProps;
}

/**
 * A Backstage UI table with an accessible name (the `Table` convenience
 * wrapper takes no `aria-label`), optional sorting and optional pagination.
 */
export function LabelledTable<T extends TableItem>(
  props: LabelledTableProps<T>,
) {
  const { label, columns, data, sort, pagination } = props;
  return (
    <div>
      <TableRoot
        aria-label={label}
        sortDescriptor={sort?.descriptor ?? undefined}
        onSortChange={sort?.onSortChange}
      >
        <TableHeader columns={columns}>
          {column => (
            <Column
              id={column.id}
              isRowHeader={column.isRowHeader}
              allowsSorting={column.isSortable}
              style={column.cssWidth ? { width: column.cssWidth } : undefined}
            >
              {column.label}
            </Column>
          )}
        </TableHeader>
        <TableBody items={data} dependencies={[columns]}>
          {item => (
            <Row id={String(item.id)} columns={columns}>
              {column => column.cell(item)}
            </Row>
          )}
        </TableBody>
      </TableRoot>
      {pagination && <TablePagination {...pagination} />}
    </div>
  );
}
