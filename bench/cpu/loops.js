// Nested loops with integer arithmetic: same algorithm as loops.tnt.
let sum = 0;
for (let i = 0; i < 3000; i++) {
  for (let j = 0; j < 1000; j++) {
    sum = (sum + i * j + Math.trunc(j / 7)) % 1000003;
  }
}
console.log(sum);

let n = 0;
let steps = 0;
while (n < 2000000) {
  if (n % 3 === 0) {
    steps = steps + 2;
  } else {
    steps = steps - 1;
  }
  n = n + 1;
}
console.log(steps);
