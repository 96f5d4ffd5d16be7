// Sorting with the library: same data as sort.tnt, Array.prototype.sort with a numeric comparator.
const xs = [];
let x = 42;
for (let i = 0; i < 200000; i++) {
  x = (x * 1103 + 12345) % 1000003;
  xs.push(x);
}
const s = [...xs].sort((a, b) => a - b);
console.log(s[0]);
console.log(s[100000]);
console.log(s[199999]);
