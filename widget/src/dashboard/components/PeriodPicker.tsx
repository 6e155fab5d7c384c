const RANGES = [7, 30, 90];

/** How many days back a page looks, and a button to read it again now. */
export function PeriodPicker({
  id,
  days,
  onDays,
  onRefresh,
}: {
  id: string;
  days: number;
  onDays: (days: number) => void;
  onRefresh: () => void;
}) {
  return (
    <div class="row">
      <label for={id}>Period</label>
      <select id={id} value={days} onChange={(event) => onDays(Number(event.currentTarget.value))}>
        {RANGES.map((range) => (
          <option key={range} value={range}>
            Last {range} days
          </option>
        ))}
      </select>
      <button type="button" class="secondary" onClick={onRefresh}>
        Refresh
      </button>
    </div>
  );
}
