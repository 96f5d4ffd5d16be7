// Hand-written merge sort of 50,000 integers: same algorithm as msort.tnt.
function mergeSort(a) {
  const n = a.length;
  if (n <= 1) {
    return a;
  }
  const mid = Math.trunc(n / 2);
  const left = mergeSort(a.slice(0, mid));
  const right = mergeSort(a.slice(mid, n));
  const nl = left.length;
  const nr = right.length;
  const out = [];
  let i = 0;
  let j = 0;
  while (i < nl && j < nr) {
    if (left[i] <= right[j]) {
      out.push(left[i]);
      i = i + 1;
    } else {
      out.push(right[j]);
      j = j + 1;
    }
  }
  while (i < nl) {
    out.push(left[i]);
    i = i + 1;
  }
  while (j < nr) {
    out.push(right[j]);
    j = j + 1;
  }
  return out;
}

const xs = [];
let x = 7;
for (let i = 0; i < 50000; i++) {
  x = (x * 1103 + 12345) % 1000003;
  xs.push(x);
}
const s = mergeSort(xs);
console.log(s[0]);
console.log(s[25000]);
console.log(s[49999]);
