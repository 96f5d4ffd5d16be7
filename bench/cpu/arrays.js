// Array churn: same algorithm as arrays.tnt.
let items = [];
for (let i = 0; i < 100000; i++) {
  items.push(i * 2);
}
let sum = 0;
for (const x of items) {
  sum = sum + x;
}
let k = 0;
const n = items.length;
while (k < n) {
  sum = sum + (items[k] % 7);
  k = k + 1;
}
console.log(items.length);
console.log(sum);
