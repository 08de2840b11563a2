// GetConsoleScreenshot's image for a sandbox machine: a real baseline JPEG (ITU-T T.81), built here so no image
// library is needed. Every 8×8 block is one flat colour, so each block is a DC coefficient and an end-of-block:
// a desktop-blue screen with a dark taskbar, which is what a Windows Server console shows once it is up.
const BLOCK = 8;

type Rgb = readonly [number, number, number];

const DESKTOP: Rgb = [0, 120, 215];
const TASKBAR: Rgb = [32, 32, 32];

/** A width×height JPEG (multiples of 8 keep it exact) of a Windows desktop. */
export function desktopScreenshot(width = 320, height = 240): Buffer {
  const rows = Math.ceil(height / BLOCK);
  return solidBlocksJpeg(width, height, (_bx, by) => (by === rows - 1 ? TASKBAR : DESKTOP));
}

// Table K.3 of T.81 (the usual luminance DC table): categories 0..11, enough for any DC difference here.
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
// Only the end-of-block symbol (0x00) is ever coded among the AC coefficients: a one-symbol table.
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALUES = [0];

function solidBlocksJpeg(width: number, height: number, colour: (bx: number, by: number) => Rgb): Buffer {
  const dcCodes = canonicalCodes(DC_BITS, DC_VALUES);
  const eob = canonicalCodes(AC_BITS, AC_VALUES).get(0) ?? { code: 0, length: 1 };
  const bits = new BitWriter();
  const previous = [0, 0, 0];
  for (let by = 0; by < Math.ceil(height / BLOCK); by++) {
    for (let bx = 0; bx < Math.ceil(width / BLOCK); bx++) {
      const ycc = toYCbCr(colour(bx, by));
      ycc.forEach((value, c) => {
        // The DCT's DC term of a flat block is 8 × (value − 128); the quantisation table is all ones.
        const dc = Math.round(BLOCK * (value - 128));
        const diff = dc - (previous[c] ?? 0);
        previous[c] = dc;
        const category = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
        const code = dcCodes.get(category);
        if (!code) throw new Error(`DC category ${category} out of range`);
        bits.write(code.code, code.length);
        if (category > 0) bits.write(diff > 0 ? diff : diff + (1 << category) - 1, category);
        bits.write(eob.code, eob.length);
      });
    }
  }
  const scan = bits.finish();
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])), // JFIF 1.01
    segment(0xdb, Buffer.from([0, ...Array<number>(64).fill(1)])),
    segment(
      0xc0,
      Buffer.from([8, height >> 8, height & 255, width >> 8, width & 255, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
    ),
    segment(0xc4, Buffer.from([0x00, ...DC_BITS, ...DC_VALUES, 0x10, ...AC_BITS, ...AC_VALUES])),
    segment(0xda, Buffer.from([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0])),
    scan,
    Buffer.from([0xff, 0xd9]),
  ]);
}

function segment(marker: number, body: Buffer): Buffer {
  const length = body.length + 2;
  return Buffer.concat([Buffer.from([0xff, marker, length >> 8, length & 255]), body]);
}

function toYCbCr([r, g, b]: Rgb): [number, number, number] {
  return [
    0.299 * r + 0.587 * g + 0.114 * b,
    128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
    128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
  ];
}

/** Huffman codes from the DHT form: how many codes of each length 1..16, then the symbols in order. */
function canonicalCodes(counts: number[], symbols: number[]): Map<number, { code: number; length: number }> {
  const out = new Map<number, { code: number; length: number }>();
  let code = 0;
  let k = 0;
  counts.forEach((count, i) => {
    for (let n = 0; n < count; n++) out.set(symbols[k++] ?? 0, { code: code++, length: i + 1 });
    code <<= 1;
  });
  return out;
}

class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private used = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.current = (this.current << 1) | ((value >> i) & 1);
      if (++this.used === 8) this.flushByte();
    }
  }

  /** Pads with one-bits, as T.81 asks. */
  finish(): Buffer {
    while (this.used !== 0) this.write(1, 1);
    return Buffer.from(this.bytes);
  }

  private flushByte(): void {
    this.bytes.push(this.current);
    // A 0xFF in entropy-coded data is followed by a stuffed zero byte so it cannot read as a marker.
    if (this.current === 0xff) this.bytes.push(0);
    this.current = 0;
    this.used = 0;
  }
}
