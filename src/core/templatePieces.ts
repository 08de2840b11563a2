// Text with per-day holes, cut into literal pieces, so a Step Functions workflow can fill the holes with
// `States.Format('{}{}…', piece0, value0, piece1, …)`. The pieces travel as *arguments*, never as the format
// string: only the format string gives `{`, `}`, `'` and `\` a meaning (Intrinsic functions for JSONPath states,
// States.Format), so PowerShell and JSON braces in the pieces need no escaping at all.
import { InputError } from './errors';

interface TemplatePieces<Slot extends string> {
  /** pieces.length === slots.length + 1 */
  pieces: string[];
  /** Which value goes between piece i and piece i+1. */
  slots: Slot[];
}

/** Cuts `text` at every occurrence of each marker; markers must not overlap one another. */
export function cutTemplate<Slot extends string>(text: string, markers: Record<Slot, string>): TemplatePieces<Slot> {
  const entries = Object.entries(markers) as Array<[Slot, string]>;
  const pieces: string[] = [];
  const slots: Slot[] = [];
  let rest = text;
  for (;;) {
    let next: { slot: Slot; at: number; length: number } | undefined;
    for (const [slot, marker] of entries) {
      const at = rest.indexOf(marker);
      if (at >= 0 && (next === undefined || at < next.at)) next = { slot, at, length: marker.length };
    }
    if (!next) break;
    pieces.push(rest.slice(0, next.at));
    slots.push(next.slot);
    rest = rest.slice(next.at + next.length);
  }
  pieces.push(rest);
  return { pieces, slots };
}

/** The same cut, checked against the slot order a static state machine definition was written for. */
export function cutTemplateAs<Slot extends string>(
  what: string,
  text: string,
  markers: Record<Slot, string>,
  expected: readonly Slot[],
): string[] {
  const { pieces, slots } = cutTemplate(text, markers);
  if (slots.join(',') !== expected.join(','))
    throw new InputError(`${what}: expected the holes ${expected.join(', ')}, found ${slots.join(', ') || 'none'}`);
  return pieces;
}

/** Fills the holes back, as States.Format does: for tests and for the launcher's own checks. */
export function fillTemplate<Slot extends string>(
  pieces: string[],
  slots: readonly Slot[],
  values: Record<Slot, string>,
) {
  return pieces.map((piece, i) => (i < slots.length ? piece + values[slots[i]] : piece)).join('');
}
