import { int, invalid } from '../shared/check.js';
import { alternativeNumber, checkAlternative } from './kv.js';

// Position operations on an alternatives list, shared by the Respool and Schedule builders. Each
// returns a new array; entries coming from callers are validated, entries already in the list
// (the portal's own) are moved as they are.

/** The index of `which`: an index, or an entry / the number part of a typed entry. */
export function findAlternative(operation: string, list: readonly string[], which: unknown): number {
  if (typeof which === 'number') return int(operation, 'alternative index', which, 0, list.length - 1);
  if (typeof which !== 'string') invalid(operation, 'alternative must be an index or a number');
  const at = list.findIndex((entry) => entry === which || alternativeNumber(entry) === which);
  if (at < 0) invalid(operation, 'alternative not found');
  return at;
}

/** `list` with `entry` (validated) inserted at `position` (default: the end). */
export function insertAlternative(operation: string, list: readonly string[], entry: unknown, position?: number): string[] {
  const checked = checkAlternative(operation, 'alternative', entry);
  const at = position === undefined ? list.length : int(operation, 'position', position, 0, list.length);
  return [...list.slice(0, at), checked, ...list.slice(at)];
}

/** `list` without the entry `which`. */
export function removeAlternative(operation: string, list: readonly string[], which: unknown): string[] {
  const at = findAlternative(operation, list, which);
  return list.filter((_, i) => i !== at);
}

/** `list` in the order given by `order`, a permutation of its indexes (`[2, 0, 1]`). */
export function reorderAlternatives(operation: string, list: readonly string[], order: unknown): string[] {
  const ok = Array.isArray(order) && order.length === list.length &&
    new Set(order).size === order.length &&
    order.every((i) => typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < list.length);
  if (!ok) invalid(operation, `order must list each alternative index (0 to ${list.length - 1}) exactly once`);
  return (order as number[]).map((i) => list[i] as string);
}
