// Sieve of Eratosthenes to 300,000: same algorithm as sieve.tnt.
const n = 300000;
const flags = [];
for (let i = 0; i < n + 1; i++) {
  flags.push(true);
}
flags[0] = false;
flags[1] = false;
let p = 2;
while (p * p <= n) {
  if (flags[p]) {
    let j = p * p;
    while (j <= n) {
      flags[j] = false;
      j = j + p;
    }
  }
  p = p + 1;
}
let count = 0;
for (const f of flags) {
  if (f) {
    count = count + 1;
  }
}
console.log(count);
