/** Splits a list into numbered pages; page 1 always exists, even for an empty list. */
export interface Page<T> {
  number: number;
  total: number;
  items: readonly T[];
}

export function paginate<T>(items: readonly T[], size: number): Page<T>[] {
  if (size < 1) throw new RangeError('page size must be at least 1');
  const total = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: total }, (_, index) => ({
    number: index + 1,
    total,
    items: items.slice(index * size, (index + 1) * size),
  }));
}
