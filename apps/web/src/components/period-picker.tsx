export interface Period {
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * From and to dates; empty fields show the period the API chose (the 30 days up to the latest data).
 * A change is passed up only when the date is complete and the range is in order.
 */
export function PeriodPicker({
  value,
  resolved,
  onChange,
}: {
  value: Period;
  resolved: { from: string; to: string } | undefined;
  onChange: (next: Period) => void;
}) {
  const from = value.from ?? resolved?.from ?? '';
  const to = value.to ?? resolved?.to ?? '';
  return (
    <fieldset className="period-picker">
      <legend className="visually-hidden">Period</legend>
      <label>
        From{' '}
        <input
          type="date"
          value={from}
          max={to || undefined}
          onChange={(e) => onChange({ ...value, from: e.target.value || undefined })}
        />
      </label>
      <label>
        To{' '}
        <input
          type="date"
          value={to}
          min={from || undefined}
          onChange={(e) => onChange({ ...value, to: e.target.value || undefined })}
        />
      </label>
    </fieldset>
  );
}
