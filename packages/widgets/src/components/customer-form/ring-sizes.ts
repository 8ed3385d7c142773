/**
 * The A–Z half-size ladder used in Australia and the UK, with US and EU equivalents from the
 * inside circumference: A is 37.8 mm and each letter adds 1.25 mm; EU sizes are the
 * circumference in mm, US size 0 is 36.54 mm and each US size adds 2.5535 mm (to the quarter).
 */
export interface RingSize {
  size: string;
  us: string;
  eu: string;
}

export const RING_SIZES: readonly RingSize[] = Array.from({ length: 51 }, (_, step) => {
  const letter = String.fromCharCode(65 + Math.floor(step / 2));
  const circumference = 37.8 + 0.625 * step;
  const us = Math.round(((circumference - 36.54) / 2.5535) * 4) / 4;
  return {
    size: step % 2 ? `${letter}½` : letter,
    us: String(us),
    eu: String(Math.round(circumference)),
  };
});
