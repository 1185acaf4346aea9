/** Answers "does [start, end) overlap any blocked interval?" in O(log n). */
export interface BlockedTimeIndex {
  overlaps(start: number, end: number): boolean;
}

/**
 * Indexes half-open intervals given as parallel arrays of starts and ends, which it sorts in place;
 * every end must lie after its start. Of the intervals starting before a query ends, those ending
 * at or before the query starts are exactly the ones that miss it (they cannot start at or after
 * its end), so the overlapping count is a difference of two counts, each a binary search over one
 * sorted array. Sorting starts and ends apart as plain numbers is several times faster than sorting
 * interval objects. Touching intervals do not overlap.
 */
export function blockedTimeIndex(starts: Float64Array, ends: Float64Array): BlockedTimeIndex {
  sortAscending(starts);
  sortAscending(ends);
  return {
    overlaps(start, end) {
      if (!(end > start)) return false;
      return countBelow(starts, end) - countAtMost(ends, start) > 0;
    },
  };
}

/** Bookings usually arrive ordered by start, so a linear check often saves the sort. */
function sortAscending(values: Float64Array): void {
  for (let index = 1; index < values.length; index += 1) {
    if (values[index - 1]! > values[index]!) {
      values.sort();
      return;
    }
  }
}

/** How many of the ascending `values` are < `limit`. */
function countBelow(values: Float64Array, limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many of the ascending `values` are <= `limit`. */
function countAtMost(values: Float64Array, limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}
