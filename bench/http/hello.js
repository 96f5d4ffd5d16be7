// Start-up floor: the same program in plain JS.
console.log("Hello, World!");
