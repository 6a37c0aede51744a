/** The first instant of the UTC month containing `date`. */
export function startOfUtcMonth(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

/** The first instant of the UTC month `months` after (or before, when negative) `monthStart`. */
export function addUtcMonths(monthStart: Date, months: number): Date {
  return new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() + months, 1));
}

/** `cdp_events_pYYYY_MM` for the UTC month containing `date`. */
export function eventPartitionName(date: Date): string {
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `cdp_events_p${date.getUTCFullYear()}_${month}`;
}
