import { Pagination } from '@mantine/core';

/** Pages of a list, when there is more than one, with controls a screen reader names. */
export function ListPagination({ total, value, onChange }: { total: number; value: number; onChange: (page: number) => void }) {
  if (total <= 1) return null;
  return (
    <Pagination mt="md" total={total} value={value} onChange={onChange}
      getControlProps={c => ({ 'aria-label': c === 'next' ? 'Next page' : c === 'previous' ? 'Previous page' : c })} />
  );
}
