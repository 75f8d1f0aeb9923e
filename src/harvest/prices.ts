// Reads a price written as text: one amount, a range, a list, or a value with two readings (never guessed).

export type PriceReading =
  | { readonly kind: "number"; readonly value: string; readonly decimalComma: boolean }
  | { readonly kind: "range"; readonly min: string; readonly max: string; readonly list: boolean }
  | { readonly kind: "ambiguous"; readonly readings: readonly string[] }
  | { readonly kind: "unreadable" };

const AMOUNT = /^\d+(?:\.\d{1,2})?$/;
const RANGE = /^(?:de\s+|from\s+)?(\d+(?:\.\d{1,2})?)\s*(?:–|—|-|à|a|to)\s*(\d+(?:\.\d{1,2})?)$/i;

/** One amount or a range of amounts written with decimal points (`25`, `49.50`, `25 – 45`, `15 à 21`): [min, max]. */
function amounts(text: string): [number, number] | undefined {
  const t = text.trim();
  if (AMOUNT.test(t)) return [Number(t), Number(t)];
  const m = RANGE.exec(t);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a <= b ? [a, b] : undefined;
}

const decimalText = (n: number): string => String(n);

/**
 * How a price written as text reads. A comma is a decimal comma (`12,5`) or a list separator (`44 - 69,44 - 79`):
 * when both readings make sense (`49,46`: 49.46, or 49 and 46) the price is ambiguous and no number is made.
 */
export function readPrice(text: string): PriceReading {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return { kind: "number", value: t, decimalComma: false };
  const commas = (t.match(/,/g) ?? []).length;
  let asDecimal: [number, number] | undefined;
  if (commas === 1) asDecimal = amounts(t.replace(",", "."));
  let asList: [number, number] | undefined;
  if (commas >= 1) {
    const parts = t.split(",").map(amounts);
    if (parts.every((x) => x !== undefined))
      asList = [Math.min(...parts.map((x) => x[0])), Math.max(...parts.map((x) => x[1]))];
  }
  if (asDecimal && asList) {
    const one = asDecimal[0] === asDecimal[1] ? decimalText(asDecimal[0]) : `${asDecimal[0]} to ${asDecimal[1]}`;
    return {
      kind: "ambiguous",
      readings: [
        one,
        t
          .split(",")
          .map((x) => x.trim())
          .join(" and "),
      ],
    };
  }
  const single = commas === 0 ? amounts(t) : undefined;
  const r = asDecimal ?? asList ?? single;
  if (!r) return { kind: "unreadable" };
  if (r[0] === r[1] && !asList)
    return { kind: "number", value: decimalText(r[0]), decimalComma: asDecimal !== undefined };
  return { kind: "range", min: decimalText(r[0]), max: decimalText(r[1]), list: asList !== undefined };
}
