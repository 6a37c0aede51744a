import { CURRENCIES, isCurrencyCode } from './currencies';
import type { CurrencyCode } from './currencies';

interface CurrencySelectProps {
  value: CurrencyCode;
  onChange: (currency: CurrencyCode) => void;
}

/** The currency amounts are shown in; it labels them, it does not convert them. */
export function CurrencySelect({ value, onChange }: CurrencySelectProps) {
  return (
    <div className="flex flex-col">
      <label htmlFor="roi-currency" className="text-sm font-medium text-slate-900">
        Currency
      </label>
      <select
        id="roi-currency"
        value={value}
        aria-describedby="roi-currency-hint"
        onChange={(event) => {
          const currency = event.target.value;
          if (isCurrencyCode(currency)) onChange(currency);
        }}
        className="mt-1.5 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-base text-slate-900 shadow-xs focus:border-indigo-600 sm:text-sm"
      >
        {CURRENCIES.map((currency) => (
          <option key={currency.code} value={currency.code}>
            {currency.code} · {currency.name}
          </option>
        ))}
      </select>
      <p id="roi-currency-hint" className="mt-1.5 text-xs leading-5 text-slate-600">
        Amounts are labelled, not converted.
      </p>
    </div>
  );
}
