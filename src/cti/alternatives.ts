import { alternative, alternativeNumber, integer, invalid, list } from '../shared/validate.js';

// Position operations on an alternatives list, shared by the Respool and Schedule builders. Each
// returns a new array; entries coming from callers are checked (the one alternative rule), entries
// already in the list (the portal's own) are moved as they are.

/** The index of `which`: an index, or an entry / the number part of a typed entry. */
export function findAlternative(operation: string, entries: readonly string[], which: unknown): number {
  // An empty list has no index to name ("from 0 to -1"): its alternative is simply not found.
  if (typeof which === 'number') {
    if (entries.length) return integer(0, entries.length - 1)(operation, 'alternative index', which);
  } else if (typeof which !== 'string') invalid(operation, 'alternative must be an index or a number');
  const at = entries.findIndex((entry) => entry === which || alternativeNumber(entry) === which);
  if (at < 0) invalid(operation, 'alternative not found');
  return at;
}

/** A caller's list of alternatives (an array, plain or typed entries), as text entries. */
export const checkAlternatives = (operation: string, value: unknown): string[] => list(alternative, 0)(operation, 'alternatives', value);

/** `entries` with `entry` (checked) inserted at `position` (default: the end). */
export function insertAlternative(operation: string, entries: readonly string[], entry: unknown, position?: number): string[] {
  const checked = alternative(operation, 'alternative', entry);
  const at = position === undefined ? entries.length : integer(0, entries.length)(operation, 'position', position);
  return [...entries.slice(0, at), checked, ...entries.slice(at)];
}

/** `entries` without the entry `which`. */
export function removeAlternative(operation: string, entries: readonly string[], which: unknown): string[] {
  const at = findAlternative(operation, entries, which);
  return entries.filter((_, i) => i !== at);
}

/** `entries` in the order given by `order`, a permutation of its indexes (`[2, 0, 1]`). */
export function reorderAlternatives(operation: string, entries: readonly string[], order: unknown): string[] {
  const indexes = list(integer(0, entries.length - 1), 0)(operation, 'order', order);
  if (indexes.length !== entries.length || new Set(indexes).size !== indexes.length) {
    invalid(operation, `order must list each alternative index (0 to ${entries.length - 1}) exactly once`);
  }
  return indexes.map((i) => entries[i] as string);
}
