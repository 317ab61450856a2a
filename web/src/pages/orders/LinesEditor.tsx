// An order's line items as a table to type in, with each line's total and
// the order's totals worked out as they are typed (money/lines.ts: the
// API's own arithmetic). Errors from the API name a line's field, such as
// lines[1].quantity, and are shown under it.

import type { ApiError } from "../../api/errors";
import type { OrderLineDraft } from "../../api/types";
import { formatMoney } from "../../format";
import { formatMinor, priceLine, sumLines } from "../../money/lines";

// The names the API gives a line's fields in its errors.
export function lineFields(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    ["description", "quantity", "unit_price", "tax_rate"].map((k) => `lines[${i}].${k}`)).flat();
}

export const EMPTY_LINE: OrderLineDraft = { description: "", quantity: "1", unit_price: "", tax_rate: "0" };

export function LinesEditor({ lines, currency, onChange, error, readOnly = false }: {
  lines: OrderLineDraft[];
  currency: string;
  onChange: (lines: OrderLineDraft[]) => void;
  error: ApiError | null;
  readOnly?: boolean;
}) {
  const amounts = lines.map((line) => priceLine(line, currency));
  const totals = sumLines(amounts);
  const set = (index: number, key: keyof OrderLineDraft, value: string) =>
    onChange(lines.map((line, i) => (i === index ? { ...line, [key]: value } : line)));
  const cell = (index: number, key: keyof OrderLineDraft, label: string, props: Record<string, unknown> = {}) => {
    const problem = error?.forField(`lines[${index}].${key}`);
    const id = `line-${index}-${key}`;
    return (
      <td data-label={label}>
        <input id={id} aria-label={`${label}, line ${index + 1}`} value={lines[index][key] ?? ""} readOnly={readOnly}
               aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-error` : undefined}
               onChange={(e) => set(index, key, e.target.value)} {...props} />
        {problem && <small id={`${id}-error`} className="field-error" role="alert">{problem}</small>}
      </td>
    );
  };
  const money = (minor: bigint | undefined) => (minor === undefined ? "—" : formatMoney(formatMinor(minor, currency), currency));
  return (
    <div className="lines">
      <table>
        <caption className="visually-hidden">Line items</caption>
        <thead>
          <tr>
            <th scope="col">Description</th><th scope="col">Quantity</th><th scope="col">Unit price</th>
            <th scope="col">Tax %</th><th scope="col" className="number">Line total</th>
            {!readOnly && <th scope="col"><span className="visually-hidden">Remove</span></th>}
          </tr>
        </thead>
        <tbody>
          {lines.map((_, i) => (
            <tr key={i}>
              {cell(i, "description", "Description")}
              {cell(i, "quantity", "Quantity", { inputMode: "decimal", className: "narrow" })}
              {cell(i, "unit_price", "Unit price", { inputMode: "decimal", className: "narrow" })}
              {cell(i, "tax_rate", "Tax rate", { inputMode: "decimal", className: "narrow" })}
              <td className="number" data-label="Line total" aria-label={`Total of line ${i + 1}`}>{money(amounts[i]?.total)}</td>
              {!readOnly && (
                <td>
                  <button type="button" aria-label={`Remove line ${i + 1}`} disabled={lines.length === 1}
                          onClick={() => onChange(lines.filter((__, k) => k !== i))}>
                    Remove
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {!readOnly && <button type="button" onClick={() => onChange([...lines, { ...EMPTY_LINE }])}>Add line</button>}
      <dl className="totals" aria-label="Totals" aria-live="polite">
        <dt>Subtotal</dt><dd data-testid="subtotal">{money(totals?.subtotal)}</dd>
        <dt>Tax</dt><dd data-testid="tax">{money(totals?.tax)}</dd>
        <dt>Total</dt><dd data-testid="total"><strong>{money(totals?.total)}</strong></dd>
      </dl>
      {totals && totals.total < 0n && <p className="field-error" role="alert">An order cannot total less than zero.</p>}
    </div>
  );
}
