// Written in the no-semicolon style: every line that starts with ( [ or ` is guarded.
const add = (a, b) => a + b
const twice = f => x => f(f(x))
let total = 0

function accumulate(values) {
  for (const v of values) total = add(total, v)
  return total
}

// --- tests
accumulate([1, 2, 3])
;[4, 5].forEach(v => accumulate([v]))
console.log(total)
const inc = x => x + 1
console.log(twice(inc)(5))
;(function () { console.log('iife', add(1, 1)) })()
const tag = (strings, ...values) => strings.raw.join('|') + values.join(',')
console.log(tag`a${1}b${2}c`)
