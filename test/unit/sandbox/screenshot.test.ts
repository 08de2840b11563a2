import * as assert from 'node:assert/strict';
import { desktopScreenshot } from '../../../src/sandbox/ec2/screenshot';

/** Walks the marker segments of a baseline JPEG up to the scan; returns them with the frame size. */
function segments(jpeg: Buffer): { markers: number[]; width: number; height: number; components: number } {
  assert.equal(jpeg.readUInt16BE(0), 0xffd8, 'starts with SOI');
  assert.equal(jpeg.readUInt16BE(jpeg.length - 2), 0xffd9, 'ends with EOI');
  const markers: number[] = [];
  let width = 0;
  let height = 0;
  let components = 0;
  let at = 2;
  for (;;) {
    assert.equal(jpeg[at], 0xff, `marker at ${at}`);
    const marker = jpeg[at + 1] ?? 0;
    const length = jpeg.readUInt16BE(at + 2);
    markers.push(marker);
    if (marker === 0xc0) {
      height = jpeg.readUInt16BE(at + 5);
      width = jpeg.readUInt16BE(at + 7);
      components = jpeg[at + 9] ?? 0;
    }
    at += 2 + length;
    if (marker === 0xda) break;
  }
  // Entropy-coded data: every 0xFF is a stuffed 0xFF00 until the EOI marker.
  for (let i = at; i < jpeg.length - 2; i++) if (jpeg[i] === 0xff) assert.equal(jpeg[i + 1], 0, `stuffed at ${i}`);
  return { markers, width, height, components };
}

describe('sandbox console screenshot (a JPEG built in code)', () => {
  it('is a baseline JFIF JPEG of the asked size, three colour components', () => {
    const s = segments(desktopScreenshot(320, 240));
    assert.deepEqual(s.markers, [0xe0, 0xdb, 0xc0, 0xc4, 0xda]);
    assert.deepEqual([s.width, s.height, s.components], [320, 240, 3]);
    assert.ok(desktopScreenshot().length < 4096, 'flat blocks code small');
  });
});
