// Which of several records of one vulnerability speaks for it: the one a person asked for,
// else the GitHub advisory (it carries the package ranges and a severity), else the first id.

/** Of several record ids, the one a person most likely means by `query`. */
export function preferredAdvisoryId(ids: string[], query?: string): string | undefined {
  const sorted = [...ids].sort();
  return (
    sorted.find((id) => query !== undefined && id.toLowerCase() === query.toLowerCase()) ??
    sorted.find((id) => id.startsWith('GHSA-')) ??
    sorted[0]
  );
}
