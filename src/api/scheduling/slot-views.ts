import { DateTime } from 'luxon';
import type { Slot } from '../../scheduling/availability/free-slots.ts';
import { cachedZoneOffsets } from '../../scheduling/availability/zone-offsets.ts';

/** A free time as the booking page shows it: the instants, and the date and time of day on the customer's clock. */
export interface SlotView {
  start: string;
  end: string;
  /** YYYY-MM-DD in the customer's zone. */
  date: string;
  /** The time of day in the customer's zone, as en-US writes it ("9:30 AM"). */
  label: string;
}

const dayMs = 86_400_000;
// A label depends only on the wall time of day and the zone (luxon writes "UTC" times with a narrow
// no-break space, IANA zones' with a plain one), and a month of slots repeats a few dozen of them:
// formatting every slot through luxon cost more than computing the free times.
const labelsByZone = new Map<string, Map<number, string>>();
const maxZones = 256;
const maxLabelsPerZone = 2 * 24 * 60;

/** The slots in the customer's zone, with the same dates and labels luxon gives for each instant. */
export function slotViews(slots: readonly Slot[], timeZone: string): SlotView[] {
  const offsets = cachedZoneOffsets(timeZone);
  const labels = labelsOf(timeZone);
  return slots.map((slot) => {
    const instant = slot.start.getTime();
    const wall = instant + offsets.offsetAt(instant);
    const timeOfDay = ((wall % dayMs) + dayMs) % dayMs;
    let label = labels.get(timeOfDay);
    if (label === undefined) {
      label = DateTime.fromJSDate(slot.start, { zone: timeZone }).setLocale('en-US').toLocaleString(DateTime.TIME_SIMPLE);
      labels.set(timeOfDay, label);
    }
    return { start: slot.start.toISOString(), end: slot.end.toISOString(), date: new Date(wall).toISOString().slice(0, 10), label };
  });
}

/** The zone's known labels, within bounds whatever zones and times requests name (starting over is cheap). */
function labelsOf(timeZone: string): Map<number, string> {
  let labels = labelsByZone.get(timeZone);
  if (!labels || labels.size >= maxLabelsPerZone) {
    if (!labels && labelsByZone.size >= maxZones) labelsByZone.clear();
    labels = new Map();
    labelsByZone.set(timeZone, labels);
  }
  return labels;
}
