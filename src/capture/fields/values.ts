// Which typed values are worth saving.

/** A value made only of mask characters, as pages show for a password they will not reveal ("••••", "****"). */
export function isMasked(value: string): boolean {
  return /^[\s•●∙·◦*＊⁕✱xX\u2022\u25cf\u25e6\u2219\u00b7-]+$/.test(value) && /[•●∙·◦*＊⁕✱\u2022\u25cf\u25e6\u2219\u00b7]/.test(value);
}

/** 13 to 19 digits (spaces and dashes allowed) that pass the Luhn check. */
export function isCardNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A typed value that can be saved as a username or password. */
export function isUsableValue(value: string): boolean {
  return value.trim().length >= 2 && !isMasked(value) && !isCardNumber(value);
}
