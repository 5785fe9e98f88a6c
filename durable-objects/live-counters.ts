/**
 * The live feed's "today" counters, for viewers in any time zone. Counts are kept per quarter-hour of UTC
 * time, because every zone's midnight falls on a quarter-hour (offsets such as +05:45 and +12:45
 * included): a viewer's today is the sum of the slots since midnight in their zone. A day is at most 25
 * hours long (a daylight-saving change), so slots older than 26 hours are dropped.
 */
import { startOfDay, wallTime } from "../worker/analytics/time-zone";

export const SLOT_MS = 15 * 60_000;
const KEPT_MS = 26 * 3_600_000;

export interface SlotCounts {
  messages: number;
  analysed: number;
}

export interface DayTotals {
  /** The viewer's calendar day counted, YYYY-MM-DD. */
  day: string;
  timeZone: string;
  messagesToday: number;
  analysedToday: number;
}

const slotOf = (t: number) => Math.floor(t / SLOT_MS);

export class QuarterHourCounts {
  private slots = new Map<number, SlotCounts>();
  private dirty = new Set<number>();

  /** Restores the slots read from storage. */
  constructor(rows: Iterable<{ slot: number } & SlotCounts> = []) {
    for (const { slot, messages, analysed } of rows) this.slots.set(slot, { messages, analysed });
  }

  add(kind: keyof SlotCounts, now: number, n = 1): void {
    const slot = slotOf(now);
    const counts = this.slots.get(slot) ?? { messages: 0, analysed: 0 };
    counts[kind] += n;
    this.slots.set(slot, counts);
    this.dirty.add(slot);
  }

  /** Today's totals in `timeZone` (an IANA name the caller has validated). */
  today(timeZone: string, now: number): DayTotals {
    const from = slotOf(startOfDay(now, timeZone));
    let messagesToday = 0;
    let analysedToday = 0;
    for (const [slot, counts] of this.slots) {
      if (slot < from) continue;
      messagesToday += counts.messages;
      analysedToday += counts.analysed;
    }
    return { day: localDay(now, timeZone), timeZone, messagesToday, analysedToday };
  }

  /** The slots changed since the last call (to write), after dropping the ones too old to count in any zone. */
  takeChanges(now: number): { upserts: ({ slot: number } & SlotCounts)[]; olderThan: number } {
    const olderThan = slotOf(now - KEPT_MS);
    for (const slot of this.slots.keys()) if (slot < olderThan) this.slots.delete(slot);
    const upserts = [...this.dirty].flatMap((slot) => {
      const counts = this.slots.get(slot);
      return counts ? [{ slot, ...counts }] : [];
    });
    this.dirty.clear();
    return { upserts, olderThan };
  }

  clear(): void {
    this.slots.clear();
    this.dirty.clear();
  }
}

/** The calendar day of `now` in `timeZone`, YYYY-MM-DD: its wall-clock date. */
export const localDay = (now: number, timeZone: string): string => new Date(wallTime(now, timeZone)).toISOString().slice(0, 10);
