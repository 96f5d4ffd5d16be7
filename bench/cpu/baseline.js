// Start-up baseline counterpart of baseline.tnt.
console.log(1);
