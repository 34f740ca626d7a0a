var greeting = 'hello';
var count = 1;
function describe() { return `${greeting} x${count}`; }

// --- tests
var count = count + 1;
var greeting;
console.log(describe());
for (var i = 0; i < 3; i++) count += i;
console.log(count, i, typeof hoisted);
var hoisted = 'late';
console.log(hoisted, describe());
