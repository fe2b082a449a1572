/**
 * The app's icon as PNG bytes, drawn at build time (no image files in the repository, no image library):
 * the chart's 3×3 blocks on navy with the goal's block in gold, the motif inside the centre 60 % so the
 * same file works as a maskable icon (launchers crop up to the outer 20 %).
 */
import { deflateSync } from 'node:zlib';

const navy = [0x1f, 0x3a, 0x5f];
const light = [0xcf, 0xe0, 0xf3];
const gold = [0xf2, 0xa9, 0x00];

function crcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}
const table = crcTable();

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The colour of pixel (x, y) of a `size`-pixel icon. */
function colourAt(x: number, y: number, size: number): number[] {
  const start = size * 0.2;
  const span = size * 0.6;
  const u = (x - start) / span;
  const v = (y - start) / span;
  if (u < 0 || u >= 1 || v < 0 || v >= 1) return navy;
  const cell = 1 / 3;
  const column = Math.floor(u / cell);
  const row = Math.floor(v / cell);
  // A gap between the blocks, a tenth of a block.
  const inBlockU = u - column * cell;
  const inBlockV = v - row * cell;
  const gap = cell * 0.06;
  if (inBlockU < gap || inBlockU > cell - gap || inBlockV < gap || inBlockV > cell - gap) return navy;
  return row === 1 && column === 1 ? gold : light;
}

/** A square RGB PNG of `size` pixels. */
export function appIconPng(size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const rows = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    const offset = y * (size * 3 + 1); // each row starts with filter type 0
    for (let x = 0; x < size; x++) {
      const [r, g, b] = colourAt(x, y, size);
      rows[offset + 1 + x * 3] = r!;
      rows[offset + 2 + x * 3] = g!;
      rows[offset + 3 + x * 3] = b!;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
