// Dates, times and money as the person reading them writes them.

export function formatDate(iso?: string): string {
  if (!iso) return "";
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return date.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

export function formatDateTime(iso?: string): string {
  if (!iso) return "";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

// The API's money is a decimal string with the currency's minor digits;
// it is shown as it is, never through a binary float.
export function formatMoney(value: string | undefined, currency: string): string {
  if (value === undefined || value === "") return "";
  try {
    const format = new Intl.NumberFormat(undefined, { style: "currency", currency, maximumFractionDigits: 20 });
    // Intl formats a decimal string exactly (no float in between).
    return format.format(value as unknown as number);
  } catch {
    return `${value} ${currency}`;
  }
}
