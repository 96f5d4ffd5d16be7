// String building: same algorithm as strings.tnt (ASCII, so length == UTF-8 bytes).
let s = "";
let total = 0;
for (let i = 0; i < 200000; i++) {
  s = s + "x" + String(i % 10);
  const line = `item ${i}: ${i * 2}`;
  total = total + line.length;
}
console.log(s.length);
console.log(total);
