// Map churn: same algorithm as maps.tnt (insertion-ordered Map, string keys).
const counts = new Map();
for (let i = 0; i < 100000; i++) {
  const k = "k" + String((i * 7) % 1000);
  if (counts.has(k)) {
    counts.set(k, counts.get(k) + (i % 5));
  } else {
    counts.set(k, 1);
  }
}
let total = 0;
for (const k of counts.keys()) {
  total = total + counts.get(k);
}
console.log(counts.size);
console.log(total);
