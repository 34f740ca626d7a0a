const buffer = new ArrayBuffer(16);
const view = new DataView(buffer);
const bytes = new Uint8Array(buffer);
function checksum(data) {
  let sum = 0;
  for (const byte of data) sum = (sum + byte) & 0xff;
  return sum;
}

// --- tests
view.setUint32(0, 0xdeadbeef);
view.setFloat32(4, 1.5, true);
console.log(Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(''));
console.log(checksum(bytes), new Int16Array([70000, -70000]));
console.log(Buffer.from('héllo').toString('base64'), new TextEncoder().encode('€').length);
