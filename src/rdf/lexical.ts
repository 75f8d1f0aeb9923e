// The lexical forms the store keeps. Oxigraph stores typed literals by value and gives them back in one form
// ("10.0"^^xsd:decimal → "10", "PT90M" → "PT1H30M", "…+00:00" → "…Z"); the mapper writes those forms, so that
// `vivant map` and a Graph Store GET of the same records give the same literals (test/store/literals.test.ts checks
// these functions against Oxigraph itself).

/** xsd:decimal of a JS number in the store's form: no exponent, no trailing zeros, no point for an integer ("12", "9.5"). */
export function decimalLexical(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const fixed = n.toFixed(20).replace(/0+$/, "");
  return fixed.endsWith(".") ? fixed.slice(0, -1) : fixed;
}

const DURATION = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d+))?S)?)?$/;

/**
 * xsd:duration in the store's form: months folded into years, seconds into days, hours and minutes
 * ("PT90M" → "PT1H30M", "PT1H05M" → "PT1H5M", "P0D" → "PT0S"). Text that is not a duration is given back as it is.
 */
export function durationLexical(text: string): string {
  let d = durations.get(text);
  if (d === undefined) {
    d = durationText(text);
    if (durations.size > 10_000) durations.clear();
    durations.set(text, d);
  }
  return d;
}
// Durations repeat (a production's runs share one): each is read once.
const durations = new Map<string, string>();

function durationText(text: string): string {
  const m = DURATION.exec(text);
  if (!m || text.endsWith("T") || text === "P" || text === "-P") return text;
  const months = Number(m[2] ?? 0) * 12 + Number(m[3] ?? 0);
  const whole = Number(m[4] ?? 0) * 86_400 + Number(m[5] ?? 0) * 3_600 + Number(m[6] ?? 0) * 60 + Number(m[7] ?? 0);
  const fraction = (m[8] ?? "").replace(/0+$/, "");
  if (!Number.isSafeInteger(months) || !Number.isSafeInteger(whole)) return text;
  const zero = months === 0 && whole === 0 && fraction === "";
  let out = m[1] && !zero ? "-P" : "P";
  if (zero) return `${out}T0S`;
  const y = Math.floor(months / 12);
  const mo = months % 12;
  if (y !== 0) out += mo !== 0 ? `${y}Y${mo}M` : `${y}Y`;
  else if (mo !== 0 || (whole === 0 && fraction === "")) out += `${mo}M`;
  const d = Math.floor(whole / 86_400);
  const h = Math.floor((whole % 86_400) / 3_600);
  const mi = Math.floor((whole % 3_600) / 60);
  const s = whole % 60;
  if (d !== 0) out += `${d}D`;
  if (h !== 0 || mi !== 0 || s !== 0 || fraction !== "") {
    out += "T";
    if (h !== 0) out += `${h}H`;
    if (mi !== 0) out += `${mi}M`;
    if (s !== 0 || fraction !== "") out += `${s}${fraction ? `.${fraction}` : ""}S`;
  }
  return out;
}

const DATE_TIME = /^(-?\d{4,}-\d\d-\d\d(?:T\d\d:\d\d:\d\d)?)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/;

/**
 * xsd:dateTime / xsd:date in the store's form: UTC written `Z` (not `+00:00`), no trailing zeros in fractional
 * seconds. Other offsets and times are kept as written (the store keeps the offset).
 */
export function dateTimeLexical(text: string): string {
  // Fast path: most dates have neither a fraction nor a zero offset.
  if (!text.includes(".") && !text.endsWith("00:00")) return text;
  const m = DATE_TIME.exec(text);
  if (!m) return text;
  const fraction = m[2] !== undefined && m[1]!.includes("T") ? m[2].replace(/0+$/, "") : m[2];
  const zone = m[3] === "+00:00" || m[3] === "-00:00" ? "Z" : (m[3] ?? "");
  return `${m[1]}${fraction ? `.${fraction}` : ""}${zone}`;
}
