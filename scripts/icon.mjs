#!/usr/bin/env node
// Draws the app icon, build/icon.png (1024×1024, RGBA), from which electron-builder makes every
// platform's icon: the macOS .icns, the Windows .ico and the Linux icon set. Run it after changing
// the drawing; the PNG is committed so that packaging needs no drawing step.
//
//   node scripts/icon.mjs
//
// The picture: a tessera is a mosaic tile; three rows of tiles on a dark rounded square, the
// rows in the colours of prose, JavaScript and TypeScript cells.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const size = 1024;
const out = fileURLToPath(new URL('../build/icon.png', import.meta.url));

/** Coverage (0..1) of pixel (x, y) by a rounded rectangle, antialiased over one pixel. */
function roundedRect(x, y, left, top, width, height, radius) {
  const cx = Math.min(Math.max(x, left + radius), left + width - radius);
  const cy = Math.min(Math.max(y, top + radius), top + height - radius);
  const distance = Math.hypot(x - cx, y - cy);
  return Math.min(Math.max(radius - distance + 0.5, 0), 1);
}

// macOS's icon grid: the shape fills 824 of 1024 pixels, centred, corners of about 185.
const margin = 100;
const background = { left: margin, top: margin, width: size - 2 * margin, height: size - 2 * margin, radius: 185 };
const rows = [
  ['#e8e2d0', '#d9d1bb', '#e8e2d0'],
  ['#f0c43c', '#e3a92b', '#f0c43c'],
  ['#3b82c4', '#2f6fae', '#3b82c4'],
];
const tile = 176;
const gap = 36;
const gridLeft = (size - (3 * tile + 2 * gap)) / 2;

function hex(colour) {
  return [1, 3, 5].map((index) => parseInt(colour.slice(index, index + 2), 16));
}

const pixels = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) {
  const row = y * (size * 4 + 1);
  pixels[row] = 0; // PNG filter: none
  for (let x = 0; x < size; x++) {
    const px = x + 0.5;
    const py = y + 0.5;
    const shape = roundedRect(px, py, background.left, background.top, background.width, background.height, background.radius);
    // A dark slate, lighter towards the top.
    let colour = [24 + (40 * (size - y)) / size, 32 + (40 * (size - y)) / size, 44 + (44 * (size - y)) / size];
    for (const [rowIndex, colours] of rows.entries()) {
      for (const [column, tileColour] of colours.entries()) {
        const left = gridLeft + column * (tile + gap);
        const top = gridLeft + rowIndex * (tile + gap);
        const cover = roundedRect(px, py, left, top, tile, tile, 28);
        if (cover > 0) colour = colour.map((channel, index) => channel * (1 - cover) + hex(tileColour)[index] * cover);
      }
    }
    const offset = row + 1 + x * 4;
    pixels[offset] = Math.round(colour[0]);
    pixels[offset + 1] = Math.round(colour[1]);
    pixels[offset + 2] = Math.round(colour[2]);
    pixels[offset + 3] = Math.round(255 * shape);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bits per channel
header[9] = 6; // RGBA
writeFileSync(
  out,
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
console.log(`wrote ${out}`);
